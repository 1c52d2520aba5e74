import type { Messages } from '../index.js';

// CLI output of `teampulse import signals` and `teampulse purge`.
export const signals = {
  'signals.import.summary': {
    'zh-CN':
      '{file}：读取 {rows} 行，新增 {accepted} 条，重复 {duplicates} 条，未知员工 {unknown} 条，超出保留期 {expired} 条，无效行 {bad} 行（{rate} 行/秒）',
    en: '{file}: {rows} rows read, {accepted} stored, {duplicates} duplicates, {unknown} for unknown employees, {expired} older than the retention window, {bad} bad lines ({rate} rows/s)',
  },
  'signals.import.unknownEmployees': {
    'zh-CN': '目录中不存在的员工：{ids}',
    en: 'not in the directory: {ids}',
  },
  'signals.import.badLine': {
    'zh-CN': '第 {line} 行：{path} {message}',
    en: 'line {line}: {path} {message}',
  },
  'signals.import.moreBadLines': {
    'zh-CN': '……另有 {count} 行无效',
    en: '… and {count} more bad lines',
  },
  'signals.import.failed': {
    'zh-CN': '导入失败，未写入任何数据：{reason}',
    en: 'import failed, nothing was written: {reason}',
  },
  'signals.import.rejected': {
    'zh-CN': '{bad} 行无效，未导入任何数据（请修正，或使用 --skip-invalid 导入其余各行）',
    en: '{bad} bad lines: nothing imported (fix them, or pass --skip-invalid to load the rest)',
  },
  'signals.purge.summary': {
    'zh-CN': '已删除 {deleted} 条 {cutoff} 之前的原始事件；每日汇总保留不变',
    en: 'purged {deleted} raw events from before {cutoff}; daily rollups are kept',
  },
} satisfies Messages;

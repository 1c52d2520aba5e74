import type { Messages } from '../index.js';

export const common = {
  'common.yes': { 'zh-CN': '是', en: 'yes' },
  'common.no': { 'zh-CN': '否', en: 'no' },
  'common.noData': { 'zh-CN': '无数据', en: 'no data' },
} satisfies Messages;

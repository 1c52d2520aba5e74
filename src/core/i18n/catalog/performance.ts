import type { Messages } from '../index.js';

// Scorecards, development plans and onboarding (issue J).
export const performance = {
  'scorecard.title': {
    'zh-CN': '{name} 的绩效考评（{period}，{from} 至 {to}）',
    en: '{name} — scorecard {period} ({from} to {to})',
  },
  'scorecard.component.individual': { 'zh-CN': '个人业绩', en: 'Individual result' },
  'scorecard.component.helping': { 'zh-CN': '帮助同事', en: 'Helping colleagues' },
  'scorecard.component.projects': { 'zh-CN': '团队项目', en: 'Team projects' },
  'scorecard.component.resources': { 'zh-CN': '资源共享', en: 'Resource sharing' },
  'scorecard.line': {
    'zh-CN': '{label}：{value} × 权重 {weight}% = {points} 分（{source}）',
    en: '{label}: {value} × weight {weight}% = {points} points ({source})',
  },
  'scorecard.line.missing': {
    'zh-CN': '{label}：本期无记录 × 权重 {weight}%（{source}）',
    en: '{label}: no result recorded for the period × weight {weight}% ({source})',
  },
  'scorecard.multiplier.met': {
    'zh-CN': '团队已达成目标：个人业绩权重 {base}% × {multiplier} = {weight}%（{source}）',
    en: 'team met its goal: individual weight {base}% × {multiplier} = {weight}% ({source})',
  },
  'scorecard.multiplier.missed': {
    'zh-CN': '团队未达成目标：个人业绩权重 {base}% × {multiplier} = {weight}%（{source}）',
    en: 'team missed its goal: individual weight {base}% × {multiplier} = {weight}% ({source})',
  },
  'scorecard.multiplier.none': {
    'zh-CN': '本期无团队目标记录：个人业绩权重 {base}%',
    en: 'no team goal recorded for the period: individual weight {base}%',
  },
  'scorecard.collaboration': {
    'zh-CN':
      '团队协作合计权重 {weight}%（帮助 {helps} 次、团队项目 {projects} 个、资源共享 {shares} 次，{weeks} 个工作周）',
    en: 'team collaboration {weight}% in all ({helps} helps, {projects} team projects, {shares} resource shares in {weeks} working weeks)',
  },
  'scorecard.total': { 'zh-CN': '总分：{total}', en: 'Total: {total}' },
  'scorecard.total.missing': {
    'zh-CN': '总分：—（本期无个人业绩）',
    en: 'Total: — (no individual result for the period)',
  },
  'scorecard.source.default': { 'zh-CN': '默认', en: 'default' },
  'scorecard.source.tenant': { 'zh-CN': '公司设置 v{version}', en: 'company setting v{version}' },
  'scorecard.source.team': { 'zh-CN': '团队 {subject} 设置 v{version}', en: 'team {subject} setting v{version}' },
  'scorecard.source.employee': { 'zh-CN': '个人设置 v{version}', en: 'personal setting v{version}' },
} satisfies Messages;

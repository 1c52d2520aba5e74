// Why someone left: the codes `departed <person> <reason>` records on the departure signal (and HR systems may send).
// Each code has a zh-CN and an en label in the i18n catalogue (`exit.reason.<code>`). Other areas may add codes
// (the scorecards area reads them to learn which drivers precede exits): append here and add both labels.
export const EXIT_REASONS = [
  'compensation',
  'manager',
  'growth',
  'workload',
  'team',
  'recognition',
  'relocation',
  'personal',
  'health',
  'performance',
  'restructuring',
  'other',
] as const;

export type ExitReason = (typeof EXIT_REASONS)[number];

export const isExitReason = (value: string): value is ExitReason => (EXIT_REASONS as readonly string[]).includes(value);

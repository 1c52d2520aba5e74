// The verbs of `teampulse`, loaded lazily: `--help` and `--version` load none of them, and a call loads only the
// verb it names (each verb pulls in the database drivers, the HTTP framework or the scoring engine it needs).
import type { Command } from 'commander';
import type { CliIo } from './context.js';

/** Adds a verb's options, arguments, sub-verbs and action to the command created for it. */
export type RegisterVerb = (command: Command, io: CliIo) => void;

export interface Verb {
  name: string;
  description: string;
  load(): Promise<RegisterVerb>;
}

/** Each verb and what it does, as `teampulse --help` lists them (in this order). */
const DESCRIPTIONS = {
  serve: 'run the service: HTTP API, scheduler and outbox worker (what `npm start` runs)',
  migrate: 'apply pending database migrations and exit',
  demo: 'create the demo organisation "Demo Co" (4 teams, ~40 people, 12 weeks of synthetic history) and plan its alerts',
  tenant: 'create, list and delete tenants (one per company or legal entity)',
  token: 'API tokens (Authorization: Bearer <token>)',
  role: 'role grants: HR contacts and admins, tenant-wide or per team sub-tree',
  audit: 'the audit log of a tenant: who read or changed what about whom, when, through which platform',
  outbox: 'inspect and retry outgoing chat messages',
  console: 'chat with teampulse as one person on the console platform (see messages, press buttons, run commands)',
  score: 'score attrition risk, collaboration and team atmosphere now (default: yesterday in each tenant time zone)',
  calendar: "a tenant's working calendar: region, working weekdays, company days off and extra working days",
  import: 'import data from files: `import employees`, `import signals`, `import goals`',
  platform: 'connect tenants to Slack, DingTalk or WeCom (secrets stored sealed): add, list, remove, rotate-key',
  slack: 'Slack: `slack install-link --tenant <slug>` prints the signed link that installs a workspace for a tenant',
  sync: "read a chat platform's address book into the directory: `sync dingtalk` (departments → teams, managers, members → employees)",
  survey:
    'pulse surveys: the question bank (questions, question add|edit|retire), settings, send a round now, close, results',
  scorecard: "a person's performance scorecard for a month or quarter (results + collaboration, weights and sources)",
  weights: 'scorecard weights: `weights set` (tenant, --team or --employee; versioned, audited), `weights list`',
  plan: 'development plans: `plan start <person> <template>`, `plan list <person>`, `plan nudge`',
  report:
    'reports: `report exits` (who left, why, flagged?), `report accuracy` (precision/recall), `report onboarding`, `report reasons`',
  purge:
    'delete raw signal events older than the retention window (TEAMPULSE_RAW_EVENT_RETENTION_DAYS); rollups are kept',
  erasure: "erased people's tombstones: lift one so a later import or directory sync may create them again",
} as const;

type VerbName = keyof typeof DESCRIPTIONS;

/** How each verb's module is loaded (a dynamic import, so only the called verb's dependencies are read). */
const LOADERS: Record<VerbName, () => Promise<RegisterVerb>> = {
  serve: async () => (await import('./commands/serve.js')).registerServe,
  migrate: async () => (await import('./commands/migrate.js')).registerMigrate,
  demo: async () => (await import('./commands/demo.js')).registerDemo,
  tenant: async () => (await import('./commands/tenant.js')).registerTenant,
  token: async () => (await import('./commands/token.js')).registerToken,
  role: async () => (await import('./commands/role.js')).registerRole,
  audit: async () => (await import('./commands/audit.js')).registerAudit,
  outbox: async () => (await import('./commands/outbox.js')).registerOutbox,
  console: async () => (await import('./commands/console.js')).registerConsole,
  score: async () => (await import('./commands/score.js')).registerScore,
  calendar: async () => (await import('./commands/calendar.js')).registerCalendar,
  import: loadImport,
  platform: async () => (await import('./commands/platform.js')).registerPlatform,
  slack: async () => (await import('./commands/slack.js')).registerSlack,
  sync: async () => (await import('./commands/sync.js')).registerSync,
  survey: async () => (await import('./commands/survey.js')).registerSurvey,
  scorecard: async () => (await import('./commands/scorecard.js')).registerScorecard,
  weights: async () => (await import('./commands/weights.js')).registerWeights,
  plan: async () => (await import('./commands/plan.js')).registerPlan,
  report: async () => (await import('./commands/report.js')).registerReport,
  purge: async () => (await import('./commands/purge.js')).registerPurge,
  erasure: async () => (await import('./commands/erasure.js')).registerErasure,
};

/** `import` has one sub-verb a kind of file, each in its own module. */
async function loadImport(): Promise<RegisterVerb> {
  const [employees, signals, goals] = await Promise.all([
    import('./commands/import-employees.js'),
    import('./commands/import-signals.js'),
    import('./commands/import-goals.js'),
  ]);
  return (command, io) => {
    employees.registerImportEmployees(command, io);
    signals.registerImportSignals(command, io);
    goals.registerImportGoals(command, io);
  };
}

export const VERBS: readonly Verb[] = (Object.keys(DESCRIPTIONS) as VerbName[]).map((name) => ({
  name,
  description: DESCRIPTIONS[name],
  load: LOADERS[name],
}));

/** The verb a command line names (`teampulse help <verb>` names one too), if any. */
export function verbNamed(argv: readonly string[]): Verb | undefined {
  const words = argv.filter((token) => !token.startsWith('-'));
  const name = words[0] === 'help' ? words[1] : words[0];
  return VERBS.find((verb) => verb.name === name);
}

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

export const VERBS: readonly Verb[] = [
  {
    name: 'serve',
    description: 'run the service: HTTP API, scheduler and outbox worker (what `npm start` runs)',
    load: async () => (await import('./commands/serve.js')).registerServe,
  },
  {
    name: 'migrate',
    description: 'apply pending database migrations and exit',
    load: async () => (await import('./commands/migrate.js')).registerMigrate,
  },
  {
    name: 'demo',
    description:
      'create the demo organisation "Demo Co" (4 teams, ~40 people, 12 weeks of synthetic history) and plan its alerts',
    load: async () => (await import('./commands/demo.js')).registerDemo,
  },
  {
    name: 'tenant',
    description: 'create, list and delete tenants (one per company or legal entity)',
    load: async () => (await import('./commands/tenant.js')).registerTenant,
  },
  {
    name: 'token',
    description: 'API tokens (Authorization: Bearer <token>)',
    load: async () => (await import('./commands/token.js')).registerToken,
  },
  {
    name: 'role',
    description: 'role grants: HR contacts and admins, tenant-wide or per team sub-tree',
    load: async () => (await import('./commands/role.js')).registerRole,
  },
  {
    name: 'audit',
    description: 'the audit log of a tenant: who read or changed what about whom, when, through which platform',
    load: async () => (await import('./commands/audit.js')).registerAudit,
  },
  {
    name: 'outbox',
    description: 'inspect and retry outgoing chat messages',
    load: async () => (await import('./commands/outbox.js')).registerOutbox,
  },
  {
    name: 'console',
    description:
      'chat with teampulse as one person on the console platform (see messages, press buttons, run commands)',
    load: async () => (await import('./commands/console.js')).registerConsole,
  },
  {
    name: 'score',
    description:
      'score attrition risk, collaboration and team atmosphere now (default: yesterday in each tenant time zone)',
    load: async () => (await import('./commands/score.js')).registerScore,
  },
  {
    name: 'calendar',
    description: "a tenant's working calendar: region, working weekdays, company days off and extra working days",
    load: async () => (await import('./commands/calendar.js')).registerCalendar,
  },
  {
    name: 'import',
    description: 'import data from files: `import employees`, `import signals`, `import goals`',
    load: async () => {
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
    },
  },
  {
    name: 'platform',
    description: 'connect tenants to Slack, DingTalk or WeCom (secrets stored sealed): add, list, remove, rotate-key',
    load: async () => (await import('./commands/platform.js')).registerPlatform,
  },
  {
    name: 'slack',
    description:
      'Slack: `slack install-link --tenant <slug>` prints the signed link that installs a workspace for a tenant',
    load: async () => (await import('./commands/slack.js')).registerSlack,
  },
  {
    name: 'sync',
    description:
      "read a chat platform's address book into the directory: `sync dingtalk` (departments → teams, managers, members → employees)",
    load: async () => (await import('./commands/sync.js')).registerSync,
  },
  {
    name: 'survey',
    description:
      'pulse surveys: the question bank (questions, question add|edit|retire), settings, send a round now, close, results',
    load: async () => (await import('./commands/survey.js')).registerSurvey,
  },
  {
    name: 'scorecard',
    description:
      "a person's performance scorecard for a month or quarter (results + collaboration, weights and sources)",
    load: async () => (await import('./commands/scorecard.js')).registerScorecard,
  },
  {
    name: 'weights',
    description: 'scorecard weights: `weights set` (tenant, --team or --employee; versioned, audited), `weights list`',
    load: async () => (await import('./commands/weights.js')).registerWeights,
  },
  {
    name: 'plan',
    description: 'development plans: `plan start <person> <template>`, `plan list <person>`, `plan nudge`',
    load: async () => (await import('./commands/plan.js')).registerPlan,
  },
  {
    name: 'report',
    description:
      'reports: `report exits` (who left, why, flagged?), `report accuracy` (precision/recall), `report onboarding`, `report reasons`',
    load: async () => (await import('./commands/report.js')).registerReport,
  },
  {
    name: 'purge',
    description:
      'delete raw signal events older than the retention window (TEAMPULSE_RAW_EVENT_RETENTION_DAYS); rollups are kept',
    load: async () => (await import('./commands/purge.js')).registerPurge,
  },
  {
    name: 'erasure',
    description: "erased people's tombstones: lift one so a later import or directory sync may create them again",
    load: async () => (await import('./commands/erasure.js')).registerErasure,
  },
];

/** The verb a command line names (`teampulse help <verb>` names one too), if any. */
export function verbNamed(argv: readonly string[]): Verb | undefined {
  const words = argv.filter((token) => !token.startsWith('-'));
  const name = words[0] === 'help' ? words[1] : words[0];
  return VERBS.find((verb) => verb.name === name);
}

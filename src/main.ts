// The one composition root of the running service: configuration, logger, database, migrations,
// HTTP app, background workers — and their orderly shutdown.
import closeWithGrace from 'close-with-grace';
import type { Kysely } from 'kysely';
import { loadConfig, type Config } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { openDatabase, type DatabaseHandle } from './storage/db.js';
import { migrateToLatest } from './storage/migrator.js';
import { buildApp } from './http/app.js';
import { startDemoIfEmpty } from './app/demo/start.js';
import { dropScratchLeftByCrash } from './app/recovery.js';
import { createConsoleAdapter } from '../adapters/console/index.js';
import { OutboxWorker } from './delivery/worker.js';
import { buildInboundDispatcher } from './app/inbound/handlers.js';
import { createScheduler } from './scheduler/index.js';
import { createScoringJob, createSurveyJob } from './scheduler/jobs.js';
import { alertsAfterTenantScored, weeklyDigestJob } from './app/alerts/index.js';
import { planNudgesJob } from './app/performance/plans/nudges.js';
import { planProgressJob } from './app/performance/plans/progress.js';
import { purgeRawEventsJob } from './app/signals/retention.js';
import { purgeAuditLogJob } from './app/privacy/audit.js';
import { purgeClosedAlertsJob } from './app/alerts/retention.js';
import type { BackgroundWorker } from './background.js';
import { InboxWorker } from './app/inbound/inbox-worker.js';
import { createInboundSink, type AppInboundSink } from './app/inbound/sink.js';
import {
  connectTenantPlatforms,
  createInstallationRegistry,
  envInstallations,
  InstallationDirectory,
  secretBoxFromConfig,
} from './app/platforms/index.js';
import { countPlatformInstallations } from './app/platforms/status.js';
import { createPlatformRuntimes, type ChatPlatformRuntime } from './compose/platforms.js';
import { syncPlatformDirectory } from './app/platforms/sync.js';
import { databaseSendLedger } from './app/platforms/send-ledger.js';
import type { DirectorySource } from './core/directory-port.js';
import { writeConsoleSecret, type ConsoleSecret } from './app/console/secret.js';
import type { PlatformAdapter } from './core/platform.js';
import type { InboundDispatcher } from './app/inbound/dispatch.js';

export async function startService(env: Record<string, string | undefined>): Promise<void> {
  const config = loadConfig(env);
  const logger = createServiceLogger(config);
  const handle = await openServiceDatabase(config, logger);
  const platforms = await connectChatPlatforms(config, handle, logger);

  // Delivery: the console platform is active when no chat platform is configured (messages print to this terminal;
  // `teampulse console --as <id>` answers them through the loopback /console routes). The console adapter stays
  // registered either way: it serves recipients without an identity on their tenant's platform.
  const adapters = [createConsoleAdapter(process.stdout), ...platforms.runtimes.map((r) => r.adapter)];
  const consoleActive = !platforms.configured;
  // The /console routes answer only with this start's secret, written 0600 to the data directory for the CLI.
  const consoleSecret = consoleActive ? await writeConsoleSecret(config.dataDir) : undefined;

  const app = await buildServiceApp(config, handle, logger, platforms, consoleSecret);
  const workers = backgroundWorkers(config, handle, logger, platforms, adapters);
  shutDownOnSignal(logger, { app, workers, sink: platforms.sink, handle, consoleSecret });

  await app.listen({ port: config.port, host: config.host });
  // First start with an empty embedded database and no chat platform: build Demo Co, score it, plan its alerts —
  // after listening, so the API answers at once, and before the workers start, so the scheduler's catch-up sees
  // the demo already scored and the outbox prints its alerts right after.
  await startDemoIfEmpty(
    { db: handle.db, quietHours: config.quietHours, logger, baseUrl: config.baseUrl, terminal: process.stderr },
    { demo: config.demo, databaseUrl: config.databaseUrl, platformConfigured: platforms.configured },
  );
  for (const worker of workers) await worker.start();
  logger.info({ url: config.baseUrl, docs: `${config.baseUrl}/docs` }, 'teampulse is ready');
}

function createServiceLogger(config: Config): Logger {
  return createLogger({
    level: config.logLevel,
    pretty: config.logFormat === 'pretty' || (config.logFormat === 'auto' && Boolean(process.stdout.isTTY)),
  });
}

/** Opens the database, brings its schema up to date and clears what a crashed process left (closed on failure). */
async function openServiceDatabase(config: Config, logger: Logger): Promise<DatabaseHandle> {
  const handle = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.poolSize,
  });
  logger.info(
    { dialect: handle.dialect, dataDir: handle.dialect === 'pglite' ? config.dataDir : undefined },
    handle.dialect === 'pglite'
      ? 'using embedded PGlite (no fsync: for trying out, not production; set DATABASE_URL for PostgreSQL)'
      : 'using PostgreSQL',
  );

  try {
    const applied = await migrateToLatest(handle.db as Kysely<unknown>, handle.schema);
    if (applied.length) logger.info({ applied }, 'migrations applied');
    // Work tables of a scoring run or an upload that a killed process left behind.
    const dropped = await dropScratchLeftByCrash(handle.db, {
      exclusive: handle.dialect === 'pglite',
      requestTimeoutMs: config.requestTimeoutMs,
    });
    if (dropped.length) logger.warn({ dropped }, 'dropped work tables left by a process that stopped mid-run');
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}

interface ChatPlatforms {
  readonly dispatcher: InboundDispatcher;
  readonly inbox: InboxWorker;
  readonly sink: AppInboundSink;
  readonly runtimes: ChatPlatformRuntime[];
  /** Any platform in the environment, a Slack OAuth app, or a stored installation. */
  readonly configured: boolean;
}

/**
 * Chat platforms: credentials from the environment belong to the default tenant; stored installations (sealed
 * with TEAMPULSE_ENCRYPTION_KEY) to theirs. Inbound deliveries are persisted in the inbox first and turned into
 * signals by the inbox worker; interactions go through the one dispatcher.
 */
async function connectChatPlatforms(config: Config, handle: DatabaseHandle, logger: Logger): Promise<ChatPlatforms> {
  const now = () => new Date();
  const secretBox = secretBoxFromConfig(config);
  const installations = new InstallationDirectory({
    db: handle.db,
    env: envInstallations(config),
    logger,
    ...(secretBox ? { secretBox } : {}),
    ...(config.defaultTenant ? { defaultTenantSlug: config.defaultTenant } : {}),
  });
  const dispatcher = buildInboundDispatcher({
    db: handle.db,
    now,
    logger,
    quietHours: config.quietHours,
    baseUrl: config.baseUrl,
  });
  const inbox = new InboxWorker({ db: handle.db, logger, retentionDays: config.rawEventRetentionDays });
  const sink = createInboundSink({ db: handle.db, dispatcher, now, wakeInbox: () => inbox.wake() });
  // Contact events (DingTalk/WeCom) re-read the tenant's address book through the directory sync use case.
  const syncDirectory = (tenantId: string, source: DirectorySource) =>
    syncPlatformDirectory(handle.db, tenantId, source, { actor: `${source.platform}:address-book`, now });
  const registry = createInstallationRegistry({ db: handle.db, secretBox, directory: installations });
  // WeCom's per-member limits are counted across replicas in the database.
  const sendLedger = databaseSendLedger(handle.db);
  // Without any Slack workspace at start, the Slack SDKs load on first use (a /slack/* request, a Slack DM).
  const runtimes = await createPlatformRuntimes(
    config,
    { installations, registry, sink, logger, now, syncDirectory, sendLedger },
    { slackInstalled: (await countPlatformInstallations(handle.db, 'slack')) > 0 },
  );
  const configured =
    envInstallations(config).length > 0 ||
    config.slack?.oauth !== undefined ||
    (await countPlatformInstallations(handle.db)) > 0;
  // Tenants with an installation send their people's messages on that platform (unless settings name another).
  if (configured) await connectTenantPlatforms(handle.db, installations);
  return { dispatcher, inbox, sink, runtimes, configured };
}

function buildServiceApp(
  config: Config,
  handle: DatabaseHandle,
  logger: Logger,
  platforms: ChatPlatforms,
  consoleSecret: ConsoleSecret | undefined,
) {
  return buildApp({
    db: handle.db,
    schema: handle.schema,
    logger,
    bodyLimitBytes: config.bodyLimitBytes,
    requestTimeoutMs: config.requestTimeoutMs,
    connectionTimeoutMs: config.connectionTimeoutMs,
    authFailureLimit: { max: config.authFailuresPerMinute, windowMs: 60_000 },
    rawEventRetentionDays: config.rawEventRetentionDays,
    platformRoutes: platforms.runtimes.flatMap((r) => (r.routes ? [r.routes] : [])),
    trustProxy: config.trustProxy,
    ...(consoleSecret ? { console: { dispatcher: platforms.dispatcher, secret: consoleSecret.secret } } : {}),
  });
}

/** The workers in start order (they stop in reverse): inbox, the platforms' own, outbox, scheduler. */
function backgroundWorkers(
  config: Config,
  handle: DatabaseHandle,
  logger: Logger,
  platforms: ChatPlatforms,
  adapters: PlatformAdapter[],
): BackgroundWorker[] {
  const workers: BackgroundWorker[] = [platforms.inbox, ...platforms.runtimes.flatMap((r) => r.workers ?? [])];
  if (config.outboxWorker) {
    workers.push(new OutboxWorker({ db: handle.db, adapters, logger, maxAttempts: config.outboxMaxAttempts }));
  }
  if (config.scheduler) {
    // Every replica may run the scheduler: each slot is claimed in job_runs, so it runs once across replicas.
    workers.push(
      createScheduler({
        db: handle.db,
        logger,
        defaultTimezone: config.timezone,
        catchUp: true,
        leaseMs: config.jobLeaseMs,
        // PGlite is one process (the data-directory lock): a slot left running is a dead process's, at once.
        exclusive: handle.dialect === 'pglite',
        jobs: scheduledJobs(config, handle, logger, platforms.runtimes),
      }),
    );
  }
  return workers;
}

function scheduledJobs(config: Config, handle: DatabaseHandle, logger: Logger, runtimes: ChatPlatformRuntime[]) {
  const alertDeps = { db: handle.db, quietHours: config.quietHours, logger };
  return [
    createScoringJob({
      cron: config.scoringCron,
      deps: { logger, afterTenantScored: alertsAfterTenantScored(alertDeps) },
    }),
    weeklyDigestJob(alertDeps, config.digestCron),
    createSurveyJob({ quietHours: config.quietHours }),
    // Development plans: due-step nudges daily, the managers' progress line weekly (issue J).
    planNudgesJob(alertDeps),
    planProgressJob(alertDeps),
    purgeRawEventsJob({ db: handle.db, retentionDays: config.rawEventRetentionDays }),
    purgeAuditLogJob({ db: handle.db, years: config.auditRetentionYears }),
    purgeClosedAlertsJob({ db: handle.db, retentionDays: config.alertRetentionDays }),
    // Adapters' pulls of OA data (DingTalk leave, WeCom approvals): claimed per slot like every job.
    ...runtimes.flatMap((r) => r.scheduledJobs ?? []),
  ];
}

interface Running {
  readonly app: { close(): Promise<unknown> };
  readonly workers: readonly BackgroundWorker[];
  readonly sink: AppInboundSink;
  readonly handle: DatabaseHandle;
  readonly consoleSecret: ConsoleSecret | undefined;
}

function shutDownOnSignal(logger: Logger, { app, workers, sink, handle, consoleSecret }: Running): void {
  closeWithGrace({ delay: 15_000, logger }, async ({ signal, err }) => {
    if (err) logger.error({ err }, 'shutting down after an error');
    else logger.info({ signal }, 'shutting down');
    // Stop taking requests and let in-flight ones finish, then stop workers, then close the pool.
    await app.close();
    for (const worker of [...workers].reverse()) await worker.stop();
    // Deliveries still waiting for their batch (Socket Mode, Stream) are written before the pool goes.
    await sink.inbox.drain();
    await handle.close();
    await consoleSecret?.remove();
  });
}

// buildApp(deps) → a Fastify instance with every route registered. It never listens: main.ts does,
// and tests call the same factory with inject().
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import helmet from '@fastify/helmet';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../storage/database.js';
import { installErrorHandlers } from './errors.js';
import { installValidation, refuseUnstorableText } from './validation.js';
import { bearerAuth, type AuthFailureLimit } from './auth.js';
import { TokenAuthenticator } from '../app/tokens/index.js';
import { normaliseProxyHeaders } from './client-address.js';
import { exportLinkRoutes } from './routes/export-link.js';
import { healthRoutes } from './routes/health.js';
import { alertRoutes } from './routes/alerts.js';
import { signalRoutes } from './routes/signals.js';
import { activityRoutes } from './routes/activity.js';
import { consoleRoutes } from './routes/console.js';
import type { InboundDispatcher } from '../app/inbound/dispatch.js';
import { teamRoutes } from './routes/teams.js';
import { employeeRoutes } from './routes/employees.js';
import { scoreRoutes } from './routes/scores.js';
import { ruleRoutes } from './routes/rules.js';
import { calendarRoutes } from './routes/calendar.js';
import { whoamiRoutes } from './routes/whoami.js';
import { surveyRoutes } from './routes/surveys.js';
import { privacyRoutes } from './routes/privacy.js';
import { performanceRoutes } from './routes/performance.js';
import type { RouteDeps } from './route-deps.js';

export interface AppDeps {
  db: Kysely<Database>;
  /** Schema holding the migration table (see storage/db.ts). */
  schema?: string;
  logger?: Logger | false;
  bodyLimitBytes?: number;
  /** Longest a request may take, first byte to response (config.requestTimeoutMs; 0: none): stalled uploads end. */
  requestTimeoutMs?: number;
  /** Longest a connection may stay silent (config.connectionTimeoutMs; 0: none). */
  connectionTimeoutMs?: number;
  /** Injected clock so tests can pin "now". */
  now?: () => Date;
  /** config.rawEventRetentionDays: signals older than this are not stored (their days may be purged already). */
  rawEventRetentionDays?: number;
  /** Chat platform webhooks and OAuth routes (each plugin keeps its raw-body parser in its own context). */
  platformRoutes?: readonly FastifyPluginAsync[];
  /**
   * Set when the console platform is active: registers the /console/* routes for `teampulse console`, answered
   * only on loopback and only with this start's secret (see app/console/secret.ts); anything else gets 404.
   */
  console?: { dispatcher: InboundDispatcher; secret: string };
  /** config.trustProxy: whose proxy headers name the client address (Fastify's trustProxy). Default: nobody's. */
  trustProxy?: boolean | number | readonly string[];
  /** Failed bearer-token attempts allowed per client address and window before 429 (default 30 a minute). */
  authFailureLimit?: AuthFailureLimit;
}

export type App = FastifyInstance;

/** config.trustProxy in Fastify's terms (a hop count becomes the function Fastify would build from it). */
function fastifyTrustProxy(
  value: AppDeps['trustProxy'],
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (value === undefined || value === false) return false;
  if (value === true) return true;
  if (typeof value === 'number') return (_address, hop) => hop < value;
  return [...value];
}

export async function buildApp(deps: AppDeps): Promise<App> {
  const app = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger as FastifyBaseLogger } : { logger: false }),
    bodyLimit: deps.bodyLimitBytes ?? 16 * 1024 * 1024,
    // A client that stops sending mid-body must not keep its request (and what it holds) forever.
    requestTimeout: deps.requestTimeoutMs ?? 0,
    connectionTimeout: deps.connectionTimeoutMs ?? 0,
    trustProxy: fastifyTrustProxy(deps.trustProxy),
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Forwarded and X-Real-IP name the client like X-Forwarded-For does (client-address.ts); only trusted proxies count.
  if (deps.trustProxy) app.addHook('onRequest', normaliseProxyHeaders);
  // The security headers a Fastify user expects. No upgrade-insecure-requests: the service is often reached over
  // plain http on an internal network, where that directive would break /docs.
  await app.register(helmet, {
    contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
  });

  installErrorHandlers(app);
  // Schemas checked at the edge (validation.ts): every failing field reported, bodies never coerced.
  installValidation(app);
  await app.register(swagger, {
    openapi: {
      info: { title: 'teampulse API', version: '1', description: 'Directory, signals, scores and alerts.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    // Its own CSP (hashes of its inline scripts) for the UI's pages, minus upgrade-insecure-requests as above.
    staticCSP: true,
    transformStaticCSP: (header) => header.replace(/\s*upgrade-insecure-requests;?/, ''),
  });

  // One clock for every route plugin: the injected one (tests) or the wall clock.
  const routeDeps: RouteDeps = { db: deps.db, now: deps.now ?? (() => new Date()) };
  await app.register(healthRoutes, { db: deps.db, schema: deps.schema ?? 'public' });
  // Signed, short-lived personal export links (the chat `export` verb): no bearer token, so outside /api/v1.
  await app.register(exportLinkRoutes, routeDeps);
  for (const routes of deps.platformRoutes ?? []) await app.register(routes);
  if (deps.console) {
    await app.register(consoleRoutes, {
      ...routeDeps,
      dispatcher: deps.console.dispatcher,
      secret: deps.console.secret,
    });
  }

  await app.register(
    async (api) => {
      const authenticator = new TokenAuthenticator(deps.db, {
        ...(deps.now ? { now: deps.now } : {}),
        onTouchError: (error) => api.log.warn({ err: error }, 'could not record when an API token was last used'),
      });
      api.addHook('onRequest', await bearerAuth(api, authenticator, deps.authFailureLimit));
      api.addHook('preValidation', refuseUnstorableText);
      // Route plugins for /api/v1 are registered here, one per area.
      await api.register(whoamiRoutes, routeDeps);
      await api.register(privacyRoutes, routeDeps);
      await api.register(alertRoutes, routeDeps);
      await api.register(signalRoutes, {
        ...routeDeps,
        ...(deps.rawEventRetentionDays !== undefined ? { retentionDays: deps.rawEventRetentionDays } : {}),
      });
      await api.register(activityRoutes, routeDeps);
      await api.register(teamRoutes, routeDeps);
      await api.register(employeeRoutes, routeDeps);
      await api.register(scoreRoutes, routeDeps);
      await api.register(ruleRoutes, routeDeps);
      await api.register(performanceRoutes, routeDeps);
      await api.register(calendarRoutes, routeDeps);
      await api.register(surveyRoutes, routeDeps);
    },
    { prefix: '/api/v1' },
  );

  return app;
}

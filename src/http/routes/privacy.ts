// Data rights for a token issued to an employee (`token create --role employee --employee <id>`): what is held
// about me and how I am scored, the full export, and erasure (a request HR confirms). And the audit log for admins.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { readMe } from '../../app/privacy/me.js';
import { exportMyData } from '../../app/privacy/export.js';
import { requestErasure } from '../../app/privacy/requests.js';
import { readAuditLog } from '../../app/privacy/audit.js';
import { accessOf, permit } from '../access.js';
import { errors, withoutInputSchema } from '../schemas/common.js';
import { AuditPage, AuditQuery, ErasureRequested, MeView, PersonalExport } from '../schemas/privacy.js';
import type { RouteDeps } from '../route-deps.js';

export const privacyRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, options) => {
  await personalRoutes(app, options);
  await auditRoutes(app, options);
};

/** A person's own data: what is held (/me), the export, erasure. */
const personalRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, options) => {
  const { db, now } = options;

  app.get(
    '/me',
    {
      schema: withoutInputSchema(MeView, {
        tags: ['privacy'],
        operationId: 'getMe',
        summary: 'Your record, your latest risk with its reasons (as your manager sees them) and your last 28 days',
        description: 'For a token that acts for a person (token create --employee …). Audited.',
      }),
    },
    async (request) => readMe(accessOf(db, request), now()),
  );

  app.get(
    '/me/export',
    {
      schema: withoutInputSchema(PersonalExport, {
        tags: ['privacy'],
        operationId: 'exportMe',
        summary: 'Everything held about you, as one JSON file (PIPL / GDPR access and portability)',
        description: "Never anyone else's data: other people in your events are left out. Audited.",
      }),
    },
    async (request, reply) => {
      const data = await exportMyData(accessOf(db, request), now());
      void reply.header(
        'content-disposition',
        `attachment; filename="teampulse-export-${data.exportedAt.slice(0, 10)}.json"`,
      );
      return data;
    },
  );

  app.delete(
    '/me',
    {
      schema: {
        tags: ['privacy'],
        operationId: 'requestErasure',
        summary: 'Ask for your personal data to be erased; HR confirms (202 with the request)',
        description:
          'HR in reach of you gets the request with confirm / decline buttons. Confirmed, your record and everything ' +
          'about you is deleted and scoring no longer uses it; the audit log keeps only your id. Audited.',
        response: { 202: ErasureRequested, ...errors(403) },
      },
    },
    async (request, reply) => {
      const outcome = await requestErasure(accessOf(db, request), now());
      void reply.code(202);
      return {
        requestId: outcome.id,
        status: outcome.status,
        notified: outcome.notified,
        existing: outcome.existing,
      };
    },
  );
};

/** Who read whose data when. */
const auditRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, options) => {
  const { db } = options;

  app.get(
    '/audit',
    {
      preValidation: permit('audit.read'),
      schema: {
        tags: ['privacy'],
        operationId: 'listAudit',
        summary: 'The audit log, newest first: every read of a person, rule change, export and erasure (admins)',
        querystring: AuditQuery,
        response: { 200: AuditPage, ...errors(400, 403) },
      },
    },
    async (request) => {
      const { limit = 100, cursor, action, subject, since } = request.query;
      return readAuditLog(accessOf(db, request), {
        limit,
        ...(cursor !== undefined ? { before: cursor } : {}),
        ...(action !== undefined ? { action } : {}),
        ...(subject !== undefined ? { subject } : {}),
        ...(since !== undefined ? { since: new Date(since) } : {}),
      });
    },
  );
};

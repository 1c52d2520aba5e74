// GET /api/v1/employees/:id/activity — one person's daily rollups and the coverage of those days, so HR (and the
// person) can see exactly what was counted. An individual read: every call writes an audit row.
import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import { Type } from '@sinclair/typebox';
import { addDays, daysBetween, isDay, localDay } from '../../core/time.js';
import type { Database } from '../../storage/database.js';
import type { DailyRollup } from '../../storage/tables/signals.js';
import { findEmployeeByRef } from '../../storage/repositories/refs.js';
import { listCoverage, listDailyRollups } from '../../storage/repositories/signals.js';
import { recordAudit } from '../../storage/repositories/audit.js';
import { InvalidInputError, notFound } from '../../app/errors.js';

export interface ActivityRoutesOptions {
  db: Kysely<Database>;
  now?: () => Date;
}

const MAX_RANGE_DAYS = 366;
const DEFAULT_RANGE_DAYS = 28;

const camel = (name: string) => name.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

function rollupJson(row: DailyRollup): Record<string, string | number> {
  const out: Record<string, string | number> = { day: row.day };
  for (const [key, value] of Object.entries(row)) {
    if (['tenant_id', 'employee_id', 'day', 'updated_at'].includes(key)) continue;
    out[camel(key)] = value as number;
  }
  return out;
}

export const activityRoutes: FastifyPluginAsync<ActivityRoutesOptions> = async (app, options) => {
  const { db } = options;
  const now = options.now ?? (() => new Date());

  app.get(
    '/employees/:id/activity',
    {
      schema: {
        summary: "One employee's daily signal rollups and the coverage of those days (audited)",
        params: Type.Object({ id: Type.String({ minLength: 1 }) }),
        querystring: Type.Object({
          from: Type.Optional(Type.String({ description: 'YYYY-MM-DD (default: 27 days before `to`)' })),
          to: Type.Optional(Type.String({ description: 'YYYY-MM-DD (default: today in the tenant time zone)' })),
        }),
      },
    },
    async (request, reply) => {
      const { tenantId, role, employeeId: callerEmployeeId, actor } = request.auth;
      const { id } = request.params as { id: string };
      const query = request.query as { from?: string; to?: string };
      const problems: { path: string; message: string }[] = [];
      for (const field of ['from', 'to'] as const) {
        const value = query[field];
        if (value !== undefined && !isDay(value))
          problems.push({ path: `/${field}`, message: 'must be a date YYYY-MM-DD' });
      }
      if (problems.length) throw new InvalidInputError('invalid date range', problems);

      const employee = await findEmployeeByRef(db, tenantId, id);
      if (!employee) throw notFound('employee', id, 'id');
      // HR and admins read anyone in their tenant; everybody may read their own signals.
      if (role !== 'hr' && role !== 'admin' && callerEmployeeId !== employee.id) {
        return reply.status(403).send({ error: 'forbidden', message: "only HR can read another person's activity" });
      }

      const tenant = await db
        .selectFrom('tenants')
        .select('timezone')
        .where('id', '=', tenantId)
        .executeTakeFirstOrThrow();
      const to = query.to ?? localDay(now(), tenant.timezone);
      const from = query.from ?? addDays(to, -(DEFAULT_RANGE_DAYS - 1));
      if (from > to)
        throw new InvalidInputError('invalid date range', [{ path: '/from', message: 'must not be after `to`' }]);
      if (daysBetween(from, to) + 1 > MAX_RANGE_DAYS) {
        throw new InvalidInputError('invalid date range', [
          { path: '/to', message: `the range may span at most ${MAX_RANGE_DAYS} days` },
        ]);
      }

      const [rollups, coverage] = await Promise.all([
        listDailyRollups(db, tenantId, employee.id, from, to),
        listCoverage(db, tenantId, from, to),
      ]);
      await recordAudit(db, {
        tenantId,
        actor,
        action: 'employee.activity.read',
        subjectType: 'employee',
        subjectId: employee.id,
        details: { from, to },
      });
      return {
        employee: {
          id: employee.id,
          externalId: employee.external_id,
          displayName: employee.display_name,
          status: employee.status,
        },
        from,
        to,
        timezone: tenant.timezone,
        days: rollups.map(rollupJson),
        coverage: coverage.map((c) => ({
          day: c.day,
          source: c.source,
          signalClass: c.signal_class,
          events: c.events,
        })),
      };
    },
  );
};

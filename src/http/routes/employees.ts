// /api/v1/employees: list (paged; hr or admin), get by id or external id (hr/admin, the person, or their
// manager), bulk upsert by external id (hr or admin). Every read of a person is written to the audit log.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/database.js';
import { refuseScopedTokens, requireRole } from '../auth.js';
import { InvalidInputError, notFound } from '../../app/errors.js';
import { getEmployee, listEmployees, upsertDirectory } from '../../app/directory/index.js';
import { findTeamByRef } from '../../storage/repositories/refs.js';
import { teamSubtreeIds } from '../../storage/repositories/teams.js';
import { recordAudit } from '../../storage/repositories/audit.js';
import {
  EmployeeView,
  EmployeesListQuery,
  EmployeesUpsertBody,
  ErrorResponse,
  RefParams,
  UpsertSummary,
  pageOf,
} from './directory-schemas.js';

const HR_ROLES = new Set(['hr', 'admin']);

export const employeeRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<Database> }> = async (app, { db }) => {
  app.get(
    '/employees',
    {
      preValidation: requireRole('hr'),
      schema: {
        tags: ['directory'],
        summary: 'List employees, ordered by external id (hr or admin)',
        querystring: EmployeesListQuery,
        response: { 200: pageOf(EmployeeView), 400: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (request) => {
      const { tenantId, actor, scopeTeamId } = request.auth;
      const { limit = 50, cursor, team, status } = request.query;
      // A token scoped to a sub-tree sees the members of that sub-tree only.
      const scope = scopeTeamId ? await teamSubtreeIds(db, tenantId, scopeTeamId) : undefined;
      let teamIds = scope;
      if (team !== undefined) {
        const found = await findTeamByRef(db, tenantId, team);
        if (!found || (scope && !scope.includes(found.id))) {
          throw new InvalidInputError('unknown team', [{ path: '/team', message: `no team "${team}"` }]);
        }
        teamIds = [found.id];
      }
      const page = await listEmployees(db, tenantId, { limit, cursor, teamIds, status });
      if (page.items.length > 0) {
        await recordAudit(db, {
          tenantId,
          actor,
          action: 'employee.list',
          subjectType: 'employee',
          details: {
            count: page.items.length,
            team: team ?? null,
            status: status ?? null,
            employeeIds: page.items.map((e) => e.id),
          },
        });
      }
      return page;
    },
  );

  app.get(
    '/employees/:id',
    {
      schema: {
        tags: ['directory'],
        summary: 'One employee by internal id or external id (hr/admin, the employee, or their manager)',
        params: RefParams,
        response: { 200: EmployeeView, 403: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { tenantId, actor, role, employeeId, scopeTeamId } = request.auth;
      const employee = await getEmployee(db, tenantId, request.params.id);
      if (!employee) throw notFound('employee', request.params.id, 'id');
      const inScope = async () =>
        !scopeTeamId ||
        (employee.team !== null && (await teamSubtreeIds(db, tenantId, scopeTeamId)).includes(employee.team.id));
      const allowed =
        (employeeId !== null && (employee.id === employeeId || employee.manager?.id === employeeId)) ||
        (HR_ROLES.has(role) && (await inScope()));
      if (!allowed) {
        return reply
          .status(403)
          .send({ error: 'forbidden', message: 'only hr, admin, the employee or their manager may read this record' });
      }
      await recordAudit(db, {
        tenantId,
        actor,
        action: 'employee.read',
        subjectType: 'employee',
        subjectId: employee.id,
      });
      return employee;
    },
  );

  app.post(
    '/employees',
    {
      preValidation: [requireRole('hr'), refuseScopedTokens],
      schema: {
        tags: ['directory'],
        summary: 'Create or update employees by external id (idempotent; one transaction; up to 10,000 items)',
        description:
          'team and manager are external ids; a manager may be defined later in the same batch. Unknown references, ' +
          'management cycles and identity clashes reject the whole batch with every failing path.',
        body: EmployeesUpsertBody,
        response: { 200: UpsertSummary, 400: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (request) => {
      const result = await upsertDirectory(
        db,
        request.auth.tenantId,
        { employees: request.body.employees },
        { actor: request.auth.actor },
      );
      return result.employees;
    },
  );
};

// /api/v1/employees: list (paged; hr or admin), get by id or external id (hr/admin in reach, the employee, their
// managers), bulk upsert by external id (hr or admin). Every read of a person is written to the audit log.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/database.js';
import { browseEmployees, readEmployee, upsertEmployees } from '../../app/directory/actions.js';
import { accessOf, permit } from '../access.js';
import { batchSchema, byRefSchema, errors, pageOf } from '../schemas/common.js';
import { EmployeesListQuery, EmployeesUpsertBody, EmployeeView, UpsertSummary } from '../schemas/directory.js';

export const employeeRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<Database> }> = async (app, { db }) => {
  app.get(
    '/employees',
    {
      preValidation: permit('employees.list'),
      schema: {
        tags: ['directory'],
        operationId: 'listEmployees',
        summary: 'List employees, ordered by external id (hr or admin; a scoped token sees its sub-tree); audited',
        querystring: EmployeesListQuery,
        response: { 200: pageOf(EmployeeView), ...errors(400, 403, 404) },
      },
    },
    async (request) => {
      const { limit = 50, cursor, team, status } = request.query;
      return browseEmployees(accessOf(db, request), { limit, cursor, team, status });
    },
  );

  app.get(
    '/employees/:id',
    {
      schema: byRefSchema(EmployeeView, {
        tags: ['directory'],
        operationId: 'getEmployee',
        summary: 'One employee by internal id or external id (hr/admin, the employee, or their managers); audited',
      }),
    },
    async (request) => readEmployee(accessOf(db, request), request.params.id),
  );

  app.post(
    '/employees',
    {
      preValidation: permit('employees.write'),
      schema: batchSchema(UpsertSummary, {
        tags: ['directory'],
        operationId: 'upsertEmployees',
        summary: 'Create or update employees by external id (idempotent; one transaction; up to 10,000 items)',
        description:
          'team and manager are external ids; a manager may be defined later in the same batch. Unknown references, ' +
          'management cycles and identity clashes reject the whole batch with every failing path. hr or admin over ' +
          'the whole tenant.',
        body: EmployeesUpsertBody,
      }),
    },
    async (request) => upsertEmployees(accessOf(db, request), request.body.employees),
  );
};

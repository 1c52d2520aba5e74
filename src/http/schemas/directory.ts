// Schemas of the directory routes (teams, employees): request validation and the OpenAPI document.
import { Type } from '@sinclair/typebox';
import { Day, ExternalId, Nullable, PageQuery, Ref, StringEnum, Text } from './common.js';

/** Bulk upserts accept up to this many items per request. */
export const MAX_UPSERT_ITEMS = 10_000;

const PlatformUserId = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S', format: 'text' });
export const EmployeeStatusSchema = StringEnum(['active', 'left'] as const);

export const TeamItem = Type.Object(
  {
    externalId: ExternalId(),
    name: Text(300),
    parent: Type.Optional(Nullable(ExternalId('External id of the parent team; null for a root team'))),
    legalEntity: Type.Optional(Nullable(Text(200))),
  },
  { additionalProperties: false },
);

export const TeamsUpsertBody = Type.Object(
  { teams: Type.Array(TeamItem, { minItems: 1, maxItems: MAX_UPSERT_ITEMS }) },
  { additionalProperties: false },
);

export const EmployeeItem = Type.Object(
  {
    externalId: ExternalId(),
    name: Text(300),
    email: Type.Optional(Nullable(Type.String({ maxLength: 320, pattern: '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$' }))),
    team: Type.Optional(Nullable(ExternalId('External id of the team'))),
    manager: Type.Optional(Nullable(ExternalId("External id of the employee's manager"))),
    hireDate: Type.Optional(Nullable(Day('Hire date'))),
    legalEntity: Type.Optional(Nullable(Text(200))),
    status: Type.Optional(EmployeeStatusSchema),
    leftAt: Type.Optional(
      Nullable(
        Type.String({
          format: 'day-or-instant',
          maxLength: 40,
          description: 'YYYY-MM-DD or ISO 8601 date-time; implies status "left"',
        }),
      ),
    ),
    identities: Type.Optional(
      Type.Object(
        {
          slack: Type.Optional(Nullable(PlatformUserId)),
          dingtalk: Type.Optional(Nullable(PlatformUserId)),
          wecom: Type.Optional(Nullable(PlatformUserId)),
        },
        {
          additionalProperties: false,
          description:
            'Platform user ids; a value replaces the identity on that platform, null removes it, an omitted platform is kept',
        },
      ),
    ),
  },
  { additionalProperties: false, description: 'Omitted fields keep their current value; null clears' },
);

export const EmployeesUpsertBody = Type.Object(
  { employees: Type.Array(EmployeeItem, { minItems: 1, maxItems: MAX_UPSERT_ITEMS }) },
  { additionalProperties: false },
);

export const TeamsListQuery = Type.Object(PageQuery, { additionalProperties: false });
export const EmployeesListQuery = Type.Object(
  {
    ...PageQuery,
    team: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        format: 'text',
        description: 'Team id or external id (direct members)',
      }),
    ),
    status: Type.Optional(EmployeeStatusSchema),
  },
  { additionalProperties: false },
);

export const TeamView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  externalId: Type.String(),
  name: Type.String(),
  parent: Nullable(Ref),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const EmployeeView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  externalId: Type.String(),
  name: Type.String(),
  email: Nullable(Type.String()),
  team: Nullable(Ref),
  manager: Nullable(Ref),
  hireDate: Nullable(Type.String()),
  status: EmployeeStatusSchema,
  leftAt: Nullable(Type.String({ format: 'date-time' })),
  identities: Type.Array(Type.Object({ platform: Type.String(), platformUserId: Type.String() })),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const UpsertSummary = Type.Object({
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  skippedErased: Type.Optional(
    Type.Integer({ description: 'Employees skipped because they were erased (present when some were)' }),
  ),
});

// TypeBox schemas for the directory routes (teams, employees): request validation and the OpenAPI document.
import { Type, type TSchema } from '@sinclair/typebox';

/** Bulk upserts accept up to this many items per request. */
export const MAX_UPSERT_ITEMS = 10_000;

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const StringEnum = <T extends string>(values: readonly T[], description?: string) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });

export const ExternalId = Type.String({
  minLength: 1,
  maxLength: 200,
  pattern: '\\S',
  description: 'The id your HR system uses',
});
const Name = Type.String({ minLength: 1, maxLength: 300, pattern: '\\S' });
const PlatformUserId = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' });
export const EmployeeStatusSchema = StringEnum(['active', 'left'] as const);

export const Ref = Type.Object({ id: Type.String({ format: 'uuid' }), externalId: Type.String() });

export const TeamItem = Type.Object(
  {
    externalId: ExternalId,
    name: Name,
    parent: Type.Optional(
      Nullable(Type.String({ ...ExternalId, description: 'External id of the parent team; null for a root team' })),
    ),
  },
  { additionalProperties: false },
);

export const TeamsUpsertBody = Type.Object(
  { teams: Type.Array(TeamItem, { minItems: 1, maxItems: MAX_UPSERT_ITEMS }) },
  { additionalProperties: false },
);

export const EmployeeItem = Type.Object(
  {
    externalId: ExternalId,
    name: Name,
    email: Type.Optional(Nullable(Type.String({ maxLength: 320, pattern: '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$' }))),
    team: Type.Optional(Nullable(Type.String({ ...ExternalId, description: 'External id of the team' }))),
    manager: Type.Optional(
      Nullable(Type.String({ ...ExternalId, description: "External id of the employee's manager" })),
    ),
    hireDate: Type.Optional(Nullable(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' }))),
    status: Type.Optional(EmployeeStatusSchema),
    leftAt: Type.Optional(
      Nullable(Type.String({ maxLength: 40, description: 'YYYY-MM-DD or ISO 8601 date-time; implies status "left"' })),
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

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 2000, description: 'nextCursor of the previous page' })),
};

export const TeamsListQuery = Type.Object(PageQuery, { additionalProperties: false });
export const EmployeesListQuery = Type.Object(
  {
    ...PageQuery,
    team: Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, description: 'Team id or external id (direct members)' }),
    ),
    status: Type.Optional(EmployeeStatusSchema),
  },
  { additionalProperties: false },
);

export const RefParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 200, description: 'Internal id or external id' }),
});

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

export const pageOf = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Nullable(Type.String()) });

export const UpsertSummary = Type.Object({
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
});

export const ErrorResponse = Type.Object({
  error: Type.String(),
  message: Type.String(),
  details: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
});

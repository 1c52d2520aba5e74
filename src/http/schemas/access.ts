// Schema of GET /api/v1/whoami.
import { Type } from '@sinclair/typebox';
import { Nullable, StringEnum } from './common.js';

const Named = Type.Object({ id: Type.String(), externalId: Type.String(), name: Type.String() });

export const CallerView = Type.Object({
  tenant: Type.Object({ slug: Type.String(), name: Type.String(), locale: Type.String(), timezone: Type.String() }),
  role: StringEnum(['employee', 'manager', 'hr', 'admin'] as const),
  employeeId: Nullable(Type.String()),
  employee: Nullable(Named),
  scope: Nullable(Type.Array(Named, { description: 'The team sub-trees the token is limited to; null: none' })),
});

// Kysely table types for the directory: tenants, teams, employees, identities, roles, tokens, audit log.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

// A plain Date (pg and PGlite both parse timestamptz to Date). Not a ColumnType on purpose: Kysely's
// Generated<ColumnType<…>> would nest and select the wrapper type instead of Date.
export type Timestamp = Date;
/** DATE columns are read as 'YYYY-MM-DD' strings on both dialects (see the type parsers in db.ts). */
export type DateString = ColumnType<string, string, string>;
export type Json<T = unknown> = ColumnType<T, string, string>;
/** A JSON column with a database default: optional on insert. */
export type JsonWithDefault<T = unknown> = ColumnType<T, string | undefined, string>;

export type Locale = 'zh-CN' | 'en';
export type Role = 'employee' | 'manager' | 'hr' | 'admin';
export type EmployeeStatus = 'active' | 'left';

export interface TenantsTable {
  id: Generated<string>;
  slug: string;
  name: string;
  locale: Locale;
  timezone: string;
  legal_entity: string | null;
  /** Tenant setting: no sends at weekends / outside working hours when true. */
  quiet_hours: Generated<boolean>;
  /** Free-form per-tenant settings (working hours, HR contacts, …) as JSON. */
  settings: JsonWithDefault<Record<string, unknown>>;
  /** Holiday region of the working calendar ('CN', 'GB-ENG', …); null ⇒ working weekdays only (0006). */
  region: ColumnType<string | null, string | null | undefined, string | null>;
  /** ISO weekdays (1 = Monday) the tenant works; default Monday–Friday (0006). */
  working_weekdays: ColumnType<number[], number[] | undefined, number[]>;
  /** When its leaves were last spread over its calendar; null ⇒ not yet (tenants older than 0006). */
  leave_spread_at: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null>;
  created_at: Generated<Timestamp>;
}
export type Tenant = Selectable<TenantsTable>;
export type NewTenant = Insertable<TenantsTable>;

export interface TeamsTable {
  id: Generated<string>;
  tenant_id: string;
  external_id: string;
  name: string;
  parent_id: string | null;
  /** The legal entity (法人主体) the team belongs to, when the tenant has several (0014). */
  legal_entity: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}
export type Team = Selectable<TeamsTable>;

export interface EmployeesTable {
  id: Generated<string>;
  tenant_id: string;
  external_id: string;
  display_name: string;
  email: string | null;
  team_id: string | null;
  manager_id: string | null;
  hire_date: DateString | null;
  status: Generated<EmployeeStatus>;
  left_at: Timestamp | null;
  /** The legal entity (法人主体) employing the person; HR of one entity never reaches another's people (0014). */
  legal_entity: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}
export type Employee = Selectable<EmployeesTable>;
export type EmployeeUpdate = Updateable<EmployeesTable>;

export interface PlatformIdentitiesTable {
  tenant_id: string;
  employee_id: string;
  /** 'slack' | 'dingtalk' | 'wecom' | 'console' */
  platform: string;
  platform_user_id: string;
  /** Conversation reference for proactive DMs (e.g. Slack DM channel id), filled when known. */
  dm_conversation_id: string | null;
  created_at: Generated<Timestamp>;
}

export interface RoleGrantsTable {
  id: Generated<string>;
  tenant_id: string;
  employee_id: string;
  role: Role;
  /** null ⇒ the whole tenant (unless scope_legal_entity); otherwise the sub-tree rooted at this team. */
  scope_team_id: string | null;
  /** The grant covers one legal entity's people and teams (0014); never together with scope_team_id. */
  scope_legal_entity: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Generated<Timestamp>;
}

export interface ApiTokensTable {
  id: Generated<string>;
  tenant_id: string;
  name: string;
  /** sha256 hex of the token; the token itself is shown once and never stored. */
  token_hash: string;
  role: Role;
  employee_id: string | null;
  scope_team_id: string | null;
  /** A token limited to one legal entity (0014). */
  scope_legal_entity: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Generated<Timestamp>;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}
export type ApiToken = Selectable<ApiTokensTable>;

export interface AuditLogTable {
  id: Generated<number>;
  tenant_id: string;
  /** Who: 'token:<id>', 'employee:<id>', 'cli', 'system'. */
  actor: string;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  details: JsonWithDefault<Record<string, unknown>>;
  at: Generated<Timestamp>;
}
export type AuditEntry = Selectable<AuditLogTable>;

/** An employee's request about their own data: contest a score, or erase their data (HR confirms). */
export interface DataRequestsTable {
  id: Generated<string>;
  tenant_id: string;
  employee_id: string;
  kind: 'contest' | 'erasure';
  status: Generated<'open' | 'done' | 'declined'>;
  /** contest: the person's own note to HR; erasure: null. */
  note: string | null;
  /** Where it was asked: a platform name or 'api'. */
  source: string;
  created_at: Generated<Timestamp>;
  decided_at: Timestamp | null;
  decided_by: string | null;
}

/** People who asked not to receive pulse surveys. */
export interface SurveyMutesTable {
  tenant_id: string;
  employee_id: string;
  muted_at: Generated<Timestamp>;
}

// Everything held about one person, for the person themself (PIPL art. 45 / GDPR art. 15, 20): their directory
// record, platform identities, roles, the signal events stored about them (without the other party's identity),
// their daily rollups, scores with reasons and features, alerts about them (without the recipient), their own
// requests and survey mute, their own answers and comments of confidential-mode survey rounds (kept under their
// pseudonym; anonymous-mode answers are linked to nobody and cannot be found), and who read their data when (the
// audit rows naming them, without the reader). Never anyone else's data. Audited.
import type { Access } from '../access/index.js';
import { ForbiddenError } from '../errors.js';
import type { Db } from '../../storage/database.js';
import { identitiesOfEmployees } from '../../storage/repositories/identities.js';
import { grantsWithPersonAndTeam } from '../../storage/repositories/role-grants.js';
import { confidentialSurveyData } from '../../storage/repositories/survey-pseudonymous.js';
import { isSurveyMuted } from './mutes.js';

export interface PersonalExport {
  exportedAt: string;
  tenant: { slug: string; name: string };
  person: Record<string, unknown>;
  identities: { platform: string; platformUserId: string }[];
  roles: { role: string; scope: string | null }[];
  signalEvents: Record<string, unknown>[];
  dailyRollups: Record<string, unknown>[];
  scores: Record<string, unknown>[];
  alertsAboutMe: Record<string, unknown>[];
  requests: Record<string, unknown>[];
  surveyMuted: boolean;
  /** Confidential-mode rounds only: the person's own answers (round, question, value) and comments. */
  surveyAnswers: { roundOpenedOn: string; question: string; driver: string; value: number }[];
  surveyComments: { roundOpenedOn: string; text: string }[];
  readsOfMyData: { at: string; action: string; source: string | null }[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isOtherPerson = (value: unknown): boolean =>
  (typeof value === 'string' && UUID.test(value)) || (Array.isArray(value) && value.some(isOtherPerson));

/** An event's details without the ids of the other people in it (kudos to, helped, mentioned). */
function ownDetails(payload: unknown): Record<string, unknown> {
  if (!payload || typeof payload !== 'object') return {};
  return Object.fromEntries(Object.entries(payload).filter(([, value]) => !isOtherPerson(value)));
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());
const camelCase = (name: string) => name.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase());

/** A row as exported: camelCase keys, timestamps as ISO strings (the columns in the order they were selected). */
function exported(row: object): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row).map(([key, value]) => [camelCase(key), value instanceof Date ? value.toISOString() : value]),
  );
}

/** The caller's own data (an employee token, or a person on chat). */
export async function exportMyData(access: Access, now: Date): Promise<PersonalExport> {
  const me = access.actor.employeeId;
  if (me === null) throw new ForbiddenError('only a caller acting as a person has personal data to export');
  const { db, tenantId } = access;
  const tenant = await access.tenant();
  const person = await myRecord(db, tenantId, me);
  const identities = await myIdentities(db, tenantId, me);
  const roles = await myRoles(db, tenantId, me);
  const signalEvents = await signalEventsAboutMe(db, tenantId, me);
  const dailyRollups = await myRollups(db, tenantId, me);
  const scores = await rowsAboutMe(db, tenantId, me, 'scores');
  const alertsAboutMe = await rowsAboutMe(db, tenantId, me, 'alertsAboutMe');
  const requests = await rowsAboutMe(db, tenantId, me, 'requests');
  const surveyMuted = await isSurveyMuted(db, tenantId, me);
  const survey = await mySurveyData(db, tenantId, me);
  const readsOfMyData = await readsOf(db, tenantId, me);
  await access.audit('personal.export', { type: 'employee', id: me });
  return {
    exportedAt: now.toISOString(),
    tenant: { slug: tenant.slug, name: tenant.name },
    person,
    identities,
    roles,
    signalEvents,
    dailyRollups,
    scores,
    alertsAboutMe,
    requests,
    surveyMuted,
    ...survey,
    readsOfMyData,
  };
}

async function myRecord(db: Db, tenantId: string, me: string): Promise<PersonalExport['person']> {
  const person = await db
    .selectFrom('employees as e')
    .leftJoin('teams as t', 't.id', 'e.team_id')
    .leftJoin('employees as m', 'm.id', 'e.manager_id')
    .select([
      'e.id',
      'e.external_id',
      'e.display_name as name',
      'e.email',
      't.name as team',
      'm.display_name as manager',
      'e.hire_date',
      'e.status',
      'e.left_at',
      'e.legal_entity',
      'e.created_at',
      'e.updated_at',
    ])
    .where((eb) => eb.and({ 'e.tenant_id': tenantId, 'e.id': me }))
    .executeTakeFirstOrThrow();
  return exported(person);
}

async function myIdentities(db: Db, tenantId: string, me: string): Promise<PersonalExport['identities']> {
  const identities = await identitiesOfEmployees(db, tenantId, [me]);
  return identities.map((i) => ({ platform: i.platform, platformUserId: i.platform_user_id }));
}

async function myRoles(db: Db, tenantId: string, me: string): Promise<PersonalExport['roles']> {
  const roles = await grantsWithPersonAndTeam(db)
    .select(['g.role', 't.name as team', 'g.scope_legal_entity'])
    .where((eb) => eb.and({ 'g.tenant_id': tenantId, 'g.employee_id': me }))
    .execute();
  return roles.map((r) => ({ role: r.role, scope: r.team ?? r.scope_legal_entity ?? null }));
}

/** Events about me; the other party (peer) is someone else's identity and stays out. */
async function signalEventsAboutMe(db: Db, tenantId: string, me: string): Promise<PersonalExport['signalEvents']> {
  const events = await rowsAboutMe(db, tenantId, me, 'signalEvents');
  return events.map((event) => ({ ...event, details: ownDetails(event.details) }));
}

async function myRollups(db: Db, tenantId: string, me: string): Promise<PersonalExport['dailyRollups']> {
  const rollups = await db
    .selectFrom('daily_rollups')
    .selectAll()
    .where((eb) => eb.and({ tenant_id: tenantId, employee_id: me }))
    .orderBy('day')
    .execute();
  return rollups.map(({ tenant_id: _t, employee_id: _e, updated_at, ...rest }) => ({
    ...rest,
    updatedAt: iso(updated_at),
  }));
}

/** What the export lists of each table that names me (in `namingMe`): the columns in their exported order. */
const ROWS_ABOUT_ME = {
  /** Events about me; their details lose the other party's identity (see signalEventsAboutMe). */
  signalEvents: {
    table: 'signal_events',
    columns: ['source', 'kind', 'occurred_at', 'day', 'payload as details', 'received_at'],
    namingMe: 'employee_id',
    orderBy: 'occurred_at',
  },
  scores: {
    table: 'employee_scores',
    columns: [
      'as_of',
      'status',
      'risk_score',
      'risk_level',
      'reasons',
      'features',
      'collaboration_score',
      'collaboration_components',
      'rule_version',
      'computed_at',
    ],
    namingMe: 'employee_id',
    orderBy: 'as_of',
  },
  /** Alerts about me, without who received them. */
  alertsAboutMe: {
    table: 'alerts',
    columns: ['kind', 'level', 'score', 'reasons', 'as_of', 'trigger', 'routed_via', 'created_at'],
    namingMe: 'subject_employee_id',
    orderBy: 'created_at',
  },
  requests: {
    table: 'data_requests',
    columns: ['kind', 'status', 'note', 'source', 'created_at', 'decided_at'],
    namingMe: 'employee_id',
    orderBy: 'created_at',
  },
} as const;

async function rowsAboutMe(db: Db, tenantId: string, me: string, what: keyof typeof ROWS_ABOUT_ME) {
  const { table, columns, namingMe, orderBy } = ROWS_ABOUT_ME[what];
  const rows = await db
    .selectFrom(table)
    .select(columns)
    .where((eb) => eb.and({ tenant_id: tenantId, [namingMe]: me }))
    .orderBy(orderBy)
    .execute();
  return rows.map(exported);
}

async function mySurveyData(db: Db, tenantId: string, me: string) {
  const { answers, comments } = await confidentialSurveyData(db, tenantId, me);
  return {
    surveyAnswers: answers.map((a) => ({
      roundOpenedOn: a.opened_on,
      question: a.question_key,
      driver: a.driver,
      value: a.value,
    })),
    surveyComments: comments.map((c) => ({ roundOpenedOn: c.opened_on, text: c.text })),
  };
}

/** Who read my data when: the audit rows naming me, with the channel but without the reader. */
async function readsOf(db: Db, tenantId: string, me: string): Promise<PersonalExport['readsOfMyData']> {
  const reads = await db
    .selectFrom('audit_log')
    .select(['at', 'action', 'details'])
    .where((eb) => eb.and({ tenant_id: tenantId, subject_type: 'employee', subject_id: me }))
    .orderBy('at')
    .execute();
  return reads.map((r) => ({
    at: iso(r.at)!,
    action: r.action,
    source:
      typeof (r.details as { source?: unknown }).source === 'string' ? (r.details as { source: string }).source : null,
  }));
}

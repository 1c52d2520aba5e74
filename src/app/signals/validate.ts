// Validation of HR signal items (the wire format of POST /api/v1/signals and `teampulse import signals`) and their
// mapping to core events. One TypeBox schema per kind, checked with Value.Errors so every failing field is reported
// with its exact path; semantic checks (dates, the one-day future limit) follow the schema.
import { Type, type Static, type TObject, type TProperties } from '@sinclair/typebox';
import { Value, ValueErrorType, type ValueError } from '@sinclair/typebox/value';
import type { ActorRef, SignalEvent } from '../../core/events.js';
import { zonedNoon } from '../../core/time.js';
import { findTextProblems, isInputDay } from '../../core/validation/index.js';
import { DEFAULT_EXIT_REASONS, exitReasonCode } from '../../core/performance/exit-reasons.js';

export const SIGNAL_KINDS = [
  'message',
  'leave',
  'task',
  'attendance',
  'crm_activity',
  'help',
  'kudos',
  'team_project',
  'resource_share',
  'manager_change',
  'departure',
  'hire',
] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

const Ref = Type.String({ minLength: 1, maxLength: 200 });
const Count = Type.Integer({ minimum: 1, maximum: 1_000_000 });
const Instant = Type.String({ minLength: 1, maxLength: 64 });

const base = {
  id: Type.String({ minLength: 1, maxLength: 200 }),
  employee: Ref,
  occurredAt: Instant,
};

function kindSchema<K extends SignalKind, P extends TProperties>(kind: K, props: P) {
  return Type.Object({ ...base, kind: Type.Literal(kind), ...props }, { additionalProperties: false });
}

// Kinds and fields exactly as issue B lists them. additionalProperties: false catches typos in optional fields
// (a misspelt `count` must not silently become 1) and keeps free text such as message bodies out.
export const SIGNAL_SCHEMAS = {
  message: kindSchema('message', {
    channelType: Type.Union([
      Type.Literal('team'),
      Type.Literal('dm'),
      Type.Literal('group'),
      Type.Literal('cross_team'),
    ]),
    count: Type.Optional(Count),
    peer: Type.Optional(Ref),
  }),
  leave: kindSchema('leave', {
    leaveType: Type.Union([
      Type.Literal('personal'),
      Type.Literal('sick'),
      Type.Literal('annual'),
      Type.Literal('other'),
    ]),
    days: Type.Number({ exclusiveMinimum: 0, maximum: 366 }),
  }),
  task: kindSchema('task', {
    status: Type.Union([Type.Literal('done'), Type.Literal('late'), Type.Literal('open')]),
    dueAt: Type.Optional(Instant),
  }),
  attendance: kindSchema('attendance', {
    status: Type.Union([Type.Literal('absent'), Type.Literal('late'), Type.Literal('early_leave')]),
  }),
  crm_activity: kindSchema('crm_activity', { count: Count }),
  help: kindSchema('help', { peer: Ref }),
  kudos: kindSchema('kudos', { peer: Ref }),
  team_project: kindSchema('team_project', { project: Type.String({ minLength: 1, maxLength: 200 }) }),
  resource_share: kindSchema('resource_share', { count: Count }),
  manager_change: kindSchema('manager_change', { manager: Type.Optional(Ref) }),
  // reasonCode: one of the tenant's exit reason codes (`teampulse report reasons`). `reason` is the older free-text
  // field, still accepted: a departure needs one of the two, and a reason that names a code counts as that code.
  departure: kindSchema('departure', {
    reason: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    reasonCode: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
  }),
  hire: kindSchema('hire', {}),
} satisfies Record<SignalKind, TObject>;

export type SignalItem = { [K in SignalKind]: Static<(typeof SIGNAL_SCHEMAS)[K]> }[SignalKind];

/** Every field any kind may carry (the CSV header vocabulary). */
export const SIGNAL_FIELDS: readonly string[] = [
  ...new Set(Object.values(SIGNAL_SCHEMAS).flatMap((schema) => Object.keys(schema.properties))),
];
export const NUMERIC_FIELDS: ReadonlySet<string> = new Set(['count', 'days']);

/** A source name (the dedupe namespace of ids): `?source=` on the API, `--source` on the importer. */
export const SOURCE_PATTERN = /^[a-z0-9][a-z0-9_.-]{0,63}$/;

const BaseSchema = Type.Object(base);

export interface ItemError {
  path: string;
  message: string;
}

export interface ValidateOptions {
  now: Date;
  /** The tenant's IANA zone: a date-only `occurredAt` means local noon of that day. */
  timeZone: string;
  source: string;
  /** The tenant's exit reason codes; a departure's reasonCode must be one of them (undefined ⇒ the built-in list). */
  exitReasons?: readonly string[];
}

export type ItemResult = { ok: true; event: SignalEvent } | { ok: false; errors: ItemError[] };

const FUTURE_LIMIT_MS = 86_400_000;
const INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** Parses ISO 8601 with an explicit offset (or a bare date, read as local noon). Undefined when invalid. */
export function parseInstant(value: string, timeZone: string): Date | undefined {
  // Days outside 1900–2200 are typos (year 0 is not even a PostgreSQL date): refused like any malformed value.
  if (isInputDay(value)) return zonedNoon(value, timeZone);
  const match = INSTANT.exec(value);
  if (!match || !isInputDay(match[1]!)) return undefined;
  if (Number(match[2]) > 23 || Number(match[3]) > 59 || Number(match[4] ?? 0) > 59) return undefined;
  // Date.parse understands at most milliseconds; drop finer digits rather than reject microsecond exports.
  const normalised = value.replace(/(\.\d{3})\d+/, '$1');
  const ms = Date.parse(normalised);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/** Validates one item; `prefix` is prepended to every path (e.g. `/signals/3`). */
export function validateSignalItem(item: unknown, options: ValidateOptions, prefix = ''): ItemResult {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    return { ok: false, errors: [{ path: prefix || '/', message: 'must be an object' }] };
  }
  const kind = (item as { kind?: unknown }).kind;
  const errors: ItemError[] = [];
  let schema: TObject;
  if (typeof kind === 'string' && (SIGNAL_KINDS as readonly string[]).includes(kind)) {
    schema = SIGNAL_SCHEMAS[kind as SignalKind];
  } else {
    errors.push({
      path: `${prefix}/kind`,
      message:
        kind === undefined
          ? 'is required'
          : `unknown kind ${JSON.stringify(kind)} (expected one of ${SIGNAL_KINDS.join(', ')})`,
    });
    schema = BaseSchema;
  }
  // One problem per field: the first TypeBox reports, in words a person fixing an export understands.
  const seenPaths = new Set<string>(['/kind']);
  for (const error of Value.Errors(schema, item)) {
    if (seenPaths.has(error.path)) continue;
    seenPaths.add(error.path);
    errors.push({ path: `${prefix}${error.path}`, message: describeError(error, kind) });
  }
  const record = item as Record<string, unknown>;
  checkText(record, prefix, errors);
  const occurredAt = checkInstant(record, 'occurredAt', options, prefix, errors);
  if (occurredAt && occurredAt.getTime() > options.now.getTime() + FUTURE_LIMIT_MS) {
    errors.push({ path: `${prefix}/occurredAt`, message: 'must not be more than one day in the future' });
  }
  const dueAt = checkInstant(record, 'dueAt', options, prefix, errors);
  if (kind === 'departure') checkDeparture(record, options, prefix, errors);
  if (errors.length > 0 || !occurredAt) return { ok: false, errors: dedupe(errors) };
  return { ok: true, event: toEvent(item as SignalItem, occurredAt, dueAt, options.source) };
}

function checkDeparture(
  record: Record<string, unknown>,
  options: ValidateOptions,
  prefix: string,
  errors: ItemError[],
): void {
  if (record.reason === undefined && record.reasonCode === undefined)
    errors.push({ path: `${prefix}/reasonCode`, message: 'is required (or the free-text reason)' });
  const codes = options.exitReasons ?? DEFAULT_EXIT_REASONS;
  if (typeof record.reasonCode === 'string' && exitReasonCode(record.reasonCode, codes) === undefined)
    errors.push({ path: `${prefix}/reasonCode`, message: `must be one of ${codes.join(', ')}` });
}

function describeError(error: ValueError, kind: unknown): string {
  if (error.type === ValueErrorType.ObjectRequiredProperty) return 'is required';
  if (error.type === ValueErrorType.ObjectAdditionalProperties) return `is not a field of kind ${JSON.stringify(kind)}`;
  const options = (error.schema as { anyOf?: { const?: unknown }[] }).anyOf;
  if (options?.every((o) => typeof o.const === 'string'))
    return `must be one of ${options.map((o) => String(o.const)).join(', ')}`;
  return error.message;
}

function checkInstant(
  record: Record<string, unknown>,
  field: string,
  options: ValidateOptions,
  prefix: string,
  errors: ItemError[],
) {
  const value = record[field];
  if (typeof value !== 'string' || value === '') return undefined;
  const parsed = parseInstant(value, options.timeZone);
  if (!parsed) {
    errors.push({
      path: `${prefix}/${field}`,
      message: 'must be an ISO 8601 date-time with an offset (e.g. 2026-03-02T09:30:00+08:00) or a date',
    });
  }
  return parsed;
}

/** Every string field must be text the database stores as given. */
function checkText(record: Record<string, unknown>, prefix: string, errors: ItemError[]): void {
  for (const problem of findTextProblems(record, prefix)) errors.push(problem);
}

function dedupe(errors: ItemError[]): ItemError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.path}\u0000${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const external = (id: string): ActorRef => ({ kind: 'external', id });

/** Maps a valid item to the neutral core event. */
export function toEvent(item: SignalItem, occurredAt: Date, dueAt: Date | undefined, source: string): SignalEvent {
  const common = { id: item.id, source, actor: external(item.employee), occurredAt };
  switch (item.kind) {
    case 'message':
      return {
        ...common,
        type: 'message',
        conversation: item.channelType,
        count: item.count ?? 1,
        ...(item.peer ? { peer: external(item.peer) } : {}),
      };
    case 'leave':
      return { ...common, type: 'leave', leaveType: item.leaveType, days: item.days };
    case 'task':
      return { ...common, type: 'task', status: item.status, ...(dueAt ? { dueAt } : {}) };
    case 'attendance':
      return { ...common, type: 'attendance', status: item.status };
    case 'crm_activity':
      return { ...common, type: 'crm_activity', count: item.count };
    case 'help':
      return { ...common, type: 'help', to: external(item.peer) };
    case 'kudos':
      return { ...common, type: 'kudos', to: external(item.peer) };
    case 'team_project':
      return { ...common, type: 'team_project', project: item.project };
    case 'resource_share':
      return { ...common, type: 'resource_share', count: item.count };
    case 'manager_change':
      return { ...common, type: 'manager_change', ...(item.manager ? { manager: external(item.manager) } : {}) };
    case 'departure':
      return {
        ...common,
        type: 'departure',
        reason: item.reason ?? item.reasonCode ?? 'other',
        ...(item.reasonCode !== undefined ? { reasonCode: item.reasonCode } : {}),
        ...(item.note !== undefined ? { note: item.note } : {}),
      };
    case 'hire':
      return { ...common, type: 'hire' };
  }
}

/** A CSV row (all strings) → an item: empty cells are absent, numeric columns become numbers when they look numeric. */
export function csvRowToItem(row: Record<string, string>): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(row)) {
    const value = raw.trim();
    if (value === '') continue;
    item[key] = NUMERIC_FIELDS.has(key) && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  }
  return item;
}

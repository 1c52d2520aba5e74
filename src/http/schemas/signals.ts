// Schemas of the signal routes: the push format (documented here, checked item by item by the use case so every
// bad item and line is reported) and one person's activity.
import { Type } from '@sinclair/typebox';
import { SIGNAL_SCHEMAS, SOURCE_PATTERN } from '../../app/signals/validate.js';
import { Day } from './common.js';

export const SignalItem = Type.Union(Object.values(SIGNAL_SCHEMAS), {
  description:
    'One signal: id (unique per source), kind, employee (external id), occurredAt (ISO 8601 with offset, or a day) ' +
    'and the fields of its kind. Never message text.',
});

export const SignalsBody = Type.Object(
  { signals: Type.Array(SignalItem, { maxItems: 10_000 }) },
  {
    additionalProperties: false,
    description:
      'application/json: { signals: [...] } up to 10,000 items. application/x-ndjson: one item per line, any number ' +
      '(errors name /lines/<n>/<field>). If any item is invalid nothing is stored.',
  },
);

export const SignalsQuery = Type.Object(
  {
    source: Type.Optional(
      Type.String({ pattern: SOURCE_PATTERN.source, description: "dedupe namespace (default 'hr-api')" }),
    ),
  },
  { additionalProperties: false },
);

export const ReceiveSummary = Type.Object({
  received: Type.Integer(),
  accepted: Type.Integer(),
  duplicates: Type.Integer(),
  skippedUnknown: Type.Integer({ description: 'About people not in the directory (or outside your sub-trees)' }),
  expired: Type.Integer({ description: 'Older than the raw-event retention window' }),
  unknownEmployees: Type.Array(Type.String()),
});

export const ActivityQuery = Type.Object(
  {
    from: Type.Optional(Day('First day (default: 27 days before `to`)')),
    to: Type.Optional(Day('Last day (default: today in the tenant time zone); at most 366 days after `from`')),
  },
  { additionalProperties: false },
);

export const ActivityView = Type.Object({
  employee: Type.Object({
    id: Type.String(),
    externalId: Type.String(),
    displayName: Type.String(),
    status: Type.String(),
  }),
  from: Type.String(),
  to: Type.String(),
  timezone: Type.String(),
  days: Type.Array(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])), {
    description: 'One rollup per day with data: day, messages…, leave days by type, helps, tasks…',
  }),
  coverage: Type.Array(
    Type.Object({ day: Type.String(), source: Type.String(), signalClass: Type.String(), events: Type.Integer() }),
  ),
});

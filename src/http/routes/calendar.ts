// GET/PUT /api/v1/calendar: the tenant's working calendar (hr or admin). Thin: the use cases in src/app/calendar
// check the values (InvalidInputError ⇒ 400 naming the fields), re-spread leaves on a change and write the audit row.
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { accessOf, permit } from '../access.js';
import { errors, Nullable } from '../schemas/common.js';
import { showCalendar, updateCalendar } from '../../app/calendar/index.js';
import type { RouteDeps } from '../route-deps.js';

const Kind = Type.Union([Type.Literal('day_off'), Type.Literal('working_day')]);
const NamedDay = Type.Object({ day: Type.String(), name: Nullable(Type.String()) });
const CalendarView = Type.Object({
  region: Nullable(Type.String()),
  workingWeekdays: Type.Array(Type.Integer()),
  workingDaysPerWeek: Type.Integer(),
  from: Type.String(),
  to: Type.String(),
  workingDays: Type.Integer(),
  days: Type.Array(
    Type.Object({
      day: Type.String(),
      weekday: Type.Integer(),
      working: Type.Boolean(),
      kind: Type.String(),
      name: Nullable(Type.String()),
    }),
  ),
  holidays: Type.Array(NamedDay),
  makeUpWorkingDays: Type.Array(NamedDay),
  overrides: Type.Array(
    Type.Object({ day: Type.String(), kind: Kind, note: Nullable(Type.String()), createdBy: Type.String() }),
  ),
  dataCoverage: Type.Object({
    source: Nullable(Type.String()),
    coveredYears: Type.Array(Type.Integer()),
    missingYears: Type.Array(Type.Integer()),
  }),
  warnings: Type.Array(Type.String()),
});
const Override = Type.Object(
  { day: Type.String({ maxLength: 10 }), kind: Kind, note: Type.Optional(Nullable(Type.String({ maxLength: 200 }))) },
  { additionalProperties: false },
);

export const calendarRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { db, now }) => {
  app.get(
    '/calendar',
    {
      preValidation: permit('calendar.read'),
      schema: {
        tags: ['calendar'],
        operationId: 'getCalendar',
        summary: "The tenant's working calendar of a range (default: this year): every day, holidays, overrides",
        querystring: Type.Object(
          {
            from: Type.Optional(Type.String({ maxLength: 10, description: 'YYYY-MM-DD' })),
            to: Type.Optional(Type.String({ maxLength: 10, description: 'YYYY-MM-DD, at most 366 days after from' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: CalendarView, ...errors(400, 403) },
      },
    },
    async (request) => {
      const { from, to } = request.query;
      return showCalendar(accessOf(db, request), {
        ...(from !== undefined ? { from } : {}),
        ...(to !== undefined ? { to } : {}),
        now: now(),
      });
    },
  );

  app.put(
    '/calendar',
    {
      preValidation: permit('calendar.write'),
      schema: {
        tags: ['calendar'],
        operationId: 'putCalendar',
        summary:
          'Change the region, the working weekdays and/or the complete list of overrides; leaves are re-spread (hr or admin)',
        body: Type.Object(
          {
            region: Type.Optional(Nullable(Type.String({ maxLength: 10 }))),
            workingWeekdays: Type.Optional(Type.Array(Type.Integer(), { maxItems: 7 })),
            overrides: Type.Optional(Type.Array(Override, { maxItems: 1000 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: CalendarView, ...errors(400, 403) },
      },
    },
    async (request) => {
      return updateCalendar(accessOf(db, request), request.body, now());
    },
  );
};

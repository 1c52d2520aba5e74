// The input primitives every edge shares — HTTP schemas, the CLI's file imports and the chat adapters: one
// definition of an id, a day, an instant, a limit. Formats are plain functions, registered with TypeBox here
// and with the HTTP validator (src/http/validation.ts).
import { FormatRegistry, Type, type TSchema } from '@sinclair/typebox';
import { isInputDay, isInputDayOrInstant, isInputInstant, MAX_YEAR, MIN_YEAR } from './dates.js';
import { isStorableText } from './text.js';

/** Named string formats: `format: 'day'` etc. in any schema. */
export const FORMATS: Readonly<Record<string, (value: string) => boolean>> = {
  day: isInputDay,
  instant: isInputInstant,
  'day-or-instant': isInputDayOrInstant,
  text: isStorableText,
};

/** What a value failing each format is told (instead of 'must match format "day"'). */
export const FORMAT_MESSAGES: Readonly<Record<string, string>> = {
  day: `must be a day YYYY-MM-DD in ${MIN_YEAR}–${MAX_YEAR}`,
  instant: `must be an ISO 8601 date-time with an offset, in ${MIN_YEAR}–${MAX_YEAR}`,
  'day-or-instant': `must be a day YYYY-MM-DD or an ISO 8601 date-time with an offset, in ${MIN_YEAR}–${MAX_YEAR}`,
  text: 'must not contain NUL characters or unpaired UTF-16 surrogates',
  uuid: 'must be a uuid',
};

for (const [name, check] of Object.entries(FORMATS)) if (!FormatRegistry.Has(name)) FormatRegistry.Set(name, check);

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const StringEnum = <T extends string>(values: readonly T[], description?: string) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });

export const Day = (description = 'YYYY-MM-DD') =>
  Type.String({ format: 'day', maxLength: 10, description: `${description} (a day in ${MIN_YEAR}–${MAX_YEAR})` });

export const Instant = (description = 'ISO 8601 date-time with an offset, e.g. 2026-03-02T09:30:00+08:00') =>
  Type.String({ format: 'instant', maxLength: 40, description });

/** The id an HR system (or a chat platform) uses for a person or team; never a number. */
export const ExternalId = (description = 'The id your HR system uses') =>
  Type.String({ minLength: 1, maxLength: 200, pattern: '\\S', format: 'text', description });

/** A person or team named by its internal id or its external id. */
export const Reference = (description = 'Internal id or external id') =>
  Type.String({ minLength: 1, maxLength: 200, format: 'text', description });

/** Free text stored as given (a name, a note). */
export const Text = (maxLength: number, description?: string) =>
  Type.String({ minLength: 1, maxLength, pattern: '\\S', format: 'text', ...(description ? { description } : {}) });

export const Limit = (maximum: number, defaultValue: number) =>
  Type.Integer({ minimum: 1, maximum, default: defaultValue, description: `1–${maximum} (default ${defaultValue})` });

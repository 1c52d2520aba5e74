// Days and instants as inputs: real calendar days within the years a person's working life can touch. Far dates are
// refused at the edge (year 0 is not a PostgreSQL date; year 3000 is a typo), never passed to the database.

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2200;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** 'YYYY-MM-DD' naming a day that exists, in 1900–2200. */
export function isInputDay(value: string): boolean {
  const match = DAY.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  if (year < MIN_YEAR || year > MAX_YEAR) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** ISO 8601 date-time with an explicit offset (Z or ±hh:mm), on an input day. */
export function isInputInstant(value: string): boolean {
  const match = INSTANT.exec(value);
  if (!match || !isInputDay(match[1]!)) return false;
  if (Number(match[2]) > 23 || Number(match[3]) > 59 || Number(match[4] ?? 0) > 59) return false;
  return !Number.isNaN(Date.parse(value.replace(/(\.\d{3})\d+/, '$1')));
}

/** An input day or an input instant (e.g. a leaving date given either way). */
export const isInputDayOrInstant = (value: string): boolean => isInputDay(value) || isInputInstant(value);

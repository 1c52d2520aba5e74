// Date helpers for signal ingestion that need a time zone but no library.

const formatters = new Map<string, Intl.DateTimeFormat>();

function wallClock(instant: Date, timeZone: string): number {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, format);
  }
  const p = Object.fromEntries(format.formatToParts(instant).map((part) => [part.type, part.value]));
  return Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
}

/**
 * The instant of 12:00 local time on `day` in `timeZone`. HR systems often send a bare date (a leave day, a hire
 * date); noon lands on that same local day whatever the offset or DST shift.
 */
export function zonedNoon(day: string, timeZone: string): Date {
  const guess = Date.parse(`${day}T12:00:00Z`);
  const offset = wallClock(new Date(guess), timeZone) - guess;
  return new Date(guess - offset);
}

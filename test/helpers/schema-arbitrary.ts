// fast-check arbitraries from the JSON schemas of /docs/json: values that are mostly well-formed (so requests get
// past the first check and reach the use cases) with hostile leaves mixed in — NUL bytes, lone surrogates, huge
// and odd numbers, far dates, wrong types.
import fc from 'fast-check';

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  minimum?: number;
  maximum?: number;
}

/** Strings a careless or hostile client sends. */
export const HOSTILE_STRINGS = [
  '\u0000',
  'a\u0000b',
  'a\ud800',
  'a\udbff',
  '\udc00x',
  '🎉',
  '',
  ' ',
  'x'.repeat(250),
  '0000-01-01',
  '1899-12-31',
  '2201-01-01',
  '9999-12-31T23:59:59Z',
  '0000-01-01T00:00:00Z',
  '2026-02-30',
  '1e309',
  '-1',
  'NaN',
  '../..',
  "' or 1=1 --",
  '%00',
  '00000000-0000-4000-8000-000000000000',
];

export const HOSTILE_NUMBERS = [1e308, -1e308, 0, -1, 1.5, 2 ** 53 + 2, Number.MAX_SAFE_INTEGER, 1e-300];

/** Well-formed values for the formats the API uses, and ids that exist in the test organisation. */
const FORMATTED: Record<string, string[]> = {
  day: ['2026-11-27', '2026-11-01', '1900-01-01', '2200-12-31'],
  instant: ['2026-11-26T10:00:00+08:00', '2026-11-01T00:00:00Z'],
  'day-or-instant': ['2026-11-01', '2026-11-01T00:00:00Z'],
  'date-time': ['2026-11-01T00:00:00Z'],
  uuid: ['00000000-0000-4000-8000-000000000000'],
};

const hostile = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(null, true, [], {}, [1], { a: 1 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
  );

function wellFormed(schema: JsonSchema, known: readonly string[], depth: number): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return fc.oneof(...union.map((s) => valueOf(s, known, depth)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const props = schema.properties ?? {};
      const required = new Set(schema.required ?? []);
      const shape: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, child] of Object.entries(props)) shape[name] = valueOf(child, known, depth + 1);
      const requiredKeys = Object.keys(props).filter((k) => required.has(k));
      return fc.record(shape, { requiredKeys });
    }
    case 'array': {
      const items = schema.items ?? {};
      const minLength = Math.min(schema.minItems ?? 0, 3);
      return fc.array(valueOf(items, known, depth + 1), {
        minLength,
        maxLength: Math.max(minLength, depth > 1 ? 1 : 3),
      });
    }
    case 'string':
      if (schema.format && FORMATTED[schema.format]) return fc.constantFrom(...FORMATTED[schema.format]!);
      return fc.oneof(fc.constantFrom(...known), fc.string({ minLength: 1, maxLength: 12 }));
    case 'integer':
      return fc.integer({ min: Math.max(schema.minimum ?? -5, -1e6), max: Math.min(schema.maximum ?? 1000, 1e6) });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return fc.jsonValue({ maxDepth: 1 });
  }
}

/** A value for the schema: well-formed most of the time, hostile at this leaf some of the time. */
export function valueOf(schema: JsonSchema, known: readonly string[], depth = 0): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 6, arbitrary: wellFormed(schema, known, depth) }, { weight: 1, arbitrary: hostile() });
}

/** Every UTF-8 byte percent-encoded (a lone surrogate becomes U+FFFD's bytes, as any client would send it). */
export const percentEncode = (value: unknown): string =>
  [...Buffer.from(typeof value === 'string' ? value : (JSON.stringify(value) ?? 'null'), 'utf8')]
    .map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)
    .join('');

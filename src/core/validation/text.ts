// Text every store and platform takes as given. PostgreSQL cannot store NUL in text (the write fails), and a lone
// UTF-16 surrogate is silently turned into U+FFFD on the way to UTF-8 — so 'a\ud800' and 'a\udbff' would become
// the same id and one would be dropped as a duplicate. Both are refused at the edge, with the path of the field.

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export interface TextProblem {
  path: string;
  message: string;
}

/** Why a string cannot be stored as given, or null when it can. */
export function textProblem(value: string): string | null {
  if (value.includes('\u0000')) return 'must not contain NUL characters';
  if (LONE_SURROGATE.test(value)) return 'must not contain unpaired UTF-16 surrogates';
  return null;
}

export const isStorableText = (value: string): boolean => textProblem(value) === null;

/** JSON pointer segment (RFC 6901). */
const segment = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Every string (and property name) in a parsed JSON value that cannot be stored, as JSON-pointer paths below
 * `path`. Stops after `limit` problems.
 */
export function findTextProblems(value: unknown, path = '', limit = 100): TextProblem[] {
  const problems: TextProblem[] = [];
  const walk = (node: unknown, at: string): void => {
    if (problems.length >= limit) return;
    if (typeof node === 'string') {
      const message = textProblem(node);
      if (message) problems.push({ path: at || '/', message });
    } else if (Array.isArray(node)) {
      node.forEach((item, index) => walk(item, `${at}/${index}`));
    } else if (typeof node === 'object' && node !== null) {
      for (const [key, child] of Object.entries(node)) {
        const keyProblem = textProblem(key);
        if (keyProblem) {
          // The key itself cannot be named faithfully; point at its parent.
          problems.push({
            path: at || '/',
            message: `a property name ${keyProblem.replace('must not contain', 'contains')}`,
          });
          continue;
        }
        walk(child, `${at}/${segment(key)}`);
      }
    }
  };
  walk(value, path);
  return problems;
}

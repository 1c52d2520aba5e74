// Card buttons carry their (actionId, value) in the button id, so a click needs no lookup: render() writes
// `tp1.<base64url(JSON [actionId, value])>`, the client appends `.<signature>` with the installation's button key
// before sending, and a click is accepted only when that signature verifies — an HTTP card callback cannot be forged
// by someone who has not seen the card (the dispatcher then still checks who may answer the alert).
import { createHmac, timingSafeEqual } from 'node:crypto';

export const BUTTON_TOKEN_PREFIX = 'tp1.';

/** `tp1.<base64url(JSON [actionId, value])>`: what a request button's id carries (before the client signs it). */
export function buttonToken(actionId: string, value: string): string {
  return BUTTON_TOKEN_PREFIX + Buffer.from(JSON.stringify([actionId, value]), 'utf8').toString('base64url');
}

/** The (actionId, value) of an unsigned or signed token, or undefined if it is not one of ours. */
export function decodeButtonToken(token: string): { actionId: string; value: string } | undefined {
  if (!token.startsWith(BUTTON_TOKEN_PREFIX)) return undefined;
  const body = token.slice(BUTTON_TOKEN_PREFIX.length).split('.')[0] ?? '';
  try {
    const parsed: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && parsed.every((x) => typeof x === 'string')) {
      return { actionId: parsed[0] as string, value: parsed[1] as string };
    }
  } catch {
    // not ours
  }
  return undefined;
}

function signatureOf(unsigned: string, key: Buffer): string {
  return createHmac('sha256', key).update(unsigned, 'utf8').digest('base64url').slice(0, 22);
}

/** Appends the signature to an unsigned token (a signed one is re-signed from its unsigned part). */
export function signButtonToken(token: string, key: Buffer): string {
  const unsigned = token.split('.').slice(0, 2).join('.');
  return `${unsigned}.${signatureOf(unsigned, key)}`;
}

/** The (actionId, value) of a token whose signature verifies with `key`; undefined otherwise. */
export function verifyButtonToken(token: string, key: Buffer): { actionId: string; value: string } | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || `${parts[0]}.` !== BUTTON_TOKEN_PREFIX) return undefined;
  const expected = Buffer.from(signatureOf(`${parts[0]}.${parts[1]}`, key));
  const given = Buffer.from(parts[2]!);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  return decodeButtonToken(token);
}

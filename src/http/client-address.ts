// Who is on the other end of a request. Three headers name a client behind a proxy — X-Forwarded-For, Forwarded
// (RFC 7239) and X-Real-IP — and every address decision treats them alike: a request carrying any of them came
// through a proxy, so it is never "local"; and with trustProxy set, Forwarded and X-Real-IP feed request.ip exactly
// as X-Forwarded-For does (Fastify applies the trust rules), so rate limits key on the real client.
import type { FastifyRequest } from 'fastify';

export const PROXY_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip'] as const;

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** True when the request names a client behind a proxy in any of the three headers. */
export function viaProxy(request: FastifyRequest): boolean {
  return PROXY_HEADERS.some((name) => request.headers[name] !== undefined);
}

/** A direct connection from this machine: loopback peer and no proxy header at all. */
export function isLoopback(request: FastifyRequest): boolean {
  return LOOPBACK.has(request.socket.remoteAddress ?? '') && !viaProxy(request);
}

const first = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value.join(',') : value;

/** The `for=` addresses of a Forwarded header, nearest client first, without quotes, brackets or ports. */
export function forwardedFor(header: string): string[] {
  const addresses: string[] = [];
  for (const element of header.split(',')) {
    for (const pair of element.split(';')) {
      const [key, ...rest] = pair.split('=');
      if (key?.trim().toLowerCase() !== 'for' || rest.length === 0) continue;
      let value = rest.join('=').trim().replace(/^"|"$/g, '');
      const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
      if (bracketed) value = bracketed[1]!;
      else if (/^[\d.]+:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(':'));
      if (value) addresses.push(value);
    }
  }
  return addresses;
}

/**
 * onRequest hook (registered first, only when trustProxy is set): a request through a proxy that sends Forwarded
 * or X-Real-IP but no X-Forwarded-For gets the equivalent X-Forwarded-For, so request.ip (which honours the
 * trustProxy rules) sees the same client whichever header the proxy uses.
 */
export async function normaliseProxyHeaders(request: FastifyRequest): Promise<void> {
  const headers = request.raw.headers;
  if (headers['x-forwarded-for'] !== undefined) return;
  const forwarded = first(headers.forwarded);
  const fromForwarded = forwarded ? forwardedFor(forwarded) : [];
  const realIp = first(headers['x-real-ip'])?.trim();
  const chain = fromForwarded.length > 0 ? fromForwarded : realIp ? [realIp] : [];
  if (chain.length > 0) headers['x-forwarded-for'] = chain.join(', ');
}

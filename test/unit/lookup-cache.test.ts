// The inbound lookup cache (src/app/inbound/lookup-cache.ts): answers expire after their TTL, the oldest entries go
// first when it is full, a change to a tenant drops that tenant's answers only, and an answer read from the
// database before a change is not kept after it.
import { describe, expect, it } from 'vitest';
import { inboundLookupsChanged, LookupCache } from '../../src/app/inbound/lookup-cache.js';

describe('LookupCache', () => {
  it('forgets an answer after its TTL', () => {
    let now = 0;
    const cache = new LookupCache<string>({ ttlMs: 1_000, now: () => now });
    cache.set('t1', 'U1', 'team');
    now = 999;
    expect(cache.get('t1', 'U1')).toBe('team');
    now = 1_000;
    expect(cache.get('t1', 'U1')).toBeUndefined();
  });

  it('stays bounded: the oldest entry goes first', () => {
    const cache = new LookupCache<number>({ maxEntries: 2, now: () => 0 });
    cache.set('t1', 'a', 1);
    cache.set('t1', 'b', 2);
    cache.set('t1', 'c', 3);
    expect(cache.size).toBe(2);
    expect([cache.get('t1', 'a'), cache.get('t1', 'b'), cache.get('t1', 'c')]).toEqual([undefined, 2, 3]);
  });

  it("a tenant's change drops its answers, not another tenant's; a change to all drops every answer", () => {
    const cache = new LookupCache<boolean>({ now: () => 0 });
    cache.set('lc-a', 'U1', true);
    cache.set('lc-b', 'U1', true);
    inboundLookupsChanged('lc-a');
    expect(cache.get('lc-a', 'U1')).toBeUndefined();
    expect(cache.get('lc-b', 'U1')).toBe(true);
    inboundLookupsChanged();
    expect(cache.get('lc-b', 'U1')).toBeUndefined();
  });

  it('does not keep an answer read before a change', () => {
    const cache = new LookupCache<boolean>({ now: () => 0 });
    const generation = cache.generation('lc-c'); // the database is asked…
    inboundLookupsChanged('lc-c'); // …a link changes meanwhile…
    cache.set('lc-c', 'U1', true, generation); // …the stale answer arrives
    expect(cache.get('lc-c', 'U1')).toBeUndefined();
  });
});

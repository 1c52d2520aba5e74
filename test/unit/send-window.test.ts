// WeCom's :00/:30 pause (src/core/send-window.ts), on fixed instants: a message due in the first three minutes after
// a mark waits until :03 plus a per-tenant offset below five minutes; other minutes and other platforms are untouched;
// the offset depends only on the tenant id.
import { describe, expect, it } from 'vitest';
import { firstAllowedSend, tenantSpreadMs } from '../../src/core/send-window.js';

const T1 = '6f1c2a3e-0000-4000-8000-000000000001';
const T2 = '6f1c2a3e-0000-4000-8000-000000000002';
const at = (iso: string) => new Date(iso);

describe('send window (WeCom :00/:30)', () => {
  it('holds a send in :00–:02:59 or :30–:32:59 back to :03 plus the tenant offset', () => {
    const offset = tenantSpreadMs(T1, 300_000);
    expect(offset).toBeGreaterThanOrEqual(0);
    expect(offset).toBeLessThan(300_000);
    expect(offset % 1000).toBe(0);
    for (const iso of ['2026-11-30T01:00:00.000Z', '2026-11-30T01:01:30.000Z', '2026-11-30T01:02:59.999Z']) {
      expect(firstAllowedSend('wecom', T1, at(iso)).getTime()).toBe(Date.parse('2026-11-30T01:03:00Z') + offset);
    }
    expect(firstAllowedSend('wecom', T1, at('2026-11-30T06:31:10Z')).getTime()).toBe(
      Date.parse('2026-11-30T06:33:00Z') + offset,
    );
  });

  it('leaves every other minute, and every other platform, alone', () => {
    for (const iso of [
      '2026-11-30T01:03:00Z',
      '2026-11-30T01:29:59Z',
      '2026-11-30T01:33:00Z',
      '2026-11-30T01:59:59Z',
    ]) {
      expect(firstAllowedSend('wecom', T1, at(iso)).toISOString()).toBe(new Date(iso).toISOString());
    }
    for (const platform of ['slack', 'dingtalk', 'console'] as const) {
      expect(firstAllowedSend(platform, T1, at('2026-11-30T01:00:00Z')).toISOString()).toBe('2026-11-30T01:00:00.000Z');
    }
  });

  it('spreads tenants by a stable offset: the same tenant always gets the same minute, different ones differ', () => {
    expect(tenantSpreadMs(T1, 300_000)).toBe(tenantSpreadMs(T1, 300_000));
    const offsets = new Set(Array.from({ length: 50 }, (_, i) => tenantSpreadMs(`tenant-${i}`, 300_000)));
    expect(offsets.size).toBeGreaterThan(30);
    expect(tenantSpreadMs(T1, 300_000)).not.toBe(tenantSpreadMs(T2, 300_000));
  });
});

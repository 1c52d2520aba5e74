import { describe, expect, it } from 'vitest';
import { decideEmployeeAlert, decideTeamWarning, snoozeUntil } from '../../src/core/alerts/index.js';

const now = new Date('2026-11-27T03:00:00Z');
const high = (score = 82) => ({ level: 'high', score });
const medium = (score = 55) => ({ level: 'medium', score });

describe('alert policy: employees', () => {
  it('raises when an employee enters high, and not while staying low/medium', () => {
    expect(decideEmployeeAlert({ current: high(), previous: medium(), asOf: '2026-11-27', now })).toEqual({
      raise: true,
      trigger: 'escalated',
    });
    expect(decideEmployeeAlert({ current: high(), asOf: '2026-11-27', now })).toEqual({
      raise: true,
      trigger: 'escalated',
    });
    expect(
      decideEmployeeAlert({ current: medium(), previous: { level: 'low', score: 10 }, asOf: '2026-11-27', now }),
    ).toEqual({ raise: false, why: 'not_eligible' });
    expect(decideEmployeeAlert({ current: { level: null, score: null }, asOf: '2026-11-27', now })).toEqual({
      raise: false,
      why: 'not_eligible',
    });
  });

  it('rising a level alerts when the tenant alerts from medium', () => {
    const settings = { minLevel: 'medium' as const };
    expect(
      decideEmployeeAlert({
        current: medium(),
        previous: { level: 'low', score: 20 },
        asOf: '2026-11-27',
        now,
        settings,
      }),
    ).toEqual({ raise: true, trigger: 'escalated' });
    // medium → high inside the cooldown of the medium alert is "worse"
    const lastAlert = { asOf: '2026-11-20', level: 'medium', score: 55, snoozedUntil: null };
    expect(
      decideEmployeeAlert({ current: high(), previous: medium(), lastAlert, asOf: '2026-11-27', now, settings }),
    ).toEqual({ raise: true, trigger: 'worse' });
  });

  it('alerts once per escalation: staying high does not alert again', () => {
    const lastAlert = { asOf: '2026-10-01', level: 'high', score: 82, snoozedUntil: null };
    expect(decideEmployeeAlert({ current: high(83), previous: high(82), lastAlert, asOf: '2026-11-27', now })).toEqual({
      raise: false,
      why: 'no_escalation',
    });
  });

  it('cooldown: back to high within 14 days stays quiet unless worse', () => {
    const lastAlert = { asOf: '2026-11-20', level: 'high', score: 82, snoozedUntil: null };
    expect(decideEmployeeAlert({ current: high(85), previous: medium(), lastAlert, asOf: '2026-11-27', now })).toEqual({
      raise: false,
      why: 'cooldown',
    });
    expect(decideEmployeeAlert({ current: high(92), previous: medium(), lastAlert, asOf: '2026-11-27', now })).toEqual({
      raise: true,
      trigger: 'worse',
    });
    // Day 14 is outside the cooldown: a fresh escalation alerts again.
    expect(decideEmployeeAlert({ current: high(83), previous: medium(), lastAlert, asOf: '2026-12-04', now })).toEqual({
      raise: true,
      trigger: 'escalated',
    });
    expect(decideEmployeeAlert({ current: high(83), previous: medium(), lastAlert, asOf: '2026-12-03', now })).toEqual({
      raise: false,
      why: 'cooldown',
    });
    // A custom cooldown
    expect(
      decideEmployeeAlert({
        current: high(83),
        previous: medium(),
        lastAlert,
        asOf: '2026-11-27',
        now,
        settings: { cooldownDays: 7 },
      }),
    ).toEqual({ raise: true, trigger: 'escalated' });
  });

  it('re-planning the same day does not alert twice', () => {
    const lastAlert = { asOf: '2026-11-27', level: 'high', score: 82, snoozedUntil: null };
    expect(decideEmployeeAlert({ current: high(82), previous: medium(), lastAlert, asOf: '2026-11-27', now })).toEqual({
      raise: false,
      why: 'cooldown',
    });
  });

  it('snooze suppresses even a worse score for 2 weeks, then reminds once', () => {
    const pressed = new Date('2026-11-21T02:00:00Z');
    const until = snoozeUntil(pressed);
    expect(until.toISOString()).toBe('2026-12-05T02:00:00.000Z');
    const lastAlert = { asOf: '2026-11-20', level: 'high', score: 82, snoozedUntil: until };
    expect(decideEmployeeAlert({ current: high(99), previous: medium(), lastAlert, asOf: '2026-11-27', now })).toEqual({
      raise: false,
      why: 'snoozed',
    });
    const later = new Date('2026-12-05T03:00:00Z');
    expect(
      decideEmployeeAlert({ current: high(82), previous: high(82), lastAlert, asOf: '2026-12-05', now: later }),
    ).toEqual({ raise: true, trigger: 'reminder' });
    // …but not if the person is no longer flagged.
    expect(
      decideEmployeeAlert({ current: medium(), previous: high(82), lastAlert, asOf: '2026-12-05', now: later }),
    ).toEqual({ raise: false, why: 'not_eligible' });
  });
});

describe('alert policy: teams', () => {
  it('warns when a team turns negative, once', () => {
    expect(
      decideTeamWarning({
        current: { tier: 'negative', score: 38 },
        previous: { tier: 'neutral', score: 55 },
        asOf: '2026-11-27',
        now,
      }),
    ).toEqual({ raise: true, trigger: 'escalated' });
    expect(
      decideTeamWarning({
        current: { tier: 'neutral', score: 50 },
        previous: { tier: 'positive', score: 75 },
        asOf: '2026-11-27',
        now,
      }),
    ).toEqual({ raise: false, why: 'not_eligible' });
    const lastAlert = { asOf: '2026-11-01', level: 'negative', score: 38, snoozedUntil: null };
    expect(
      decideTeamWarning({
        current: { tier: 'negative', score: 37 },
        previous: { tier: 'negative', score: 38 },
        lastAlert,
        asOf: '2026-11-27',
        now,
      }),
    ).toEqual({ raise: false, why: 'no_escalation' });
  });

  it('inside the cooldown, only a further fall of the score warns again', () => {
    const lastAlert = { asOf: '2026-11-20', level: 'negative', score: 38, snoozedUntil: null };
    expect(
      decideTeamWarning({
        current: { tier: 'negative', score: 33 },
        previous: { tier: 'neutral', score: 50 },
        lastAlert,
        asOf: '2026-11-27',
        now,
      }),
    ).toEqual({ raise: false, why: 'cooldown' });
    expect(
      decideTeamWarning({
        current: { tier: 'negative', score: 27 },
        previous: { tier: 'neutral', score: 50 },
        lastAlert,
        asOf: '2026-11-27',
        now,
      }),
    ).toEqual({ raise: true, trigger: 'worse' });
  });
});

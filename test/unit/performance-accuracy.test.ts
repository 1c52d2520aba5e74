// Accuracy of high flags on a hand-built cohort with known leavers: every figure below is computed by hand in the
// comments (alerts are the first day of a run of high days; outcomes at 30/60/90 days).
import { describe, expect, it } from 'vitest';
import {
  accuracyFigures,
  alertDays,
  exitReasonOf,
  suggestThreshold,
  type PersonHistory,
  type ScoredDay,
} from '../../src/core/performance/index.js';

const day = (d: string, score: number, rules: string[] = []): ScoredDay => ({
  day: d,
  score,
  high: score >= 70,
  rules,
});

const asOf = '2026-06-30';
const cohort: PersonHistory[] = [
  // A left 30 days after its alert (03-01 → 03-31): a true positive at every horizon; lead 30 days.
  { id: 'A', leftOn: '2026-03-31', days: [day('2026-03-01', 80, ['activity_drop']), day('2026-03-08', 80)] },
  // B left 90 days after its alert (03-01 → 05-30): positive only at 90; its low day 05-15 makes it observed at 30/60.
  { id: 'B', leftOn: '2026-05-30', days: [day('2026-03-01', 80, ['activity_drop']), day('2026-05-15', 20)] },
  // C left without a high day (one medium day at 65): a miss at every horizon.
  { id: 'C', leftOn: '2026-04-15', days: [day('2026-04-01', 65, ['leave_up'])] },
  // D stayed; its alert of 02-01 is older than 90 days: a false positive at every horizon.
  { id: 'D', leftOn: null, days: [day('2026-02-01', 72, ['tenure_band']), day('2026-02-08', 20)] },
  // E stayed; its alert of 06-20 is younger than 30 days: pending everywhere.
  { id: 'E', leftOn: null, days: [day('2026-06-20', 75)] },
  // F stayed and was never high.
  { id: 'F', leftOn: null, days: [day('2026-05-01', 10), day('2026-06-01', 10)] },
  // G left with no scored day in the 90 days before: not observed, counted nowhere.
  { id: 'G', leftOn: '2026-06-01', days: [day('2026-01-02', 90)] },
];

describe('accuracy of high flags', () => {
  it('alerts are the first days of runs of high days', () => {
    expect(alertDays([day('d1', 80), day('d2', 80), day('d3', 10), day('d4', 90)])).toEqual(['d1', 'd4']);
  });

  it('precision, recall and lead time match the hand-computed values', () => {
    const f = accuracyFigures(cohort, asOf);
    // G's alert of 01-02 left 150 days later: a false positive too (its outcome is known).
    // 30 d: A TP; B, D, G FP; E pending ⇒ 1/4. Recall: A caught; B, C observed, missed ⇒ 1/3.
    expect(f.horizons[0]).toMatchObject({
      horizonDays: 30,
      truePositives: 1,
      falsePositives: 3,
      pending: 1,
      precision: 0.25,
      leavers: 3,
      caught: 1,
    });
    expect(f.horizons[0]!.recall).toBeCloseTo(1 / 3);
    // 60 d: the same (B's alert came 90 days before).
    expect(f.horizons[1]).toMatchObject({ truePositives: 1, falsePositives: 3, pending: 1, leavers: 3, caught: 1 });
    // 90 d: A and B TP; D, G FP ⇒ 2/4; recall A, B of A, B, C ⇒ 2/3.
    expect(f.horizons[2]).toMatchObject({ truePositives: 2, falsePositives: 2, pending: 1, precision: 0.5, caught: 2 });
    expect(f.horizons[2]!.recall).toBeCloseTo(2 / 3);
    // Lead: A 30 days, B 90 days.
    expect(f.leadTimeDays).toEqual({ caught: 2, median: 60, mean: 60, values: [30, 90] });
    // activity_drop fired on 2 of the leavers' 4 scored days in their last 90 days (A ×1, B ×1 of A 2, B 2, C 1 = 5).
    const drop = f.rules.find((r) => r.rule === 'activity_drop')!;
    expect(drop).toEqual({ rule: 'activity_drop', leaverShare: 0.4, stayerShare: 0 });
    expect(f.rules.find((r) => r.rule === 'tenure_band')).toEqual({
      rule: 'tenure_band',
      leaverShare: 0,
      stayerShare: 0.2,
    });
  });

  it('suggests the threshold with the best F1 at 60 days, nearest the current one among equals', () => {
    const s = suggestThreshold(cohort, asOf, 70);
    const at = (high: number) => s.candidates.find((c) => c.high === high)!;
    // 70: P 1/4, R 1/3 ⇒ F1 0.286. 65 adds C's alert (left 14 days later): P 2/5, R 2/3 ⇒ F1 0.5.
    expect(at(70).f1).toBeCloseTo(0.286, 3);
    expect(at(65)).toMatchObject({ precision: 0.4, f1: 0.5 });
    expect(at(65).recall).toBeCloseTo(0.667, 3);
    // 50–60 flag the same days as 65: 65 is the nearest of the equals.
    expect(s.suggested).toBe(65);
    // Nothing better than the current threshold ⇒ keep it.
    expect(suggestThreshold(cohort.slice(0, 1), asOf, 70).suggested).toBe(70);
  });

  it('exit reasons: the code when given, the code a free-text reason names (or a synonym of), else other', () => {
    const codes = ['manager', 'compensation', 'other'];
    expect(exitReasonOf({ reasonCode: 'compensation', reason: 'anything' }, codes)).toBe('compensation');
    expect(exitReasonOf({ reasonCode: 'pay' }, codes)).toBe('compensation');
    expect(exitReasonOf({ reason: 'Manager change' }, codes)).toBe('manager');
    expect(exitReasonOf({ reason: 'resigned' }, codes)).toBe('other');
    expect(exitReasonOf({}, codes)).toBe('other');
  });
});

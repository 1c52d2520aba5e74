// Pulse surveys, pure core: the bank, rotation, cadence on working days, reminder cap, anonymity thresholds and
// differencing protection, scores, and the question messages in zh-CN and en.
import { describe, expect, it } from 'vitest';
import { createWorkingCalendar, MONDAY_TO_FRIDAY, type RegionHolidays } from '../../src/core/calendar/index.js';
import { addDays, weekdayOf } from '../../src/core/time.js';
import {
  cadencePeriod,
  decideVisibility,
  DEFAULT_BANK,
  effectiveThresholds,
  isRoundDue,
  parseAnswerValue,
  pickRoundQuestions,
  questionMessage,
  rotationOrder,
  roundDates,
  scoreOf,
  shouldRemind,
  SURVEY_DRIVERS,
  thresholdProblems,
  type RotationItem,
} from '../../src/core/surveys/index.js';
import { renderConsole } from '../../adapters/console/index.js';

const weekdays = createWorkingCalendar({ region: null, workingWeekdays: MONDAY_TO_FRIDAY });
/** The Monday of the week containing a fixed reference day (weekday logic is the subject here). */
const MONDAY = '2026-03-02';

describe('question bank', () => {
  it('has about 30 items over every driver, each in zh-CN and en, one eNPS item on 0–10', () => {
    expect(DEFAULT_BANK.length).toBe(30);
    expect(new Set(DEFAULT_BANK.map((q) => q.key)).size).toBe(30);
    for (const driver of SURVEY_DRIVERS) expect(DEFAULT_BANK.some((q) => q.driver === driver)).toBe(true);
    for (const q of DEFAULT_BANK) {
      expect(q.text['zh-CN'].length).toBeGreaterThan(3);
      expect(q.text.en.length).toBeGreaterThan(3);
    }
    expect(DEFAULT_BANK.filter((q) => q.scale === 'nps11').map((q) => q.driver)).toEqual(['enps']);
    expect(DEFAULT_BANK.find((q) => q.key === 'team_support.1')?.text['zh-CN']).toContain('团队');
  });
});

describe('rotation', () => {
  const items: RotationItem[] = DEFAULT_BANK.map((q, i) => ({ id: q.key, driver: q.driver, position: i }));

  it('interleaves drivers so one round covers several', () => {
    const order = rotationOrder(items);
    expect(order.slice(0, 4)).toEqual(['team_support.1', 'workload.1', 'recognition.1', 'growth.1']);
    expect(new Set(order).size).toBe(items.length);
  });

  it('asks every item once before any repeats, across rounds of 4 (30 is not a multiple of 4)', () => {
    const history: string[] = [];
    const rounds: string[][] = [];
    for (let r = 0; r < 15; r += 1) {
      const picked = pickRoundQuestions(items, history, 4);
      expect(picked).toHaveLength(4);
      expect(new Set(picked).size).toBe(4);
      rounds.push(picked);
      history.push(...picked);
    }
    // First 30 asked ids (7.5 rounds) are all distinct: the whole bank before any repeat.
    expect(new Set(history.slice(0, 30)).size).toBe(30);
    expect(new Set(history.slice(30, 60)).size).toBe(30);
    // Round 8 finishes the first cycle (2 items) and starts the next with items not in this round.
    expect(rounds[7]!.slice(0, 2).every((id) => !history.slice(0, 28).includes(id))).toBe(true);
  });

  it('ignores retired items and picks up new ones in the current cycle', () => {
    const small: RotationItem[] = [
      { id: 'a', driver: 'workload', position: 1 },
      { id: 'b', driver: 'workload', position: 2 },
      { id: 'c', driver: 'workload', position: 3 },
    ];
    expect(pickRoundQuestions(small, ['a', 'retired'], 2)).toEqual(['b', 'c']);
    expect(pickRoundQuestions([...small, { id: 'd', driver: 'growth', position: 4 }], ['a', 'b', 'c'], 2)).toEqual([
      'd',
      'a',
    ]);
    expect(pickRoundQuestions(small, [], 10)).toEqual(['a', 'b', 'c']);
    expect(pickRoundQuestions([], [], 3)).toEqual([]);
  });
});

describe('cadence and schedule on working days', () => {
  it('periods: weekly from Monday, biweekly two-week blocks, monthly from the 1st', () => {
    expect(weekdayOf(MONDAY)).toBe(1);
    expect(cadencePeriod('weekly', addDays(MONDAY, 4))).toBe(MONDAY);
    expect(cadencePeriod('monthly', '2026-03-17')).toBe('2026-03-01');
    expect(new Set([0, 7, 14, 21].map((d) => cadencePeriod('biweekly', addDays(MONDAY, d)))).size).toBe(2);
  });

  it('a round is due on the first working day of a period, never at the weekend', () => {
    const saturday = addDays(MONDAY, 5);
    expect(isRoundDue({ cadence: 'weekly', today: saturday, calendar: weekdays, lastScheduledOpenedOn: null })).toBe(
      false,
    );
    expect(isRoundDue({ cadence: 'weekly', today: MONDAY, calendar: weekdays, lastScheduledOpenedOn: null })).toBe(
      true,
    );
    // Opened Monday: not due again that week, due the next Monday.
    const last = MONDAY;
    expect(
      isRoundDue({ cadence: 'weekly', today: addDays(MONDAY, 2), calendar: weekdays, lastScheduledOpenedOn: last }),
    ).toBe(false);
    expect(
      isRoundDue({ cadence: 'weekly', today: addDays(MONDAY, 7), calendar: weekdays, lastScheduledOpenedOn: last }),
    ).toBe(true);
    expect(
      isRoundDue({ cadence: 'monthly', today: addDays(MONDAY, 7), calendar: weekdays, lastScheduledOpenedOn: last }),
    ).toBe(false);
  });

  it('skips public holidays and company days off: the round opens on the next working day', () => {
    const holidays: RegionHolidays = {
      region: 'XX',
      source: 'test',
      holidays: [{ day: MONDAY, name: 'Holiday' }],
      makeUpWorkingDays: [],
      coveredYears: [2026],
    };
    const calendar = createWorkingCalendar({
      region: 'XX',
      workingWeekdays: MONDAY_TO_FRIDAY,
      holidays,
      overrides: [{ day: addDays(MONDAY, 1), kind: 'day_off' }],
    });
    const due = (day: string) =>
      isRoundDue({ cadence: 'weekly', today: day, calendar, lastScheduledOpenedOn: addDays(MONDAY, -7) });
    expect(due(MONDAY)).toBe(false);
    expect(due(addDays(MONDAY, 1))).toBe(false);
    expect(due(addDays(MONDAY, 2))).toBe(true);
    // Dates of a round opened on Wednesday: reminder on its 3rd working day (Friday), closes after 5 (next Tuesday).
    expect(roundDates(calendar, addDays(MONDAY, 2), 'weekly')).toEqual({
      openedOn: addDays(MONDAY, 2),
      reminderOn: addDays(MONDAY, 4),
      closesOn: addDays(MONDAY, 8),
    });
  });

  it('the tenant-local day decides: 23:30 UTC on a Sunday is Monday in Shanghai', async () => {
    const { localDay } = await import('../../src/core/time.js');
    const sundayEvening = new Date(`${addDays(MONDAY, -1)}T23:30:00Z`);
    expect(localDay(sundayEvening, 'UTC')).toBe(addDays(MONDAY, -1));
    expect(localDay(sundayEvening, 'Asia/Shanghai')).toBe(MONDAY);
    const today = (zone: string) => localDay(sundayEvening, zone);
    const due = (zone: string) =>
      isRoundDue({ cadence: 'weekly', today: today(zone), calendar: weekdays, lastScheduledOpenedOn: null });
    expect(due('UTC')).toBe(false);
    expect(due('Asia/Shanghai')).toBe(true);
  });
});

describe('reminder cap', () => {
  const round = { reminderOn: addDays(MONDAY, 2), closesOn: addDays(MONDAY, 4), closed: false };
  const person = { answered: false, muted: false, reminded: false };
  it('one reminder on day 3, none before, none after it was sent, none if answered or muted', () => {
    expect(shouldRemind(person, round, addDays(MONDAY, 1), weekdays)).toBe(false);
    expect(shouldRemind(person, round, addDays(MONDAY, 2), weekdays)).toBe(true);
    expect(shouldRemind({ ...person, reminded: true }, round, addDays(MONDAY, 3), weekdays)).toBe(false);
    expect(shouldRemind({ ...person, answered: true }, round, addDays(MONDAY, 2), weekdays)).toBe(false);
    expect(shouldRemind({ ...person, muted: true }, round, addDays(MONDAY, 2), weekdays)).toBe(false);
    expect(shouldRemind(person, { ...round, closed: true }, addDays(MONDAY, 2), weekdays)).toBe(false);
    expect(shouldRemind(person, round, addDays(MONDAY, 5), weekdays)).toBe(false);
  });
});

describe('anonymity thresholds', () => {
  it('defaults 5 and 10; configurable but never below 3', () => {
    expect(effectiveThresholds({})).toEqual({ minRespondents: 5, minCommentRespondents: 10 });
    expect(effectiveThresholds({ minRespondents: 2, minCommentRespondents: 1 })).toEqual({
      minRespondents: 3,
      minCommentRespondents: 3,
    });
    expect(thresholdProblems({ minRespondents: 2 })).toEqual([
      { path: '/minRespondents', message: 'must be a whole number from 3 to 1000' },
    ]);
    expect(thresholdProblems({ minRespondents: 3, minCommentRespondents: 12 })).toEqual([]);
  });

  it('3 respondents ⇒ suppressed; 5 ⇒ shown', () => {
    const v = decideVisibility(
      [
        { id: 'three', parentId: null, count: 3 },
        { id: 'five', parentId: null, count: 5 },
      ],
      5,
    );
    expect(v.get('three')).toEqual({ shown: false, reason: 'min_respondents' });
    expect(v.get('five')).toEqual({ shown: true, reason: null });
  });

  it('10 vs 9 commenters at the comment threshold', () => {
    const v = decideVisibility(
      [
        { id: 'ten', parentId: null, count: 10 },
        { id: 'nine', parentId: null, count: 9 },
      ],
      10,
    );
    expect(v.get('ten')?.shown).toBe(true);
    expect(v.get('nine')).toEqual({ shown: false, reason: 'min_respondents' });
  });

  it('blocks differencing: department total minus the visible teams cannot reveal a small team', () => {
    // Department of 18 = A (8) + B (6) + C (4). C alone is suppressed; without protection C = 18 − 8 − 6.
    const groups = [
      { id: 'dept', parentId: null, count: 18 },
      { id: 'A', parentId: 'dept', count: 8 },
      { id: 'B', parentId: 'dept', count: 6 },
      { id: 'C', parentId: 'dept', count: 4 },
    ];
    const v = decideVisibility(groups, 5);
    expect(v.get('dept')?.shown).toBe(true);
    expect(v.get('C')).toEqual({ shown: false, reason: 'min_respondents' });
    expect(v.get('B')).toEqual({ shown: false, reason: 'sibling_protection' });
    expect(v.get('A')?.shown).toBe(true);
    // What an attacker can now compute: dept − A = B + C = 10 people together, never C alone.
    const hidden = groups.filter((g) => g.parentId === 'dept' && !v.get(g.id)!.shown).reduce((s, g) => s + g.count, 0);
    expect(hidden).toBeGreaterThanOrEqual(5);
  });

  it("protects a department's own direct members like a hidden sibling", () => {
    // Department 14 = its 2 own members + A (6) + B (6): dept − A − B would be the 2 direct members.
    const v = decideVisibility(
      [
        { id: 'dept', parentId: null, count: 14 },
        { id: 'A', parentId: 'dept', count: 6 },
        { id: 'B', parentId: 'dept', count: 6 },
      ],
      5,
    );
    expect([v.get('A')?.shown, v.get('B')?.shown].filter(Boolean)).toHaveLength(1);
    expect([...v.values()].filter((x) => x.reason === 'sibling_protection')).toHaveLength(1);
  });

  it('leaves siblings alone when the hidden part is already large enough, or nothing is hidden', () => {
    const v = decideVisibility(
      [
        { id: 'dept', parentId: null, count: 20 },
        { id: 'A', parentId: 'dept', count: 10 },
        { id: 'B', parentId: 'dept', count: 10 },
      ],
      5,
    );
    expect([...v.values()].every((x) => x.shown)).toBe(true);
  });
});

describe('scores', () => {
  it('mean of 1–5 items, eNPS of 0–10 items', () => {
    expect(scoreOf('agree5', [3, 4, 4, 5, 2])).toBe(3.6);
    expect(scoreOf('nps11', [10, 9, 8, 7, 6, 0])).toBe(0);
    expect(scoreOf('nps11', [10, 10, 9, 8, 3])).toBe(40);
    expect(scoreOf('agree5', [])).toBeNull();
  });
});

describe('question messages', () => {
  const base = {
    roundId: '11111111-1111-4111-8111-111111111111',
    questionId: '22222222-2222-4222-8222-222222222222',
    scale: 'agree5' as const,
    mode: 'anonymous' as const,
    n: 1,
    total: 4,
    closesOn: '2026-03-06',
    minRespondents: 5,
  };
  const zh = DEFAULT_BANK[0]!.text['zh-CN'];
  const en = DEFAULT_BANK[0]!.text.en;

  it('one button per scale point carrying round and question only, plus skip', () => {
    const message = questionMessage({ ...base, locale: 'en', text: en });
    const buttons = message.blocks.find((b) => b.type === 'buttons');
    expect(buttons?.type === 'buttons' && buttons.buttons.map((b) => b.label)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      'Skip this round',
    ]);
    expect(buttons?.type === 'buttons' && parseAnswerValue(buttons.buttons[2]!.value)).toEqual({
      roundId: base.roundId,
      questionId: base.questionId,
      value: 3,
    });
    const nps = questionMessage({ ...base, locale: 'en', text: 'x', scale: 'nps11' });
    const npsButtons = nps.blocks.find((b) => b.type === 'buttons');
    expect(npsButtons?.type === 'buttons' && npsButtons.buttons.length).toBe(12);
    expect(parseAnswerValue('nonsense')).toBeNull();
  });

  it('renders in en', () => {
    expect(renderConsole(questionMessage({ ...base, locale: 'en', text: en })).text).toMatchInlineSnapshot(`
      "╭─ Pulse survey · question 1 of 4
      │ When I run into difficulties, my team supports me.
      │ · 1 = strongly disagree … 5 = strongly agree. You can change an answer until the round closes (2026-03-06).
      │ [1] 1   [2] 2   [3] 3   [4] 4   [5] 5   [6] Skip this round
      │ · Anonymous: your answers are stored without your name, and results are shown only for groups of at least 5 people.
      ╰─"
    `);
  });

  it('renders in zh-CN, and states confidential mode in the invitation', () => {
    expect(
      renderConsole(questionMessage({ ...base, locale: 'zh-CN', text: zh, mode: 'confidential', reminder: true })).text,
    ).toMatchInlineSnapshot(`
      "╭─ 脉搏调查 · 第 1/4 题
      │ · 提醒：本轮脉搏调查还开放到 2026-03-06
      │ 遇到困难时，我能从团队得到支持。
      │ · 1 = 非常不同意 … 5 = 非常同意。回答可以在本轮结束（2026-03-06）前修改。
      │ [1] 1   [2] 2   [3] 3   [4] 4   [5] 5   [6] 本轮跳过
      │ · 保密调查：你的回答以化名保存，你本人可以在“导出”中看到它们；其他任何人都看不到你的个人回答，它们也不会计入任何人的风险评分；结果只以至少 5 人的群体显示。
      ╰─"
    `);
  });
});

// Parsing DingTalk payloads (shapes modelled on the real ones in shared/fixtures/dingtalk): robot messages are
// commands only, card clicks carry our tokens, events map to departures / leave lookups / address-book re-syncs.
import { describe, expect, it } from 'vitest';
import {
  commandEvent,
  commandOf,
  eventFromHttp,
  eventFromStream,
  eventOutcome,
  leaveEvent,
  parseCardCallback,
  parseRobotMessage,
} from '../../adapters/dingtalk/parse.js';

const now = new Date('2026-11-30T02:00:00Z');

describe('DingTalk robot messages', () => {
  const base = {
    conversationId: 'cid1==',
    msgId: 'msg1',
    senderStaffId: 'E2',
    createAt: 1796004000000,
    conversationType: '2',
    sessionWebhook: 'https://oapi.dingtalk.com/robot/sendBySession?session=x',
    sessionWebhookExpiredTime: 1796009400000,
    msgtype: 'text',
  };

  it('parses a group @-mention into a command (leading space, @name, slash, ideographic space) and nothing else', () => {
    const message = parseRobotMessage({ ...base, text: { content: ' @teampulse 风险\u3000销售一组' } })!;
    expect(message).toMatchObject({ conversation: 'group', staffId: 'E2', msgId: 'msg1' });
    const event = commandEvent(message, now)!;
    expect(event).toEqual({
      type: 'command',
      id: 'robot:msg1',
      source: 'dingtalk',
      actor: { kind: 'platform', id: 'E2' },
      occurredAt: new Date(1796004000000),
      command: '风险',
      args: ['销售一组'],
      replyTo: 'cid1==',
    });
    expect(JSON.stringify(event)).not.toContain('teampulse');
    expect(commandOf('/risk sales-east')).toEqual({ command: 'risk', args: ['sales-east'] });
    expect(commandOf('  ')).toBeUndefined();
    expect(commandOf('@bot')).toBeUndefined();
  });

  it('reads text from richText and audio, finds none in a picture, and ignores senders without a staff id', () => {
    const rich = parseRobotMessage({
      ...base,
      msgtype: 'richText',
      content: { richText: [{ text: 'help' }, { type: 'picture' }] },
    });
    expect(commandOf(rich!.text)).toEqual({ command: 'help', args: [] });
    const audio = parseRobotMessage({ ...base, msgtype: 'audio', content: { recognition: '帮助' } });
    expect(commandOf(audio!.text)?.command).toBe('帮助');
    const picture = parseRobotMessage({ ...base, msgtype: 'picture', content: { downloadCode: 'x' } });
    expect(commandEvent(picture!, now)).toBeUndefined();
    const outsider = parseRobotMessage({ ...base, senderStaffId: undefined, text: { content: 'help' } });
    expect(commandEvent(outsider!, now)).toBeUndefined();
    // The docs' sample misspells createAt ("createA"): the message still parses, timed by our clock.
    const noTime = parseRobotMessage({ ...base, createAt: undefined, createA: 1, text: { content: 'help' } })!;
    expect(commandEvent(noTime, now)!.occurredAt).toEqual(now);
    expect(parseRobotMessage({ text: { content: 'help' } })).toBeUndefined();
    expect(parseRobotMessage('not json')).toBeUndefined();
  });
});

describe('DingTalk card callbacks', () => {
  it('collects the action ids and params of content and value (JSON strings inside JSON)', () => {
    const content = JSON.stringify({ cardPrivateData: { actionIds: ['tp1.abc.sig'], params: { action: 'like' } } });
    expect(parseCardCallback(JSON.stringify({ outTrackId: 'o1', userId: 'E2', content, value: content }))).toEqual({
      outTrackId: 'o1',
      userId: 'E2',
      corpId: undefined,
      candidates: ['tp1.abc.sig', 'like'],
    });
    expect(parseCardCallback({ userId: 'E2', content: '{broken' })?.candidates).toEqual([]);
  });
});

describe('DingTalk events', () => {
  const leaveOptions = { leaveProcessCodes: [] as string[], now };

  it('reads the three shapes: HTTP new, HTTP legacy and Stream', () => {
    expect(
      eventFromHttp({ EventType: 'user_leave_org', EventTime: 5, CorpId: 'c', eventId: 'e', UserId: ['u1'] }),
    ).toEqual({
      type: 'user_leave_org',
      eventId: 'e',
      corpId: 'c',
      bornAt: 5,
      data: { UserId: ['u1'] },
    });
    expect(eventFromHttp({ EventType: 'user_add_org', TimeStamp: 7, UserId: ['u1'], CorpId: 'c' })?.bornAt).toBe(7);
    expect(
      eventFromStream(
        { eventType: 'user_leave_org', eventId: 'e2', eventCorpId: 'c', eventBornTime: '9' },
        '{"userId":["u2"]}',
      ),
    ).toEqual({ type: 'user_leave_org', eventId: 'e2', corpId: 'c', bornAt: 9, data: { userId: ['u2'] } });
    expect(eventFromHttp({ nothing: 1 })).toBeUndefined();
  });

  it('turns user_leave_org into departures (one per user) and asks for a re-sync; other contact events re-sync only', () => {
    const event = eventFromStream(
      { eventType: 'user_leave_org', eventId: 'e', eventBornTime: '1796004000000' },
      {
        userId: ['u1', 'u2'],
      },
    )!;
    const outcome = eventOutcome(event, leaveOptions);
    expect(outcome.directoryChanged).toBe(true);
    expect(outcome.signals.map((s) => [s.type, s.actor.id, s.occurredAt.toISOString()])).toEqual([
      ['departure', 'u1', '2026-11-30T02:00:00.000Z'],
      ['departure', 'u2', '2026-11-30T02:00:00.000Z'],
    ]);
    const added = eventOutcome(eventFromHttp({ EventType: 'org_dept_modify', DeptId: [3] })!, leaveOptions);
    expect([added.directoryChanged, added.signals]).toEqual([true, []]);
    expect(eventOutcome(eventFromHttp({ EventType: 'check_url' })!, leaveOptions).check).toBe(true);
  });

  it('looks up leave for a finished, approved leave request only', () => {
    const approval = (extra: Record<string, unknown>) =>
      eventOutcome(
        eventFromHttp({
          EventType: 'bpms_instance_change',
          type: 'finish',
          result: 'agree',
          staffId: 'E3',
          finishTime: 1796004000000,
          title: '李娜提交的请假',
          processCode: 'P1',
          ...extra,
        })!,
        { leaveProcessCodes: ['P-LEAVE'], now },
      );
    expect(approval({}).leaveLookup).toEqual({
      staffId: 'E3',
      from: 1796004000000 - 60 * 86_400_000,
      to: 1796004000000 + 120 * 86_400_000,
    });
    expect(approval({ result: 'refuse' }).leaveLookup).toBeUndefined();
    expect(approval({ type: 'start' }).leaveLookup).toBeUndefined();
    expect(approval({ title: '报销', bizCategoryId: 'finance' }).leaveLookup).toBeUndefined();
    expect(approval({ title: '表单', processCode: 'P-LEAVE' }).leaveLookup?.staffId).toBe('E3');
  });

  it('maps leave records to leave signals with a stable id; hour-based durations become days', () => {
    expect(
      leaveEvent({
        userid: 'E3',
        start_time: 1796004000000,
        end_time: 0,
        duration_percent: 150,
        duration_unit: 'percent_day',
      }),
    ).toMatchObject({ type: 'leave', id: 'leave:E3:1796004000000', days: 1.5, leaveType: 'other' });
    expect(
      leaveEvent({ userid: 'E3', start_time: 1, end_time: 2, duration_percent: 400, duration_unit: 'percent_hour' })
        ?.days,
    ).toBe(0.5);
    expect(
      leaveEvent({ userid: 'E3', start_time: 1, end_time: 2, duration_percent: 0, duration_unit: 'percent_day' }),
    ).toBeUndefined();
  });
});

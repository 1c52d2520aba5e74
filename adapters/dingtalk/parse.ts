// DingTalk payloads → neutral facts. Pure: no clock (times come from the payload), no I/O. Shapes follow the real
// payloads in shared/fixtures/dingtalk: robot messages (Stream `data` = HTTP body), card callbacks (Stream and HTTP),
// and events in their three shapes (Stream headers + data; HTTP new EventType/EventTime/CorpId + fields; HTTP legacy
// EventType/TimeStamp/UserId). Message text is read only to find a command and is never part of what is returned
// for storage.
import type { ActionEvent, AttendanceEvent, CommandEvent, DepartureEvent, LeaveEvent } from '../../src/core/events.js';
import { commandOfText, type TextCommand } from '../shared/command-text.js';

export const SOURCE = 'dingtalk';

// ---------------------------------------------------------------------------------------------------------------
// Robot messages

export interface RobotMessage {
  msgId: string;
  /** The sender's staff id (userid); absent for outside users or before the robot is published. */
  staffId: string | undefined;
  conversation: 'dm' | 'group';
  conversationId: string;
  robotCode: string | undefined;
  sentAt: Date | undefined;
  /** Used only to parse a command, then dropped. */
  text: string | undefined;
  sessionWebhook: string | undefined;
  sessionWebhookExpiresAt: number | undefined;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const num = (v: unknown): number | undefined => {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
};
const record = (v: unknown): Record<string, unknown> | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

/** The message's text: `text.content`, richText text parts, or an audio message's recognition. */
function textOf(body: Record<string, unknown>): string | undefined {
  const text = str(record(body.text)?.content);
  if (text) return text;
  const content = record(body.content);
  const rich = content?.richText;
  if (Array.isArray(rich)) {
    const parts = rich.map((p) => str(record(p)?.text) ?? '').join('');
    return parts.trim() ? parts : undefined;
  }
  return str(content?.recognition);
}

export function parseRobotMessage(payload: unknown): RobotMessage | undefined {
  const body = record(payload);
  const msgId = str(body?.msgId);
  const conversationId = str(body?.conversationId);
  if (!body || !msgId || !conversationId) return undefined;
  const createAt = num(body.createAt);
  return {
    msgId,
    staffId: str(body.senderStaffId),
    conversation: body.conversationType === '2' ? 'group' : 'dm',
    conversationId,
    robotCode: str(body.robotCode),
    sentAt: createAt !== undefined ? new Date(createAt) : undefined,
    text: textOf(body),
    sessionWebhook: str(body.sessionWebhook),
    sessionWebhookExpiresAt: num(body.sessionWebhookExpiredTime),
  };
}

/** A command from the message's text (adapters/shared/command-text.ts), after the leading @mentions. */
export function commandOf(text: string | undefined): TextCommand | undefined {
  return commandOfText(text, (word) => word.startsWith('@'));
}

export function commandEvent(message: RobotMessage, now: Date): CommandEvent | undefined {
  const parsed = commandOf(message.text);
  if (!parsed || !message.staffId) return undefined;
  return {
    type: 'command',
    id: `robot:${message.msgId}`,
    source: SOURCE,
    actor: { kind: 'platform', id: message.staffId },
    occurredAt: message.sentAt ?? now,
    command: parsed.command,
    args: parsed.args,
    replyTo: message.conversationId,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Card callbacks

export interface CardCallback {
  outTrackId: string | undefined;
  userId: string | undefined;
  corpId: string | undefined;
  /** Every string the click carries that may be one of our button tokens (actionIds, params, value). */
  candidates: string[];
}

function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

export function parseCardCallback(payload: unknown): CardCallback | undefined {
  const body = record(parseJson(payload));
  if (!body) return undefined;
  const candidates: string[] = [];
  for (const field of [body.content, body.value]) {
    const privateData = record(record(parseJson(field))?.cardPrivateData);
    const actionIds = privateData?.actionIds;
    if (Array.isArray(actionIds)) for (const id of actionIds) if (typeof id === 'string') candidates.push(id);
    for (const v of Object.values(record(privateData?.params) ?? {})) if (typeof v === 'string') candidates.push(v);
  }
  return {
    outTrackId: str(body.outTrackId),
    userId: str(body.userId),
    corpId: str(body.corpId),
    candidates: [...new Set(candidates)],
  };
}

export function actionEvent(
  click: { actionId: string; value: string },
  userId: string,
  deliveryKey: string,
  outTrackId: string | undefined,
  now: Date,
): ActionEvent {
  return {
    type: 'action',
    id: deliveryKey,
    source: SOURCE,
    actor: { kind: 'platform', id: userId },
    occurredAt: now,
    actionId: click.actionId,
    value: click.value,
    ...(outTrackId ? { messageRef: outTrackId } : {}),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Events

export interface DingTalkEvent {
  type: string;
  eventId: string | undefined;
  corpId: string | undefined;
  bornAt: number | undefined;
  /** The event's own fields (Stream `data`, or the HTTP body minus the envelope keys). */
  data: Record<string, unknown>;
}

const HTTP_ENVELOPE = new Set(['EventType', 'EventTime', 'CorpId', 'corpId', 'BizId', 'eventId', 'TimeStamp']);

/** An HTTP push, decrypted: `{EventType, EventTime?, CorpId?, eventId?, …fields}` (new) or legacy keys. */
export function eventFromHttp(payload: unknown): DingTalkEvent | undefined {
  const body = record(payload);
  const type = str(body?.EventType);
  if (!body || !type) return undefined;
  const data: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) if (!HTTP_ENVELOPE.has(k)) data[k] = v;
  return {
    type,
    eventId: str(body.eventId),
    corpId: str(body.CorpId) ?? str(body.corpId),
    bornAt: num(body.EventTime) ?? num(body.TimeStamp),
    data,
  };
}

/** A Stream EVENT frame: metadata in `headers`, the fields in `data` (a JSON string). */
export function eventFromStream(headers: Record<string, unknown>, data: unknown): DingTalkEvent | undefined {
  const type = str(headers.eventType);
  if (!type) return undefined;
  return {
    type,
    eventId: str(headers.eventId),
    corpId: str(headers.eventCorpId),
    bornAt: num(headers.eventBornTime),
    data: record(parseJson(data)) ?? {},
  };
}

/** `userId` / `UserId` / `userid` as an array of ids (the payloads use all three, as arrays or strings). */
function ids(data: Record<string, unknown>, ...keys: string[]): string[] {
  for (const key of keys) {
    const v = data[key];
    if (Array.isArray(v)) return v.map(String).filter((x) => x !== '');
    if (typeof v === 'string' && v !== '') return [v];
    if (typeof v === 'number') return [String(v)];
  }
  return [];
}

const ADDRESS_BOOK = new Set([
  'user_add_org',
  'user_modify_org',
  'user_active_org',
  'org_admin_add',
  'org_admin_remove',
  'org_dept_create',
  'org_dept_modify',
  'org_dept_remove',
]);

export interface EventOutcome {
  /** Signals to store now (departures). */
  signals: Array<DepartureEvent | LeaveEvent>;
  /** Leave records to look up for this person around these instants (an approved leave request). */
  leaveLookup?: { staffId: string; from: number; to: number };
  /** The address book changed: re-read it (debounced). */
  directoryChanged: boolean;
  /** DingTalk checking the callback URL. */
  check: boolean;
}

const DAY = 86_400_000;

/** Does this finished approval look like a leave request (请假)? Lenient: the leave lookup finds the truth. */
export function looksLikeLeave(data: Record<string, unknown>, leaveProcessCodes: readonly string[]): boolean {
  const processCode = str(data.processCode);
  if (processCode && leaveProcessCodes.includes(processCode)) return true;
  const category = str(data.bizCategoryId) ?? '';
  if (/leave/i.test(category)) return true;
  return /请假|休假|leave/i.test(str(data.title) ?? '');
}

export function eventOutcome(
  event: DingTalkEvent,
  options: { leaveProcessCodes: readonly string[]; now: Date },
): EventOutcome {
  const outcome: EventOutcome = { signals: [], directoryChanged: false, check: false };
  if (event.type === 'check_url' || event.type.startsWith('check_')) return { ...outcome, check: true };
  const at = event.bornAt ?? num(event.data.timeStamp) ?? num(event.data.timestamp) ?? options.now.getTime();
  if (event.type === 'user_leave_org') {
    for (const userId of ids(event.data, 'userId', 'UserId', 'userid')) {
      outcome.signals.push({
        type: 'departure',
        id: `departure:${userId}:${at}`,
        source: SOURCE,
        actor: { kind: 'platform', id: userId },
        occurredAt: new Date(at),
        reason: 'left the organisation (DingTalk address book)',
      });
    }
    outcome.directoryChanged = true;
    return outcome;
  }
  if (ADDRESS_BOOK.has(event.type)) return { ...outcome, directoryChanged: true };
  if (event.type === 'bpms_instance_change') {
    const staffId = str(event.data.staffId);
    const finished = event.data.type === 'finish' && event.data.result === 'agree';
    if (staffId && finished && looksLikeLeave(event.data, options.leaveProcessCodes)) {
      const pivot = num(event.data.finishTime) ?? at;
      // A request may be filed well before or after the days it covers; the lookup window brackets that.
      outcome.leaveLookup = { staffId, from: pivot - 60 * DAY, to: pivot + 120 * DAY };
    }
  }
  return outcome;
}

// ---------------------------------------------------------------------------------------------------------------
// Leave records (topapi/attendance/getleavestatus)

export interface LeaveStatus {
  userid: string;
  start_time: number;
  end_time: number;
  duration_percent: number;
  duration_unit: string;
}

/** Hours in a working day, to turn hour-based leave into days. */
const HOURS_PER_DAY = 8;

/** One leave record ⇒ a leave signal, its id stable across the event path and the scheduled pull. */
export function leaveEvent(status: LeaveStatus): LeaveEvent | undefined {
  const percent = num(status.duration_percent);
  const start = num(status.start_time);
  if (!str(status.userid) || percent === undefined || percent <= 0 || start === undefined) return undefined;
  const raw = status.duration_unit === 'percent_hour' ? percent / 100 / HOURS_PER_DAY : percent / 100;
  const days = Math.min(366, Math.round(raw * 100) / 100);
  if (days <= 0) return undefined;
  return {
    type: 'leave',
    id: `leave:${status.userid}:${start}`,
    source: SOURCE,
    actor: { kind: 'platform', id: status.userid },
    occurredAt: new Date(start),
    // getleavestatus does not say which kind of leave it was.
    leaveType: 'other',
    days,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Attendance results (attendance/list)

/**
 * Late / left early / absent (旷工) ⇒ an attendance signal; Normal, and NotSigned (a missing punch, often leave or
 * a forgotten card), are not. The id is stable per person, day and check, so a re-pull changes nothing.
 */
export function attendanceEvent(result: {
  userId: string;
  checkType: string;
  timeResult: string;
  workDate: number;
}): AttendanceEvent | undefined {
  const status =
    result.timeResult === 'Late' || result.timeResult === 'SeriousLate'
      ? 'late'
      : result.timeResult === 'Early'
        ? 'early_leave'
        : result.timeResult === 'Absenteeism'
          ? 'absent'
          : undefined;
  const workDate = num(result.workDate);
  if (!status || !str(result.userId) || workDate === undefined) return undefined;
  return {
    type: 'attendance',
    id: `attendance:${result.userId}:${workDate}:${result.checkType}`,
    source: SOURCE,
    actor: { kind: 'platform', id: result.userId },
    occurredAt: new Date(workDate),
    status,
  };
}

// WeCom callback XML (decrypted) → neutral facts. Pure: no clock, no I/O. Shapes follow the WeCom docs and the real
// payloads in shared/fixtures/wecom (text messages with numeric or base64 MsgId, template_card_event, change_contact,
// sys_approval_change). Message text is read only to find a command and is never part of what is stored.
import type { ActionEvent, CommandEvent, DepartureEvent, ManagerChangeEvent } from '../../src/core/events.js';
import { commandOfText, type TextCommand } from '../shared/command-text.js';
import { child, children, parseXml, text, type XmlNode } from './xml.js';

export const SOURCE = 'wecom';

/** The outer POST body: `<xml><ToUserName/><Encrypt/><AgentID/></xml>`. */
export interface Envelope {
  toUserName: string | undefined;
  encrypt: string;
  agentId: string | undefined;
}

export function parseEnvelope(body: string): Envelope | undefined {
  const root = parseXml(body);
  const encrypt = text(root, 'Encrypt');
  if (!root || !encrypt) return undefined;
  return { toUserName: text(root, 'ToUserName'), encrypt, agentId: text(root, 'AgentID') };
}

export interface SelectedItem {
  questionKey: string;
  optionIds: string[];
}

export type WeComCallback =
  | { kind: 'text'; msgId: string; from: string; createTime: number; agentId: string | undefined; content: string }
  /** Any other message to the app (image, voice, …): nothing we act on. */
  | { kind: 'message'; msgType: string; msgId: string | undefined; from: string; createTime: number }
  | {
      kind: 'card_click';
      from: string;
      createTime: number;
      eventKey: string;
      taskId: string;
      cardType: string | undefined;
      responseCode: string | undefined;
      selected: SelectedItem[];
    }
  | {
      kind: 'contact';
      changeType: string;
      from: string;
      createTime: number;
      userId: string | undefined;
      newUserId: string | undefined;
      partyId: string | undefined;
      /** Present only when the event carries it ('' ⇒ cleared): the member's direct leaders. */
      directLeaders: string[] | undefined;
    }
  | {
      kind: 'approval';
      from: string;
      createTime: number;
      spNo: string;
      /** 1 审批中 · 2 已通过 · 3 已驳回 · 4 已撤销 · 6 通过后撤销 · 7 已删除 · 10 已支付 */
      spStatus: number;
      applicant: string | undefined;
      templateId: string | undefined;
      statusChangeEvent: string | undefined;
    }
  | { kind: 'event'; event: string; from: string; createTime: number };

const num = (value: string | undefined): number | undefined => {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
};

const list = (value: string | undefined): string[] | undefined =>
  value === undefined
    ? undefined
    : value
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== '');

/** The decrypted inner XML → a callback; undefined when it is not a WeCom message or event at all. */
export function parseCallback(xml: string): WeComCallback | undefined {
  const root = parseXml(xml);
  return root ? callbackOf(root) : undefined;
}

export function callbackOf(root: XmlNode): WeComCallback | undefined {
  const msgType = text(root, 'MsgType');
  const from = text(root, 'FromUserName') ?? '';
  const createTime = num(text(root, 'CreateTime')) ?? 0;
  if (!msgType) return undefined;
  if (msgType !== 'event') {
    const msgId = text(root, 'MsgId');
    if (msgType === 'text' && msgId && from) {
      return {
        kind: 'text',
        msgId,
        from,
        createTime,
        agentId: text(root, 'AgentID'),
        content: text(root, 'Content') ?? '',
      };
    }
    return { kind: 'message', msgType, msgId, from, createTime };
  }
  const event = text(root, 'Event') ?? '';
  if (event === 'template_card_event') {
    const taskId = text(root, 'TaskId');
    if (!taskId || !from) return { kind: 'event', event, from, createTime };
    return {
      kind: 'card_click',
      from,
      createTime,
      eventKey: text(root, 'EventKey') ?? '',
      taskId,
      cardType: text(root, 'CardType'),
      responseCode: text(root, 'ResponseCode') || undefined,
      selected: children(child(root, 'SelectedItems'), 'SelectedItem').map((item) => ({
        questionKey: text(item, 'QuestionKey') ?? '',
        optionIds: (child(item, 'OptionIds')?.OptionId as unknown[] | undefined)?.map(String) ?? [],
      })),
    };
  }
  if (event === 'change_contact') {
    return {
      kind: 'contact',
      changeType: text(root, 'ChangeType') ?? '',
      from,
      createTime,
      userId: text(root, 'UserID') || undefined,
      newUserId: text(root, 'NewUserID') || undefined,
      partyId: text(root, 'Id') || undefined,
      directLeaders: list(text(root, 'DirectLeader')),
    };
  }
  if (event === 'sys_approval_change') {
    const info = child(root, 'ApprovalInfo');
    const spNo = text(info, 'SpNoStr') || text(info, 'SpNo');
    if (!spNo) return { kind: 'event', event, from, createTime };
    return {
      kind: 'approval',
      from,
      createTime,
      spNo,
      spStatus: num(text(info, 'SpStatus')) ?? 0,
      applicant: text(child(info, 'Applyer'), 'UserId') || undefined,
      templateId: text(info, 'TemplateId') || undefined,
      statusChangeEvent: text(info, 'StatuChangeEvent') || undefined,
    };
  }
  return { kind: 'event', event, from, createTime };
}

/**
 * The key that de-duplicates WeCom's retries (3 tries when no answer comes within 5 s): MsgId for messages,
 * TaskId+FromUserName for card clicks, FromUserName+CreateTime for events — plus what tells apart several
 * system events in the same second (contact changes and approvals all come from "sys").
 */
export function deliveryKeyOf(callback: WeComCallback): string {
  switch (callback.kind) {
    case 'text':
      return `msg:${callback.msgId}`;
    case 'message':
      return callback.msgId ? `msg:${callback.msgId}` : `msg:${callback.from}:${callback.createTime}`;
    case 'card_click':
      return `card:${callback.taskId}:${callback.from}`;
    case 'contact':
      return `event:${callback.from}:${callback.createTime}:${callback.changeType}:${callback.userId ?? callback.partyId ?? ''}`;
    case 'approval':
      return `event:${callback.from}:${callback.createTime}:approval:${callback.spNo}:${callback.spStatus}:${callback.statusChangeEvent ?? ''}`;
    case 'event':
      return `event:${callback.from}:${callback.createTime}:${callback.event}`;
  }
}

/** A command from the message's text (adapters/shared/command-text.ts). */
export function commandOf(content: string | undefined): TextCommand | undefined {
  return commandOfText(content);
}

/** What every event from a callback carries: its id, the source, the acting member and the time (CreateTime, in s). */
function origin(id: string, userId: string, createTime: number) {
  return {
    id,
    source: SOURCE,
    actor: { kind: 'platform' as const, id: userId },
    occurredAt: new Date(createTime * 1000),
  };
}

export function commandEvent(message: {
  msgId: string;
  from: string;
  createTime: number;
  content: string;
}): CommandEvent | undefined {
  const parsed = commandOf(message.content);
  if (!parsed) return undefined;
  return {
    type: 'command',
    ...origin(`msg:${message.msgId}`, message.from, message.createTime),
    command: parsed.command,
    args: parsed.args,
    replyTo: message.from,
  };
}

export function actionEvent(
  click: { actionId: string; value: string },
  callback: { from: string; createTime: number; taskId: string },
  deliveryKey: string,
): ActionEvent {
  return {
    type: 'action',
    ...origin(deliveryKey, callback.from, callback.createTime),
    actionId: click.actionId,
    value: click.value,
    messageRef: callback.taskId,
  };
}

const DIRECTORY_CHANGES = new Set([
  'create_user',
  'update_user',
  'delete_user',
  'create_party',
  'update_party',
  'delete_party',
  'update_tag',
]);

export interface ContactOutcome {
  signals: Array<DepartureEvent | ManagerChangeEvent>;
  directoryChanged: boolean;
}

/** A contact change ⇒ departures (delete_user), manager changes (a new DirectLeader) and a directory re-sync. */
export function contactOutcome(callback: Extract<WeComCallback, { kind: 'contact' }>): ContactOutcome {
  const signals: ContactOutcome['signals'] = [];
  const userId = callback.userId;
  if (callback.changeType === 'delete_user' && userId) {
    signals.push({
      type: 'departure',
      ...origin(`departure:${userId}:${callback.createTime}`, userId, callback.createTime),
      reason: 'left the organisation (WeCom contacts)',
    });
  }
  if (callback.changeType === 'update_user' && userId && callback.directLeaders !== undefined) {
    const subject = callback.newUserId ?? userId;
    const manager = callback.directLeaders[0];
    signals.push({
      type: 'manager_change',
      ...origin(`manager_change:${subject}:${callback.createTime}`, subject, callback.createTime),
      ...(manager ? { manager: { kind: 'platform' as const, id: manager } } : {}),
    });
  }
  return { signals, directoryChanged: DIRECTORY_CHANGES.has(callback.changeType) };
}

// Slash commands and button clicks → neutral CommandEvent / ActionEvent for the one dispatcher.
// `/teampulse team link <#C123|general> sales-east` becomes command "team" with args ["link", "C123", "sales-east"]:
// Slack's escaped references are reduced to ids (channels) or @ids (users), so handlers never see Slack syntax.
import type { ActionEvent, CommandEvent } from '../../src/core/events.js';
import { neutralActionId } from './render.js';

export interface SlashCommandBody {
  command?: string;
  text?: string;
  user_id?: string;
  team_id?: string;
  enterprise_id?: string;
  channel_id?: string;
  trigger_id?: string;
  response_url?: string;
  is_enterprise_install?: string | boolean;
}

export interface BlockActionsBody {
  type: 'block_actions';
  user?: { id?: string; team_id?: string };
  team?: { id?: string } | null;
  enterprise?: { id?: string } | null;
  is_enterprise_install?: boolean;
  trigger_id?: string;
  response_url?: string;
  container?: { channel_id?: string; message_ts?: string };
  channel?: { id?: string };
  actions?: Array<{ action_id?: string; value?: string; action_ts?: string; type?: string }>;
}

/** Splits command text into words, reducing <#C…|name>, <@U…|name> and <url|label> to plain tokens. */
export function commandWords(text: string): string[] {
  const normalised = text
    .replace(/<#([CG][A-Z0-9]+)(?:\|[^>]*)?>/g, ' $1 ')
    .replace(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g, ' @$1 ')
    .replace(/<!subteam\^([A-Z0-9]+)(?:\|[^>]*)?>/g, ' ^$1 ')
    .replace(/<(https?:\/\/[^|>]+)(?:\|[^>]*)?>/g, ' $1 ');
  return normalised.split(/\s+/).filter((w) => w !== '');
}

export function parseSlashCommand(body: SlashCommandBody, now: Date): CommandEvent | undefined {
  const user = body.user_id;
  if (!user) return undefined;
  const [command = 'help', ...args] = commandWords(body.text ?? '');
  return {
    type: 'command',
    id: `command:${body.trigger_id ?? `${user}:${now.getTime()}`}`,
    source: 'slack',
    actor: { kind: 'platform', id: user },
    occurredAt: now,
    command: command.toLowerCase(),
    args,
    ...(body.channel_id ? { replyTo: body.channel_id } : {}),
  };
}

/** The first button of a block_actions payload as an ActionEvent (Slack sends one action per click). */
export function parseBlockAction(body: BlockActionsBody, now: Date): ActionEvent | undefined {
  const user = body.user?.id;
  const action = body.actions?.[0];
  if (!user || !action?.action_id) return undefined;
  const channel = body.container?.channel_id ?? body.channel?.id;
  const messageTs = body.container?.message_ts;
  const at = action.action_ts ? new Date(Math.round(Number(action.action_ts) * 1000)) : now;
  return {
    type: 'action',
    id: `action:${body.trigger_id ?? `${user}:${action.action_ts ?? now.getTime()}`}`,
    source: 'slack',
    actor: { kind: 'platform', id: user },
    occurredAt: Number.isNaN(at.getTime()) ? now : at,
    actionId: neutralActionId(action.action_id),
    value: action.value ?? '',
    ...(channel && messageTs ? { messageRef: `${channel}:${messageTs}` } : {}),
  };
}

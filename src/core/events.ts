// The neutral inbound event model. Every chat adapter and the HR signals API produce these; domain code
// reads only these fields. Message TEXT is never part of an event: only who, where, when and to whom.
// `raw` may travel with an event for debugging; it is never persisted by default and never read by domain code.

export type Platform = 'slack' | 'dingtalk' | 'wecom' | 'console' | 'hr';

/** Where a message was posted, seen from the author's team. */
export type ConversationKind = 'team' | 'dm' | 'group' | 'cross_team';

/** Who did it: an employee reference as the source knows it. Resolution to an employee id happens in app/. */
export interface ActorRef {
  /** 'external' = the HR system's id; otherwise a platform user id on that platform. */
  kind: 'external' | 'platform';
  id: string;
}

interface EventBase {
  /** Id unique per source: retries and re-imports of the same id are no-ops. */
  id: string;
  source: string;
  actor: ActorRef;
  occurredAt: Date;
  raw?: unknown;
}

export interface MessageEvent extends EventBase {
  type: 'message';
  conversation: ConversationKind;
  /** Number of messages this event stands for (HR aggregates may send counts). */
  count: number;
  /** The author of the thread's root when this is a reply in someone else's thread. */
  threadReplyTo?: ActorRef;
  mentions?: ActorRef[];
  /** A direct counterpart (e.g. the other person in a DM), when known. */
  peer?: ActorRef;
}

export interface ReactionEvent extends EventBase {
  type: 'reaction';
  /** Author of the message reacted to. */
  to?: ActorRef;
}

export interface KudosEvent extends EventBase {
  type: 'kudos';
  to: ActorRef;
}

export interface HelpEvent extends EventBase {
  type: 'help';
  /** The colleague who was helped. */
  to: ActorRef;
}

export interface LeaveEvent extends EventBase {
  type: 'leave';
  leaveType: 'personal' | 'sick' | 'annual' | 'other';
  days: number;
}

export interface AttendanceEvent extends EventBase {
  type: 'attendance';
  status: 'absent' | 'late' | 'early_leave';
}

export interface TaskEvent extends EventBase {
  type: 'task';
  status: 'done' | 'late' | 'open';
  dueAt?: Date;
}

export interface CrmActivityEvent extends EventBase {
  type: 'crm_activity';
  count: number;
}

export interface TeamProjectEvent extends EventBase {
  type: 'team_project';
  project: string;
}

export interface ResourceShareEvent extends EventBase {
  type: 'resource_share';
  count: number;
}

export interface ManagerChangeEvent extends EventBase {
  type: 'manager_change';
  /** The new manager, if any (absent ⇒ the manager left and nobody replaced them yet). */
  manager?: ActorRef;
}

export interface DepartureEvent extends EventBase {
  type: 'departure';
  /** Free text as the source gave it (older records), or the code itself. */
  reason: string;
  /** One of the tenant's exit reason codes (src/core/performance/exit-reasons.ts), when the source gave one. */
  reasonCode?: string;
  note?: string;
}

export interface HireEvent extends EventBase {
  type: 'hire';
}

export interface MemberJoinedEvent extends EventBase {
  type: 'member_joined' | 'member_left';
  conversation: ConversationKind;
}

/** A slash/text command sent to the bot (e.g. `/teampulse risk sales-east`). Arguments only, parsed later. */
export interface CommandEvent extends EventBase {
  type: 'command';
  command: string;
  args: string[];
  /** Where to answer. */
  replyTo?: string;
}

/** A button press on a message the bot sent. */
export interface ActionEvent extends EventBase {
  type: 'action';
  actionId: string;
  value: string;
  /** The outbox message the button belonged to, when the platform tells us. */
  messageRef?: string;
}

export interface SurveyAnswerEvent extends EventBase {
  type: 'survey_answer';
  surveyId: string;
  questionId: string;
  value: number | string;
}

/** Signals that feed the daily rollups. */
export type SignalEvent =
  | MessageEvent
  | ReactionEvent
  | KudosEvent
  | HelpEvent
  | LeaveEvent
  | AttendanceEvent
  | TaskEvent
  | CrmActivityEvent
  | TeamProjectEvent
  | ResourceShareEvent
  | ManagerChangeEvent
  | DepartureEvent
  | HireEvent
  | MemberJoinedEvent;

/** Interactions addressed to the bot. */
export type InteractionEvent = CommandEvent | ActionEvent | SurveyAnswerEvent;

export type InboundEvent = SignalEvent | InteractionEvent;

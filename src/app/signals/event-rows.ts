// Mapping of a core event to what is stored for it: the people it involves and its metadata-only row.
import type { ActorRef, SignalEvent } from '../../core/events.js';

export interface Pending {
  event: SignalEvent;
  employeeId: string;
  related: string[];
}

/** The other people an event involves (edges, collaborators, received helps/kudos, the new manager). */
export function relatedOf(event: SignalEvent): ActorRef[] {
  switch (event.type) {
    case 'message':
      return [event.threadReplyTo, event.peer, ...(event.mentions ?? [])].filter((r): r is ActorRef => r !== undefined);
    case 'reaction':
      return event.to ? [event.to] : [];
    case 'help':
    case 'kudos':
      return [event.to];
    case 'manager_change':
      return event.manager ? [event.manager] : [];
    default:
      return [];
  }
}

export const sameRef = (a: ActorRef, b: ActorRef) => a.kind === b.kind && a.id === b.id;

export interface StoredRow {
  externalId: string;
  kind: string;
  employeeId: string;
  peerId: string | null;
  occurredAt: string;
  payload: string;
}

/** The row stored for an event: metadata only. Message text never reaches here (the event model has none). */
export function storedRow(pending: Pending, lookup: (ref: ActorRef) => string | null): StoredRow {
  const { event, employeeId, related } = pending;
  let payload: Record<string, unknown> = {};
  let peerId: string | null = null;
  switch (event.type) {
    case 'message': {
      const replyTarget = event.threadReplyTo;
      const replyToOther =
        replyTarget !== undefined && !sameRef(replyTarget, event.actor) && lookup(replyTarget) !== employeeId;
      payload = { channel: event.conversation, count: event.count, ...(replyToOther ? { reply: true } : {}) };
      peerId = related[0] ?? null;
      break;
    }
    case 'reaction':
      peerId = related[0] ?? null;
      break;
    case 'help':
    case 'kudos':
      peerId = related[0] ?? null;
      break;
    case 'leave':
      payload = { leaveType: event.leaveType, days: event.days };
      break;
    case 'attendance':
      payload = { status: event.status };
      break;
    case 'task':
      payload = { status: event.status, ...(event.dueAt ? { dueAt: event.dueAt.toISOString() } : {}) };
      break;
    case 'crm_activity':
    case 'resource_share':
      payload = { count: event.count };
      break;
    case 'team_project':
      payload = { project: event.project };
      break;
    case 'manager_change':
      peerId = related[0] ?? null;
      payload = { managerLeft: event.manager === undefined };
      break;
    case 'departure':
      payload = {
        reason: event.reason,
        ...(event.reasonCode !== undefined ? { reasonCode: event.reasonCode } : {}),
        ...(event.note !== undefined ? { note: event.note } : {}),
      };
      break;
    case 'hire':
      break;
    case 'member_joined':
    case 'member_left':
      payload = { conversation: event.conversation };
      break;
  }
  // Interactions (not the manager link) become edges and collaborators.
  if (related.length > 0 && event.type !== 'manager_change') payload.to = related;
  return {
    externalId: event.id,
    kind: event.type,
    employeeId,
    peerId,
    occurredAt: event.occurredAt.toISOString(),
    payload: JSON.stringify(payload),
  };
}

// What each role may do and whom it reaches — pure rules, no I/O. access.ts applies them to the directory.
//
// A capability is a question about the role alone ("may this caller list risks at all?"): refused with 403 before
// any subject is looked up. Whether a given person or team is within reach is answered by the reach rules below;
// a subject out of reach is answered exactly like a missing one (404), so nobody learns who exists outside.
import { atLeast, type Actor, type Role } from './actor.js';

/** Each capability's lowest role allowed (admin ⊇ hr ⊇ manager ⊇ employee). */
export const CAPABILITIES = {
  'teams.read': 'employee',
  'teams.write': 'hr',
  'employees.list': 'hr',
  'employees.read': 'employee',
  'employees.write': 'hr',
  'activity.read': 'employee',
  'risk.read': 'employee',
  'risk.list': 'manager',
  'atmosphere.read': 'manager',
  'rules.read': 'hr',
  'rules.write': 'hr',
  /** Scoped actors may write, but only about people in their sub-trees (others count as unknown). */
  'signals.write': 'hr',
  'alerts.list': 'hr',
  'alerts.feedback': 'manager',
  'calendar.read': 'hr',
  'calendar.write': 'hr',
  /** Group results only (never an individual's answers), for teams within reach. */
  'surveys.results': 'manager',
  /** A round for a team sub-tree within reach, or the whole tenant. */
  'surveys.send': 'hr',
  /** The question bank and the survey settings apply to the whole tenant. */
  'surveys.manage': 'hr',
  /** The audit log names everyone whose data was read: tenant-wide admins only. */
  'audit.read': 'admin',
  /** Exit and accuracy reports read every leaver of the tenant. */
  'reports.read': 'hr',
  /** A person's scorecard: their own, a manager's reports', HR's (reach decides whom). */
  'scorecards.read': 'employee',
  'goals.write': 'hr',
  'weights.write': 'hr',
  /** HR or a manager starts a development plan for someone within reach. */
  'plans.write': 'manager',
  'exit_reasons.write': 'hr',
} as const satisfies Record<string, Role>;

export type Capability = keyof typeof CAPABILITIES;

/** Changes that affect the whole tenant: refused to actors limited to team sub-trees. */
const TENANT_WIDE: ReadonlySet<Capability> = new Set<Capability>([
  'teams.write',
  'employees.write',
  'rules.write',
  'calendar.write',
  'surveys.manage',
  'audit.read',
  'reports.read',
  'exit_reasons.write',
]);

/** Why the capability is refused, or null when it is allowed. */
export function refusal(actor: Actor, capability: Capability): string | null {
  const minimum: Role = CAPABILITIES[capability];
  if (!atLeast(actor.role, minimum)) return `this needs the ${minimum} role or above`;
  if (TENANT_WIDE.has(capability) && actor.teams !== null)
    return 'a caller limited to team sub-trees cannot change what applies to the whole tenant';
  return null;
}

/** What a person is looked up for: the reach differs (a manager sees reports' risk, not their daily activity). */
export type PersonPurpose = 'profile' | 'risk' | 'activity' | 'signals' | 'alerts';

export interface PeopleReach {
  /** The actor's own record. */
  self: boolean;
  /** Direct and indirect reports of the actor. */
  reports: boolean;
  /** Members of the whole tenant ('tenant'), of the actor's sub-trees ('teams'), or nobody else ('none'). */
  area: 'tenant' | 'teams' | 'none';
}

export function peopleReach(actor: Actor, purpose: PersonPurpose): PeopleReach {
  const self = actor.employeeId !== null;
  const hrLike = atLeast(actor.role, 'hr');
  const area = hrLike
    ? actor.teams === null
      ? 'tenant'
      : 'teams'
    : actor.role === 'manager' && actor.teams !== null && purpose !== 'activity'
      ? 'teams'
      : 'none';
  // Daily activity (raw behavioural data) is for HR and the person only; managers see reports' risk and reasons.
  const reports = actor.role !== 'employee' && self && purpose !== 'activity';
  return { self, reports, area };
}

/** What a team is looked up for: its place in the tree (structure) or its atmosphere score. */
export type TeamPurpose = 'structure' | 'atmosphere';

export interface TeamReach {
  /** Every team ('tenant'), the actor's sub-trees ('teams'), or none of those. */
  area: 'tenant' | 'teams' | 'none';
  /** Teams where the actor or one of their reports is a member. */
  own: boolean;
}

export function teamReach(actor: Actor, purpose: TeamPurpose): TeamReach {
  if (purpose === 'structure') return { area: actor.teams === null ? 'tenant' : 'teams', own: false };
  if (atLeast(actor.role, 'hr')) return { area: actor.teams === null ? 'tenant' : 'teams', own: false };
  if (actor.role === 'manager')
    return { area: actor.teams === null ? 'none' : 'teams', own: actor.employeeId !== null };
  return { area: 'none', own: false };
}

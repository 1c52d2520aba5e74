// Who hears about an alert. A person's manager first; the skip-level manager when that manager has left, is
// absent, or is the person themself (or the flagged person is a manager); the tenant's HR contacts otherwise.
import type { RoutedVia } from './types.js';

export interface DirectoryPerson {
  id: string;
  managerId: string | null;
  teamId: string | null;
  /** false ⇒ left the company or absent: cannot receive alerts. */
  active: boolean;
}

export interface HrGrant {
  employeeId: string;
  role: 'hr' | 'admin';
  /** null ⇒ the whole tenant; otherwise the sub-tree rooted at this team. */
  scopeTeamId: string | null;
}

export interface DirectorySnapshot {
  people: ReadonlyMap<string, DirectoryPerson>;
  /** team id → parent team id. */
  teamParents: ReadonlyMap<string, string | null>;
  hrGrants: readonly HrGrant[];
  /** Everyone who is somebody else's manager (see buildDirectorySnapshot). */
  managerIds: ReadonlySet<string>;
}

export function buildDirectorySnapshot(
  people: readonly DirectoryPerson[],
  teams: ReadonlyArray<{ id: string; parentId: string | null }>,
  hrGrants: readonly HrGrant[],
): DirectorySnapshot {
  const managerIds = new Set<string>();
  for (const person of people) if (person.managerId && person.managerId !== person.id) managerIds.add(person.managerId);
  return {
    people: new Map(people.map((p) => [p.id, p])),
    teamParents: new Map(teams.map((t) => [t.id, t.parentId])),
    hrGrants,
    managerIds,
  };
}

export interface Route {
  routedVia: RoutedVia;
  /** Empty ⇒ nobody can receive it (no manager chain, no HR contact). */
  recipientIds: string[];
  /** The manager the alert would normally have gone to, when it was passed over (for the "why you" line). */
  bypassedManagerId: string | null;
  bypassReason: 'manager_left' | 'manager_is_subject' | 'subject_is_manager' | 'no_manager' | null;
}

/** Does team `teamId` lie in the sub-tree rooted at `rootId`? Guards against cycles in bad org data. */
export function isInSubtree(
  teamParents: ReadonlyMap<string, string | null>,
  teamId: string | null,
  rootId: string,
): boolean {
  const seen = new Set<string>();
  for (let current = teamId; current && !seen.has(current); current = teamParents.get(current) ?? null) {
    if (current === rootId) return true;
    seen.add(current);
  }
  return false;
}

/** HR contacts whose grant covers the team: HR first; admins only when no HR grant covers it. */
export function hrContactsFor(directory: DirectorySnapshot, teamId: string | null, excludeId?: string): string[] {
  const covers = (grant: HrGrant) =>
    grant.scopeTeamId === null || isInSubtree(directory.teamParents, teamId, grant.scopeTeamId);
  const usable = (id: string) => id !== excludeId && directory.people.get(id)?.active === true;
  for (const role of ['hr', 'admin'] as const) {
    const ids = [
      ...new Set(directory.hrGrants.filter((g) => g.role === role && covers(g)).map((g) => g.employeeId)),
    ].filter(usable);
    if (ids.length > 0) return ids.sort();
  }
  return [];
}

export function routeEmployeeAlert(directory: DirectorySnapshot, subjectId: string): Route {
  const subject = directory.people.get(subjectId);
  const teamId = subject?.teamId ?? null;
  const usable = (id: string | null | undefined): id is string =>
    !!id && id !== subjectId && directory.people.get(id)?.active === true;
  const hr = (bypassedManagerId: string | null, bypassReason: Route['bypassReason']): Route => ({
    routedVia: 'hr',
    recipientIds: hrContactsFor(directory, teamId, subjectId),
    bypassedManagerId,
    bypassReason,
  });
  if (!subject) return hr(null, 'no_manager');

  const managerId = subject.managerId;
  const subjectIsManager = directory.managerIds.has(subjectId);
  if (usable(managerId)) {
    // A flagged manager's own manager is the skip level as seen from the team.
    return subjectIsManager
      ? {
          routedVia: 'skip_level',
          recipientIds: [managerId],
          bypassedManagerId: null,
          bypassReason: 'subject_is_manager',
        }
      : { routedVia: 'manager', recipientIds: [managerId], bypassedManagerId: null, bypassReason: null };
  }
  if (!managerId) return hr(null, 'no_manager');
  if (managerId === subjectId) return hr(null, 'manager_is_subject');
  const skipLevelId = directory.people.get(managerId)?.managerId ?? null;
  if (usable(skipLevelId)) {
    return {
      routedVia: 'skip_level',
      recipientIds: [skipLevelId],
      bypassedManagerId: managerId,
      bypassReason: 'manager_left',
    };
  }
  return hr(managerId, 'manager_left');
}

/** Team warnings always go to the HR contacts covering the team. */
export function routeTeamWarning(directory: DirectorySnapshot, teamId: string): Route {
  return {
    routedVia: 'hr',
    recipientIds: hrContactsFor(directory, teamId),
    bypassedManagerId: null,
    bypassReason: null,
  };
}

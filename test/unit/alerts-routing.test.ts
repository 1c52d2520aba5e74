import { describe, expect, it } from 'vitest';
import {
  buildDirectorySnapshot,
  routeEmployeeAlert,
  routeTeamWarning,
  type DirectoryPerson,
  type HrGrant,
} from '../../src/core/alerts/index.js';

// org: ceo → headSales → (salesMgr → rep1, rep2); hr (tenant-wide), hrSales (scoped to sales), admin
const teams = [
  { id: 'company', parentId: null },
  { id: 'sales', parentId: 'company' },
  { id: 'sales-east', parentId: 'sales' },
  { id: 'rnd', parentId: 'company' },
];
const person = (id: string, managerId: string | null, teamId: string | null, active = true): DirectoryPerson => ({
  id,
  managerId,
  teamId,
  active,
});
const basePeople = [
  person('ceo', null, 'company'),
  person('headSales', 'ceo', 'sales'),
  person('salesMgr', 'headSales', 'sales-east'),
  person('rep1', 'salesMgr', 'sales-east'),
  person('rep2', 'salesMgr', 'sales-east'),
  person('hr', 'ceo', 'company'),
  person('hrSales', 'ceo', 'company'),
  person('eng', 'ceo', 'rnd'),
];
const grants: HrGrant[] = [
  { employeeId: 'hr', role: 'hr', scopeTeamId: null },
  { employeeId: 'hrSales', role: 'hr', scopeTeamId: 'sales' },
  { employeeId: 'ceo', role: 'admin', scopeTeamId: null },
];
const snapshot = (people = basePeople, hrGrants = grants) => buildDirectorySnapshot(people, teams, hrGrants);
const replace = (id: string, patch: Partial<DirectoryPerson>) =>
  basePeople.map((p) => (p.id === id ? { ...p, ...patch } : p));

describe('alert routing', () => {
  it('goes to the manager when the manager is present', () => {
    expect(routeEmployeeAlert(snapshot(), 'rep1')).toEqual({
      routedVia: 'manager',
      recipientIds: ['salesMgr'],
      bypassedManagerId: null,
      bypassReason: null,
    });
  });

  it('goes to the skip-level manager when the manager left (the seed case)', () => {
    const route = routeEmployeeAlert(snapshot(replace('salesMgr', { active: false })), 'rep1');
    expect(route).toEqual({
      routedVia: 'skip_level',
      recipientIds: ['headSales'],
      bypassedManagerId: 'salesMgr',
      bypassReason: 'manager_left',
    });
  });

  it('goes to the skip-level manager when the flagged person is the manager', () => {
    expect(routeEmployeeAlert(snapshot(), 'salesMgr')).toMatchObject({
      routedVia: 'skip_level',
      recipientIds: ['headSales'],
      bypassReason: 'subject_is_manager',
    });
  });

  it('a person recorded as their own manager goes to HR, never to themself', () => {
    const route = routeEmployeeAlert(snapshot(replace('rep1', { managerId: 'rep1' })), 'rep1');
    expect(route.routedVia).toBe('hr');
    expect(route.recipientIds).toEqual(['hr', 'hrSales']);
  });

  it('no skip-level ⇒ the HR contacts whose scope covers the person', () => {
    const people = replace('salesMgr', { active: false }).map((p) =>
      p.id === 'headSales' ? { ...p, active: false } : p,
    );
    const route = routeEmployeeAlert(snapshot(people), 'rep1');
    expect(route).toEqual({
      routedVia: 'hr',
      recipientIds: ['hr', 'hrSales'],
      bypassedManagerId: 'salesMgr',
      bypassReason: 'manager_left',
    });
    // Someone outside sales: only the tenant-wide HR contact covers them.
    const eng = routeEmployeeAlert(
      snapshot(replace('ceo', { active: false }).map((p) => (p.id === 'eng' ? { ...p, managerId: null } : p))),
      'eng',
    );
    expect(eng).toMatchObject({ routedVia: 'hr', recipientIds: ['hr'], bypassReason: 'no_manager' });
  });

  it('falls back to admins when no HR grant covers the person, and to nobody when there is none', () => {
    const people = replace('rep1', { managerId: null });
    expect(
      routeEmployeeAlert(snapshot(people, [{ employeeId: 'ceo', role: 'admin', scopeTeamId: null }]), 'rep1')
        .recipientIds,
    ).toEqual(['ceo']);
    expect(routeEmployeeAlert(snapshot(people, []), 'rep1').recipientIds).toEqual([]);
  });

  it('team warnings go to the HR contacts covering the team', () => {
    expect(routeTeamWarning(snapshot(), 'sales-east')).toMatchObject({
      routedVia: 'hr',
      recipientIds: ['hr', 'hrSales'],
    });
    expect(routeTeamWarning(snapshot(), 'rnd')).toMatchObject({ routedVia: 'hr', recipientIds: ['hr'] });
  });
});

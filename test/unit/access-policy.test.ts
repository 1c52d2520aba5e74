// The pure access rules: which capabilities each role has, and whom it reaches for which purpose.
import { describe, expect, it } from 'vitest';
import {
  CAPABILITIES,
  peopleReach,
  refusal,
  teamReach,
  type Actor,
  type Capability,
} from '../../src/app/access/index.js';

const actor = (role: Actor['role'], extra: Partial<Actor> = {}): Actor => ({
  tenantId: 't',
  role,
  teams: null,
  employeeId: null,
  source: 'api',
  name: 'test',
  ...extra,
});

describe('capabilities', () => {
  it('follow the role ladder; tenant-wide changes are refused to callers limited to sub-trees', () => {
    const allowed = (a: Actor) => (Object.keys(CAPABILITIES) as Capability[]).filter((c) => refusal(a, c) === null);
    expect(allowed(actor('employee'))).toEqual([
      'teams.read',
      'employees.read',
      'activity.read',
      'risk.read',
      'scorecards.read',
    ]);
    expect(allowed(actor('manager'))).toEqual([
      'teams.read',
      'employees.read',
      'activity.read',
      'risk.read',
      'risk.list',
      'atmosphere.read',
      'alerts.feedback',
      'surveys.results',
      'scorecards.read',
      'plans.write',
    ]);
    // The audit log names everyone whose data was read: admins only.
    expect(allowed(actor('hr'))).toEqual(Object.keys(CAPABILITIES).filter((c) => c !== 'audit.read'));
    expect(allowed(actor('admin'))).toEqual(Object.keys(CAPABILITIES));
    const scoped = allowed(actor('admin', { teams: ['x'] }));
    expect(Object.keys(CAPABILITIES).filter((c) => !scoped.includes(c as Capability))).toEqual([
      'teams.write',
      'employees.write',
      'rules.write',
      'calendar.write',
      'surveys.manage',
      'audit.read',
      'reports.read',
      'exit_reasons.write',
    ]);
    expect(refusal(actor('manager'), 'rules.read')).toMatch(/hr role/);
  });
});

describe('reach', () => {
  it('hr and admin reach the tenant, or their sub-trees when limited', () => {
    expect(peopleReach(actor('hr'), 'risk')).toEqual({ self: false, reports: false, area: 'tenant' });
    expect(peopleReach(actor('admin', { teams: ['x'] }), 'activity').area).toBe('teams');
  });

  it('a manager reaches themselves and their reports (not their raw activity), plus any sub-trees they cover', () => {
    const manager = actor('manager', { employeeId: 'm' });
    expect(peopleReach(manager, 'risk')).toEqual({ self: true, reports: true, area: 'none' });
    expect(peopleReach(manager, 'activity')).toEqual({ self: true, reports: false, area: 'none' });
    expect(peopleReach(actor('manager', { teams: ['x'] }), 'profile').area).toBe('teams');
    expect(teamReach(manager, 'atmosphere')).toEqual({ area: 'none', own: true });
  });

  it('an employee reaches only themselves; team structure is visible to all within their sub-trees', () => {
    expect(peopleReach(actor('employee', { employeeId: 'e' }), 'profile')).toEqual({
      self: true,
      reports: false,
      area: 'none',
    });
    expect(teamReach(actor('employee'), 'structure')).toEqual({ area: 'tenant', own: false });
    expect(teamReach(actor('hr', { teams: ['x'] }), 'structure')).toEqual({ area: 'teams', own: false });
  });
});

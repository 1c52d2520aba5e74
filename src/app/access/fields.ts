// Field-level permissions (字段级权限): who sees which parts of a person's score. HR, admins and the person see
// everything; anyone else in reach (a manager) sees the risk level and the reasons — but never reasons or rule
// conditions derived from survey answers, nor those about leave types the tenant marked sensitive
// (`settings.sensitiveLeaveTypes`, e.g. ["sick"]).
import { atLeast } from './actor.js';
import type { Access } from './access.js';

const LEAVE_TYPES = ['personal', 'sick', 'annual', 'other'] as const;

/** Reasons and features derived from survey answers. */
const SURVEY = /survey|enps|pulse/i;

/** Which leave types a reason code or feature speaks about (overall leave speaks about all of them). */
const LEAVE_OF: Record<string, readonly string[]> = {
  personal_leave_change: ['personal'],
  personal_leave_change_pct: ['personal'],
  leave_change: LEAVE_TYPES,
  leave_change_pct: LEAVE_TYPES,
  leave_days_recent: LEAVE_TYPES,
};

export interface FieldView {
  /** Everything (HR, admin, the person themself). */
  full: boolean;
  sensitiveLeaveTypes: readonly string[];
}

export async function fieldViewOf(access: Access, subjectId: string): Promise<FieldView> {
  const full = atLeast(access.actor.role, 'hr') || subjectId === access.actor.employeeId;
  if (full) return { full, sensitiveLeaveTypes: [] };
  return { full, sensitiveLeaveTypes: await sensitiveLeaveTypes(access) };
}

export async function sensitiveLeaveTypes(access: Access): Promise<readonly string[]> {
  const row = await access.db
    .selectFrom('tenants')
    .select('settings')
    .where('id', '=', access.tenantId)
    .executeTakeFirst();
  const value = (row?.settings as Record<string, unknown> | undefined)?.sensitiveLeaveTypes;
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** May this viewer see a reason with this code (or a rule condition on this feature)? */
export function fieldVisible(view: FieldView, codeOrFeature: string): boolean {
  if (view.full) return true;
  if (SURVEY.test(codeOrFeature)) return false;
  const leave = LEAVE_OF[codeOrFeature];
  return !leave || !leave.some((type) => view.sensitiveLeaveTypes.includes(type));
}

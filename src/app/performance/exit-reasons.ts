// A tenant's list of departure reason codes: read (the built-in list until HR edits it) and replaced as a whole.
import type { Db } from '../../storage/database.js';
import { DEFAULT_EXIT_REASONS, EXIT_REASON_CODE } from '../../core/performance/index.js';
import { InvalidInputError } from '../errors.js';
import type { Access } from '../access/index.js';

export async function exitReasonCodes(db: Db, tenantId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('exit_reason_codes')
    .select('code')
    .where('tenant_id', '=', tenantId)
    .orderBy('position')
    .execute();
  return rows.length > 0 ? rows.map((r) => r.code) : [...DEFAULT_EXIT_REASONS];
}

export async function readExitReasons(access: Access): Promise<{ codes: string[] }> {
  access.require('reports.read');
  return { codes: await exitReasonCodes(access.db, access.tenantId) };
}

/** Replaces the list. 'other' is always kept: departures whose reason is not on the list count there. Audited. */
export async function setExitReasons(access: Access, codes: readonly string[]): Promise<{ codes: string[] }> {
  access.require('exit_reasons.write');
  const problems = codes
    .map((code, i) => ({ code, i }))
    .filter(({ code }) => !EXIT_REASON_CODE.test(code))
    .map(({ code, i }) => ({
      path: `/codes/${i}`,
      message: `"${code}" is not a code (lower-case letters, digits, _; e.g. manager_change)`,
    }));
  if (problems.length > 0) throw new InvalidInputError('invalid exit reason codes', problems);
  const list = [...new Set([...codes.filter((c) => c !== 'other'), 'other'])];
  await access.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('exit_reason_codes').where('tenant_id', '=', access.tenantId).execute();
    await trx
      .insertInto('exit_reason_codes')
      .values(list.map((code, position) => ({ tenant_id: access.tenantId, code, position })))
      .execute();
  });
  await access.audit('exit_reasons.update', { type: 'tenant', id: access.tenantId }, { codes: list });
  return { codes: list };
}

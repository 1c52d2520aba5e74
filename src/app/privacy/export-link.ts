// The chat `export` verb's link (issue I, data rights): a short-lived URL, signed with the tenant's own key, that
// answers the JSON of GET /api/v1/me/export for that one person — no token needed, valid EXPORT_LINK_MINUTES.
// The link names its tenant and person and is checked with that tenant's key only; a tampered, foreign or expired
// link gets nothing. Issuing and downloading are both audited.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../storage/database.js';
import { existingTenantKey, tenantKey } from '../../storage/repositories/tenant-keys.js';
import { isUuid } from '../../storage/repositories/refs.js';
import { accessFor, personActor, type Access } from '../access/index.js';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../errors.js';
import { exportMyData, type PersonalExport } from './export.js';

export const EXPORT_LINK_MINUTES = 15;
export const EXPORT_LINK_PATH = '/links/export';

const signature = (key: string, payload: string): string =>
  createHmac('sha256', key).update(`export:${payload}`).digest('base64url');

export interface ExportLink {
  url: string;
  expiresAt: string;
  minutes: number;
}

/** A link to the caller's own export (`baseUrl`: config.baseUrl, passed in by the composition root). */
export async function createExportLink(access: Access, input: { baseUrl: string; now: Date }): Promise<ExportLink> {
  const me = access.actor.employeeId;
  if (me === null) throw new ForbiddenError('only a caller acting as a person has personal data to export');
  const expires = Math.floor(input.now.getTime() / 1000) + EXPORT_LINK_MINUTES * 60;
  const payload = `${access.tenantId}.${me}.${expires}`;
  const key = await tenantKey(access.db, 'export_link_keys', access.tenantId);
  const expiresAt = new Date(expires * 1000).toISOString();
  await access.audit('personal.export.link', { type: 'employee', id: me }, { expiresAt });
  return {
    url: `${input.baseUrl.replace(/\/+$/, '')}${EXPORT_LINK_PATH}/${access.tenantId}/${me}/${expires}/${signature(key, payload)}`,
    expiresAt,
    minutes: EXPORT_LINK_MINUTES,
  };
}

/** The parts of a link's path: /links/export/<tenant>/<person>/<expires>/<signature>. */
export interface ExportLinkParts {
  tenant: string;
  person: string;
  expires: string;
  signature: string;
}

/** The export a link stands for; a malformed, tampered or foreign link is "not found", an old one "expired". */
export async function exportByLink(db: Db, link: ExportLinkParts, now: Date): Promise<PersonalExport> {
  // One answer for every way a link can be wrong (no oracle for which part failed); it names the link's path as a
  // whole, as every 404 of the API names what was not found.
  const unknown = () =>
    new NotFoundError('no such export link', [{ in: 'params', path: '/', message: 'no such export link' }]);
  const { tenant: tenantId, person: employeeId, expires: expiresText, signature: given } = link;
  if (!isUuid(tenantId) || !isUuid(employeeId) || !/^\d{1,12}$/.test(expiresText)) throw unknown();
  const key = await existingTenantKey(db, 'export_link_keys', tenantId);
  if (key === undefined) throw unknown();
  const expected = Buffer.from(signature(key, `${tenantId}.${employeeId}.${expiresText}`));
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) throw unknown();
  if (Number(expiresText) * 1000 <= now.getTime())
    throw new UnauthorizedError('this export link has expired: ask for a new one with `export` in chat');
  const person = await db
    .selectFrom('employees')
    .select(['id', 'status'])
    .where((eb) => eb.and({ tenant_id: tenantId, id: employeeId }))
    .executeTakeFirst();
  if (!person) throw unknown();
  const actor = await personActor(db, { tenantId, employeeId, source: 'api' });
  return exportMyData(accessFor(db, { ...actor, name: `export-link:${employeeId}` }), now);
}

// Signed per-tenant install links: `/slack/install?tenant=<slug>&sig=<…>` binds the workspace that installs through it
// to that tenant. Only whoever holds SLACK_STATE_SECRET can make one (GET /slack/install checks it, see oauth.ts).
// Kept apart from oauth.ts so `teampulse slack install-link` does not load @slack/oauth.
import { createHmac } from 'node:crypto';

/** The `sig` of an install link for a tenant: only whoever holds SLACK_STATE_SECRET can make one. */
export function installLinkSignature(stateSecret: string, tenantSlug: string): string {
  return createHmac('sha256', stateSecret)
    .update(`teampulse slack install\0${tenantSlug}`)
    .digest('base64url')
    .slice(0, 32);
}

/** The path of the install link for a tenant (`/slack/install` alone installs for the default tenant). */
export function installLinkPath(stateSecret: string, tenantSlug: string): string {
  const query = new URLSearchParams({ tenant: tenantSlug, sig: installLinkSignature(stateSecret, tenantSlug) });
  return `/slack/install?${query.toString()}`;
}

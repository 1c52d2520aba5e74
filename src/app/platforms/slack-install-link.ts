// `teampulse slack install-link --tenant <slug>`: the signed `/slack/install?tenant=…&sig=…` URL that installs a
// Slack workspace for one tenant (GET /slack/install verifies the signature with the same state secret). Needs Slack
// OAuth (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET) and an existing tenant.
import type { Kysely } from 'kysely';
import { installLinkPath } from '../../../adapters/slack/install-link.js';
import type { Database } from '../../storage/database.js';
import { findTenantBySlug } from '../../storage/repositories/tenants.js';
import { InvalidInputError, NotFoundError } from '../errors.js';

export interface SlackInstallLinkInput {
  tenantSlug: string;
  /** config.slack?.oauth?.stateSecret: undefined when Slack OAuth is not configured. */
  stateSecret: string | undefined;
  /** config.baseUrl: the public URL of the service (TEAMPULSE_BASE_URL), without a trailing slash. */
  baseUrl: string;
}

export async function slackInstallLink(
  db: Kysely<Database>,
  input: SlackInstallLinkInput,
): Promise<{ tenant: string; url: string }> {
  if (!input.stateSecret)
    throw new InvalidInputError(
      'Slack OAuth is not configured: set SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET',
    );
  const tenant = await findTenantBySlug(db, input.tenantSlug);
  if (!tenant)
    throw new NotFoundError(`unknown tenant "${input.tenantSlug}"`, [{ path: '/tenant', message: 'no such tenant' }]);
  return {
    tenant: tenant.slug,
    url: `${input.baseUrl.replace(/\/+$/, '')}${installLinkPath(input.stateSecret, tenant.slug)}`,
  };
}

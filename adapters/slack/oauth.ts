// Multi-workspace installs (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET) with @slack/oauth's
// InstallProvider: GET /slack/install redirects to Slack's consent page, GET /slack/oauth_redirect exchanges the
// code (oauth.v2.access) and stores the installation through an InstallationStore over platform_installations
// (tokens sealed with TEAMPULSE_ENCRYPTION_KEY, via the InstallationRegistry port). Each workspace belongs to one
// tenant: the default tenant, or the one a signed install link names (`?tenant=<slug>&sig=<…>`, see
// installLinkSignature). The tenant travels inside the signed OAuth state, so it cannot be changed on the way; the
// state is also bound to the browser by a cookie (stateVerification).
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  InstallProvider,
  type CodedError,
  type Installation,
  type InstallationQuery,
  type InstallationStore,
} from '@slack/oauth';
import type { FastifyPluginAsync } from 'fastify';
import type { InstallationInfo, InstallationLookup, InstallationRegistry } from '../../src/core/inbound-port.js';
import { t } from '../../src/core/i18n/index.js';
import type { AdapterLogger } from '../shared/runtime.js';
import { sdkLogger, webClientOptions } from './web.js';
import { installLinkSignature } from './install-link.js';

export { installLinkPath, installLinkSignature } from './install-link.js';

/** Bot scopes: only what the events and calls we use need (the 30,000 events/hour cap counts what we subscribe to). */
export const SLACK_BOT_SCOPES = [
  'channels:history',
  'groups:history',
  'mpim:history',
  'channels:read',
  'groups:read',
  'reactions:read',
  'users:read',
  'users:read.email',
  'chat:write',
  'im:write',
  'commands',
] as const;

export interface SlackOAuthSettings {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
}

type AnyInstallation = Installation<'v1' | 'v2', boolean>;

/** The key an installation is stored under: the org for an org-wide install, else the workspace. */
function keyOf(query: { isEnterpriseInstall?: boolean; enterpriseId?: string; teamId?: string }): string | undefined {
  return query.isEnterpriseInstall ? query.enterpriseId : (query.teamId ?? query.enterpriseId);
}

export class SlackInstallationStore implements InstallationStore {
  constructor(
    private readonly installations: InstallationLookup,
    private readonly registry: InstallationRegistry,
  ) {}

  async storeInstallation(installation: AnyInstallation): Promise<void> {
    const tenantId = tenantOfMetadata(installation.metadata);
    if (!tenantId) throw new Error('the install names no tenant');
    const key = keyOf({
      isEnterpriseInstall: installation.isEnterpriseInstall === true,
      ...(installation.enterprise?.id ? { enterpriseId: installation.enterprise.id } : {}),
      ...(installation.team?.id ? { teamId: installation.team.id } : {}),
    });
    const bot = installation.bot;
    if (!key || !bot?.token) throw new Error('Slack returned no workspace or no bot token');
    const settings: Record<string, unknown> = {
      ...(installation.team?.id ? { teamId: installation.team.id } : {}),
      ...(installation.team?.name ? { teamName: installation.team.name } : {}),
      ...(installation.enterprise?.id ? { enterpriseId: installation.enterprise.id } : {}),
      isEnterpriseInstall: installation.isEnterpriseInstall === true,
      botUserId: bot.userId,
      botId: bot.id,
      scopes: bot.scopes.join(','),
      ...(installation.appId ? { appId: installation.appId } : {}),
      ...(bot.expiresAt ? { botTokenExpiresAt: bot.expiresAt } : {}),
      installedBy: installation.user.id,
      authVersion: installation.authVersion ?? 'v2',
    };
    await this.registry.save({
      tenantId,
      platform: 'slack',
      installationKey: key,
      secrets: { botToken: bot.token, ...(bot.refreshToken ? { botRefreshToken: bot.refreshToken } : {}) },
      settings,
      actor: `slack-oauth:${installation.user.id}`,
    });
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<AnyInstallation> {
    const key = keyOf(query);
    const info = key ? await this.installations.find('slack', key) : undefined;
    if (!info?.secrets.botToken) throw new Error('no Slack installation for this workspace');
    return toInstallation(info);
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    const key = keyOf(query);
    if (key) await this.registry.remove('slack', key, 'slack-oauth');
  }
}

const setting = (info: InstallationInfo, name: string): string | undefined => {
  const value = info.settings[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/** A stored installation in @slack/oauth's shape (what InstallProvider.authorize reads). */
export function toInstallation(info: InstallationInfo): AnyInstallation {
  const enterpriseId = setting(info, 'enterpriseId');
  const isEnterpriseInstall = info.settings.isEnterpriseInstall === true;
  const expiresAt = Number(info.settings.botTokenExpiresAt);
  return {
    team: isEnterpriseInstall ? undefined : { id: setting(info, 'teamId') ?? info.installationKey },
    enterprise: enterpriseId ? { id: enterpriseId } : undefined,
    user: { id: setting(info, 'installedBy') ?? '', token: undefined, scopes: undefined },
    bot: {
      token: info.secrets.botToken ?? '',
      scopes: (setting(info, 'scopes') ?? '').split(',').filter(Boolean),
      id: setting(info, 'botId') ?? '',
      userId: setting(info, 'botUserId') ?? '',
      ...(info.secrets.botRefreshToken ? { refreshToken: info.secrets.botRefreshToken } : {}),
      ...(Number.isFinite(expiresAt) && expiresAt > 0 ? { expiresAt } : {}),
    },
    isEnterpriseInstall,
    authVersion: 'v2',
    ...(setting(info, 'appId') ? { appId: setting(info, 'appId') } : {}),
  } as AnyInstallation;
}

function tenantOfMetadata(metadata: string | undefined): string | undefined {
  try {
    const parsed = JSON.parse(metadata ?? '{}') as { tenantId?: unknown };
    return typeof parsed.tenantId === 'string' && parsed.tenantId !== '' ? parsed.tenantId : undefined;
  } catch {
    return undefined;
  }
}

function validSignature(stateSecret: string, slug: string, sig: string): boolean {
  const expected = Buffer.from(installLinkSignature(stateSecret, slug));
  const given = Buffer.from(sig);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A tiny page in both languages (the browser's locale is not the tenant's). */
function page(lines: Array<{ 'zh-CN': string; en: string }>): string {
  const title = `${t('en', 'slack.install.title')}`;
  const body = lines.map((l) => `<p lang="zh-CN">${escapeHtml(l['zh-CN'])}</p><p lang="en">${escapeHtml(l.en)}</p>`);
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>${body.join('')}</body></html>`;
}

function sendPage(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}

export interface SlackOAuthDeps {
  settings: SlackOAuthSettings;
  installations: InstallationLookup;
  registry: InstallationRegistry;
  apiUrl: string;
  logger: AdapterLogger;
  /** Slack's consent page (tests point it elsewhere; the default is Slack's). */
  authorizationUrl?: string;
}

export function createInstallProvider(deps: SlackOAuthDeps): InstallProvider {
  const { logger: _logger, ...clientOptions } = webClientOptions({ apiUrl: deps.apiUrl, logger: deps.logger });
  return new InstallProvider({
    clientId: deps.settings.clientId,
    clientSecret: deps.settings.clientSecret,
    stateSecret: deps.settings.stateSecret,
    installationStore: new SlackInstallationStore(deps.installations, deps.registry),
    directInstall: true,
    logger: sdkLogger(deps.logger, 'oauth'),
    clientOptions,
    ...(deps.authorizationUrl ? { authorizationUrl: deps.authorizationUrl } : {}),
  });
}

export function slackOAuthRoutes(deps: SlackOAuthDeps, provider = createInstallProvider(deps)): FastifyPluginAsync {
  const { registry, logger } = deps;
  return async (app) => {
    app.get('/slack/install', async (request, reply) => {
      const query = (request.query ?? {}) as Record<string, unknown>;
      const slug = typeof query.tenant === 'string' && query.tenant !== '' ? query.tenant : undefined;
      const sig = typeof query.sig === 'string' ? query.sig : '';
      if (slug !== undefined && !validSignature(deps.settings.stateSecret, slug, sig)) {
        return reply
          .code(403)
          .type('text/html; charset=utf-8')
          .send(page([msg('slack.install.noTenant')]));
      }
      const tenantId = await registry.tenantFor(slug);
      if (!tenantId)
        return reply
          .code(404)
          .type('text/html; charset=utf-8')
          .send(page([msg('slack.install.noTenant')]));
      reply.hijack();
      await provider.handleInstallPath(
        request.raw,
        reply.raw,
        {},
        { scopes: [...SLACK_BOT_SCOPES], metadata: JSON.stringify({ tenantId }) },
      );
    });

    app.get('/slack/oauth_redirect', async (request, reply) => {
      reply.hijack();
      await provider.handleCallback(request.raw, reply.raw, {
        success: (installation: AnyInstallation, _options, _req: IncomingMessage, res: ServerResponse) => {
          const team = installation.team?.name ?? installation.enterprise?.name ?? installation.team?.id ?? '';
          logger.info(
            { platform: 'slack', team: installation.team?.id, enterprise: installation.enterprise?.id },
            'Slack workspace installed',
          );
          sendPage(res, 200, page([msg('slack.install.success', { team })]));
        },
        failure: (error: CodedError, _options, _req: IncomingMessage, res: ServerResponse) => {
          logger.warn({ platform: 'slack', code: error.code, err: error.message }, 'Slack install failed');
          sendPage(res, 400, page([msg('slack.install.failure', { reason: error.code ?? 'error' })]));
        },
      });
    });
  };
}

function msg(key: Parameters<typeof t>[1], params: Record<string, string> = {}) {
  return { 'zh-CN': t('zh-CN', key, params), en: t('en', key, params) };
}

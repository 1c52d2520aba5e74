// HTTP mode (DINGTALK_MODE=http, or an installation with mode=http): the webhooks DingTalk calls.
//   POST /dingtalk/robot   robot messages; headers timestamp + sign checked against every installation's secret
//                          (the body names no app reliably), within one hour.
//   POST /dingtalk/events  event subscription; msg_signature checked with each installation's token, then AES
//                          decryption with its aes_key and the owner key (AppKey, or the corp id) checked, and the
//                          payload's CorpId (when both sides name one) checked against the installation's corp id;
//                          answered with the encrypted "success" once the event is stored.
//   POST /dingtalk/card    card button callbacks registered with a callbackRouteKey; accepted only when a button
//                          token's signature verifies (DingTalk's own signature for this callback is undocumented).
// A request that fails its check gets 401 and changes nothing; a bad event never crashes the service.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { InstallationLookup } from '../../src/core/inbound-port.js';
import type { AdapterLogger } from '../shared/runtime.js';
import { appOf, sameCorp, type DingTalkApp } from './app.js';
import { CallbackCryptoError, checkCallbackSignature, decryptCallback, encryptedSuccess } from './crypto.js';
import type { DingTalkInbound } from './inbound.js';
import { eventFromHttp } from './parse.js';
import { checkRobotSignature } from './verify.js';

export interface DingTalkRoutesDeps {
  inbound: DingTalkInbound;
  installations: InstallationLookup;
  logger: AdapterLogger;
  now: () => Date;
  /** Largest accepted body (DingTalk payloads are small). */
  bodyLimitBytes?: number;
}

export async function dingTalkApps(installations: InstallationLookup): Promise<DingTalkApp[]> {
  return (await installations.list('dingtalk')).flatMap((info) => {
    const app = appOf(info);
    return app ? [app] : [];
  });
}

const header = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

export function dingTalkRoutes(deps: DingTalkRoutesDeps): FastifyPluginAsync {
  const { inbound, installations, logger, now } = deps;
  const bodyLimit = deps.bodyLimitBytes ?? 1024 * 1024;
  const unauthorized = { error: 'Unauthorized', message: 'signature check failed' };

  return async (app) => {
    app.post('/dingtalk/robot', { bodyLimit }, async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const signed = { timestamp: header(request, 'timestamp'), sign: header(request, 'sign') };
      const robotCode = text(body.robotCode);
      let matched: DingTalkApp | undefined;
      for (const candidate of await dingTalkApps(installations)) {
        if (robotCode && robotCode !== candidate.robotCode && robotCode !== candidate.clientId) continue;
        if (checkRobotSignature(signed, candidate.clientSecret, now()) === 'ok') {
          matched = candidate;
          break;
        }
      }
      if (!matched) return reply.code(401).send(unauthorized);
      try {
        await inbound.robotMessage(matched, body);
      } catch (error) {
        logger.error({ err: error, tenantId: matched.tenantId }, 'DingTalk robot message failed');
      }
      // The answer body is read as a reply message by DingTalk: "empty" says there is none (we answer ourselves).
      return { msgtype: 'empty' };
    });

    app.post('/dingtalk/events', { bodyLimit }, async (request, reply) => {
      const query = (request.query ?? {}) as Record<string, unknown>;
      const signature = text(query.msg_signature) ?? text(query.signature);
      const timestamp = text(query.timestamp) ?? text(query.timeStamp);
      const nonce = text(query.nonce);
      const encrypt = text(((request.body ?? {}) as Record<string, unknown>).encrypt);
      if (!signature || !timestamp || !nonce || !encrypt) return reply.code(401).send(unauthorized);
      const matched = (await dingTalkApps(installations)).find(
        (a) => a.token && a.aesKey && checkCallbackSignature(a.token, { signature, timestamp, nonce }, encrypt),
      );
      if (!matched?.token || !matched.aesKey) return reply.code(401).send(unauthorized);
      let decrypted: { message: string; ownerKey: string };
      try {
        const owners = [matched.clientId, ...(matched.corpId ? [matched.corpId] : [])];
        decrypted = decryptCallback(matched.aesKey, encrypt, owners);
      } catch (error) {
        const reason = error instanceof CallbackCryptoError ? error.reason : 'unknown';
        logger.warn({ tenantId: matched.tenantId, reason }, 'DingTalk event rejected');
        return reply.code(401).send({ error: 'Unauthorized', message: `cannot open the event (${reason})` });
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(decrypted.message);
      } catch {
        parsed = undefined;
      }
      const event = eventFromHttp(parsed);
      if (!event) return reply.code(400).send({ error: 'Bad Request', message: 'the event has no EventType' });
      if (!sameCorp(matched, event.corpId)) {
        logger.warn({ tenantId: matched.tenantId, reason: 'wrong_corp' }, 'DingTalk event rejected');
        return reply.code(401).send({ error: 'Unauthorized', message: 'the event belongs to another corp' });
      }
      const result = await inbound.event(matched, event);
      if (result === 'retry') return reply.code(503).send({ error: 'Service Unavailable', message: 'try again' });
      return encryptedSuccess({ token: matched.token, aesKey: matched.aesKey }, decrypted.ownerKey, now());
    });

    app.post('/dingtalk/card', { bodyLimit }, async (request, reply) => {
      const verified = inbound.verifyClick(await dingTalkApps(installations), request.body);
      if (!verified) return reply.code(401).send(unauthorized);
      try {
        await inbound.cardClick(verified, undefined);
      } catch (error) {
        logger.error({ err: error, tenantId: verified.app.tenantId }, 'DingTalk card click failed');
      }
      return {};
    });
  };
}

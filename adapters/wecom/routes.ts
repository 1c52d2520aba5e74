// The callback URL WeCom calls (应用管理 → 自建应用 → 接收消息 → 设置API接收):
//   GET  /wecom/callback?msg_signature&timestamp&nonce&echostr  URL verification: signature over echostr checked with
//        each installation's Token, echostr decrypted with its EncodingAESKey, receive id = its CorpID; the answer
//        is the bare plaintext (no quotes, no XML).
//   POST /wecom/callback?msg_signature&timestamp&nonce  body <xml><ToUserName/><Encrypt/><AgentID/></xml>: the
//        signature is over Encrypt; decrypted and checked the same way; the inner XML handed to WeComInbound;
//        answered with an empty 200 once stored (WeCom retries after 5 s without an answer), or 503 to ask for the
//        retry when it could not be stored.
// A request that fails a check gets 401 and changes nothing; malformed XML gets 400; nothing here crashes.
// Neither WeCom sample signs with a fresh timestamp and WeCom documents no replay window, so none is enforced;
// retries of a replayed callback are de-duplicated by its MsgId / TaskId / event key.
import type { FastifyPluginAsync } from 'fastify';
import type { InstallationLookup } from '../../src/core/inbound-port.js';
import type { AdapterLogger } from '../shared/runtime.js';
import { appOf, type WeComApp } from './app.js';
import { checkMsgSignature, decryptMessage, WeComCryptoError } from './crypto.js';
import type { WeComInbound } from './inbound.js';
import { parseCallback, parseEnvelope } from './parse.js';

export interface WeComRoutesDeps {
  inbound: WeComInbound;
  installations: InstallationLookup;
  logger: AdapterLogger;
  /** Largest accepted body (WeCom callbacks are small). */
  bodyLimitBytes?: number;
}

export async function weComApps(installations: InstallationLookup): Promise<WeComApp[]> {
  return (await installations.list('wecom')).flatMap((info) => {
    const app = appOf(info);
    return app ? [app] : [];
  });
}

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** The signed query. A '+' in echostr may arrive unencoded and be read as a space: base64 has no spaces. */
function signedQuery(query: unknown) {
  const q = (query ?? {}) as Record<string, unknown>;
  return {
    signature: str(q.msg_signature),
    timestamp: str(q.timestamp),
    nonce: str(q.nonce),
    echostr: str(q.echostr)?.replace(/ /g, '+'),
  };
}

export function weComRoutes(deps: WeComRoutesDeps): FastifyPluginAsync {
  const { inbound, installations, logger } = deps;
  const bodyLimit = deps.bodyLimitBytes ?? 256 * 1024;
  const unauthorized = { error: 'Unauthorized', message: 'signature check failed' };

  /** The installation whose Token verifies the signature and whose key opens the payload for its corp. */
  const open = async (
    query: ReturnType<typeof signedQuery>,
    encrypt: string,
  ): Promise<{ app: WeComApp; message: string } | { reason: string } | undefined> => {
    const { signature, timestamp, nonce } = query;
    if (!signature || !timestamp || !nonce) return undefined;
    const apps = (await weComApps(installations)).filter((a) =>
      checkMsgSignature(a.token, { signature, timestamp, nonce }, encrypt),
    );
    if (!apps.length) return undefined;
    let reason = 'unknown';
    // Several agents of one corp may share a Token; the key and the corp id decide.
    for (const app of apps) {
      try {
        return { app, message: decryptMessage(app.aesKey, encrypt, app.corpId).message };
      } catch (error) {
        reason = error instanceof WeComCryptoError ? error.reason : 'unknown';
      }
    }
    logger.warn({ tenantId: apps[0]!.tenantId, reason }, 'WeCom callback rejected');
    return { reason };
  };

  return async (app) => {
    // WeCom posts XML (text/xml); some proxies change the type, so any non-JSON body is read as text here.
    app.addContentTypeParser(
      ['text/xml', 'application/xml', '*'],
      { parseAs: 'string', bodyLimit },
      (_req, body, done) => done(null, body),
    );

    app.get('/wecom/callback', async (request, reply) => {
      const query = signedQuery(request.query);
      if (!query.echostr) return reply.code(401).send(unauthorized);
      const opened = await open(query, query.echostr);
      if (!opened || !('app' in opened)) return reply.code(401).send(unauthorized);
      return reply.type('text/plain; charset=utf-8').send(opened.message);
    });

    app.post('/wecom/callback', { bodyLimit }, async (request, reply) => {
      const query = signedQuery(request.query);
      const envelope = typeof request.body === 'string' ? parseEnvelope(request.body) : undefined;
      if (!envelope) {
        // Without a signed Encrypt there is nothing to trust: unsigned junk is a 401 like a bad signature.
        return reply.code(query.signature ? 400 : 401).send({ error: 'Bad Request', message: 'no Encrypt element' });
      }
      const opened = await open(query, envelope.encrypt);
      if (!opened) return reply.code(401).send(unauthorized);
      if (!('app' in opened))
        return reply.code(401).send({ error: 'Unauthorized', message: `cannot open the callback (${opened.reason})` });
      const callback = parseCallback(opened.message);
      if (!callback) return reply.code(400).send({ error: 'Bad Request', message: 'not a WeCom message or event' });
      const result = await inbound.handle(opened.app, callback);
      if (result === 'retry') return reply.code(503).send({ error: 'Service Unavailable', message: 'try again' });
      // An empty answer tells WeCom the callback arrived and there is no passive reply.
      return reply.type('text/plain; charset=utf-8').send('');
    });
  };
}

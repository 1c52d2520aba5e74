// The erasure request's buttons (confirm / decline), pressed by HR in the message the request sent them.
import { t } from '../../core/i18n/index.js';
import { accessFor, personActor } from '../access/index.js';
import { AppError, ConflictError } from '../errors.js';
import { textReply, type InboundDispatcher } from '../inbound/dispatch.js';
import type { InboundDeps } from '../inbound/handlers.js';
import { decideErasure, ERASURE_ACTION_ID } from './requests.js';

export function registerPrivacyActions(dispatcher: InboundDispatcher, deps: InboundDeps): void {
  dispatcher.onAction(ERASURE_ACTION_ID, async (event, ctx) => {
    const at = event.value.lastIndexOf(':');
    const requestId = event.value.slice(0, at);
    const decision = event.value.slice(at + 1);
    if (at <= 0 || (decision !== 'confirm' && decision !== 'decline') || !ctx.employeeId)
      return { reply: textReply(t(ctx.locale, 'inbound.unknownAction')) };
    const actor = await personActor(deps.db, {
      tenantId: ctx.tenantId,
      employeeId: ctx.employeeId,
      source: ctx.platform,
    });
    try {
      const result = await decideErasure(accessFor(deps.db, actor), { requestId, decision }, ctx.now);
      const said = result.status === 'done' ? 'privacy.erasure.erased' : 'privacy.erasure.declined';
      return { reply: textReply(t(ctx.locale, said, { name: result.name })) };
    } catch (err) {
      if (err instanceof ConflictError) return { reply: textReply(t(ctx.locale, 'privacy.erasure.alreadyDecided')) };
      if (err instanceof AppError) return { reply: textReply(t(ctx.locale, 'command.forbidden')) };
      throw err;
    }
  });
}

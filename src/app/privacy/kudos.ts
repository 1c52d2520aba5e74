// `kudos @person [for …]`: one colleague thanks another — a kudos signal through the one ingestion path (it counts
// as help received in the collaboration score). Only who thanked whom and when is stored: the words after the name
// are message text and are never kept.
import type { Access } from '../access/index.js';
import { ingestSignals } from '../signals/ingest.js';
import { ForbiddenError, InvalidInputError, notFound } from '../errors.js';
import { findEmployeeByRef } from '../../storage/repositories/refs.js';
import { findEmployeeIdByIdentity } from '../../storage/repositories/identities.js';

export async function giveKudos(
  access: Access,
  input: { to: string; platform: string; now: Date },
): Promise<{ to: { id: string; name: string }; recorded: boolean }> {
  const me = access.actor.employeeId;
  if (me === null) throw new ForbiddenError('only a person can give kudos');
  const { db, tenantId } = access;
  // Any active colleague of the tenant may be thanked: giving kudos reads nothing about them.
  const viaPlatform =
    input.platform !== 'console' ? await findEmployeeIdByIdentity(db, tenantId, input.platform, input.to) : undefined;
  const person = await findEmployeeByRef(db, tenantId, viaPlatform ?? input.to);
  if (!person || person.status !== 'active') throw notFound('employee', input.to, 'person');
  if (person.id === me)
    throw new InvalidInputError('kudos go to someone else', [{ path: '/person', message: 'is you' }]);
  const giver = await findEmployeeByRef(db, tenantId, me);
  const result = await ingestSignals(db, {
    tenantId,
    source: 'chat',
    now: input.now,
    events: [
      {
        type: 'kudos',
        id: `kudos:${me}:${person.id}:${input.now.getTime()}`,
        source: 'chat',
        actor: { kind: 'external', id: giver!.external_id },
        occurredAt: input.now,
        to: { kind: 'external', id: person.external_id },
      },
    ],
  });
  return { to: { id: person.id, name: person.display_name }, recorded: result.accepted > 0 };
}

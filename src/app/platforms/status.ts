// Whether any chat platform installation is stored (the demo is only built when none is configured).
import type { Db } from '../../storage/database.js';
import type { ChatPlatform } from '../../core/inbound-port.js';

export async function countPlatformInstallations(db: Db, platform?: ChatPlatform): Promise<number> {
  let query = db.selectFrom('platform_installations');
  if (platform) query = query.where('platform', '=', platform);
  const row = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

// Whether any chat platform installation is stored (the demo is only built when none is configured).
import type { Db } from '../../storage/database.js';

export async function countPlatformInstallations(db: Db): Promise<number> {
  const row = await db
    .selectFrom('platform_installations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

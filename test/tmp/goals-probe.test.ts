import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { createTestDatabase } from '../helpers/db.js';
import { createAccessOrg } from '../helpers/access-org.js';
import { runCliWith } from '../helpers/cli.js';
it('probe', async () => {
  const h = await createTestDatabase();
  await createAccessOrg(h.db, 'acme');
  const cases: Record<string, string> = {
    'nul.csv': 'team,employee,period,target,actual,met\nsup\u0000port,,2026-11,,,no\n',
    'sur.csv': 'team,employee,period,target,actual,met\n,sup-1\ud800,2026-11,50,40,\n',
    'num.json': JSON.stringify({ goals: [{ team: 5, period: '2026-11', met: true }] }),
    'obj.json': JSON.stringify({ goals: [{ employee: { a: 1 }, period: '2026-11', target: 1, actual: 1 }] }),
    'big.json': JSON.stringify({ goals: [{ employee: 'sup-1', period: '2026-11', target: 1e308, actual: 1e308 }] }),
    'null.json': JSON.stringify({ goals: [null] }),
    'per.json': JSON.stringify({ goals: [{ team: 'support', period: 5, met: true }] }),
    'extra.json': JSON.stringify({ goals: [{ team: 'support', period: '2026-11', met: true, x: 1 }] }),
  };
  for (const [name, text] of Object.entries(cases)) {
    const f = join(tmpdir(), `probe-${name}`);
    writeFileSync(f, text);
    const r = await runCliWith(h, ['import', 'goals', f, '--tenant', 'acme']);
    console.log(name, r.code, JSON.stringify(r.stderr.slice(0, 300)), r.stdout.slice(0, 100));
  }
  await h.destroy();
}, 120000);

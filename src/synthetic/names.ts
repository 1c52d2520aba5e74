// Names for synthetic people: family and given names, never the same full name twice in one organisation.
import { pick, type Random } from './random.js';

const GIVEN = [
  'Wei',
  'Fang',
  'Min',
  'Jing',
  'Lei',
  'Yan',
  'Jun',
  'Hui',
  'Tao',
  'Ying',
  'Qiang',
  'Xiu',
  'Bo',
  'Lan',
  'Hao',
  'Mei',
  'Gang',
  'Ping',
  'Chen',
  'Rui',
];
const FAMILY = [
  'Wang',
  'Zhang',
  'Liu',
  'Chen',
  'Yang',
  'Zhao',
  'Huang',
  'Zhou',
  'Wu',
  'Xu',
  'Sun',
  'Ma',
  'Zhu',
  'Hu',
  'Guo',
  'He',
  'Lin',
  'Gao',
];

/** Per-working-day rates of an ordinary employee (× a personal activity level). */
/** A name generator on `random`: each call draws until it finds an unused full name. */
export function nameGenerator(random: Random, used: Set<string>): () => string {
  return () => {
    for (;;) {
      const candidate = `${pick(random, FAMILY)} ${pick(random, GIVEN)}`;
      if (!used.has(candidate)) {
        used.add(candidate);
        return candidate;
      }
    }
  };
}

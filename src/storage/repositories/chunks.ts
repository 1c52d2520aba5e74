// Splits long lists so `IN (…)` lookups stay well below the 65,535 bind-parameter limit of the wire protocol.
export function chunked<T>(items: readonly T[], size = 1000): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

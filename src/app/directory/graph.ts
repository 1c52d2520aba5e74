// Small graph helpers for the team tree and the management chain (pure; no I/O).

/**
 * Walks `next` from every start node and returns each cycle found once, as the list of its nodes in walk order.
 * `next` returns undefined/null at a root or an unknown node.
 */
export function findCycles(starts: Iterable<string>, next: (node: string) => string | null | undefined): string[][] {
  const ON_PATH = 1;
  const DONE = 2;
  const state = new Map<string, number>();
  const cycles: string[][] = [];
  for (const start of starts) {
    const path: string[] = [];
    let node: string | null | undefined = start;
    while (node !== null && node !== undefined && state.get(node) !== DONE) {
      if (state.get(node) === ON_PATH) {
        cycles.push(path.slice(path.indexOf(node)));
        break;
      }
      state.set(node, ON_PATH);
      path.push(node);
      node = next(node);
    }
    for (const visited of path) state.set(visited, DONE);
  }
  return cycles;
}

/**
 * Orders rows so that each row comes after the row it points to (parent team, manager) when both are in the list.
 * The graph must be acyclic (checked before).
 */
export function parentsFirst<T>(
  rows: readonly T[],
  key: (row: T) => string,
  parentKey: (row: T) => string | null,
): T[] {
  const byKey = new Map(rows.map((row) => [key(row), row]));
  const depth = new Map<string, number>();
  const depthOf = (row: T): number => {
    const stack: T[] = [];
    const onStack = new Set<string>();
    let current: T | undefined = row;
    // onStack stops a cycle (which validation reports) from looping forever.
    while (current !== undefined && !depth.has(key(current)) && !onStack.has(key(current))) {
      stack.push(current);
      onStack.add(key(current));
      const parent = parentKey(current);
      current = parent === null ? undefined : byKey.get(parent);
    }
    let base = current === undefined || onStack.has(key(current)) ? -1 : (depth.get(key(current)) ?? -1);
    for (let i = stack.length - 1; i >= 0; i--) {
      base += 1;
      depth.set(key(stack[i] as T), base);
    }
    return depth.get(key(row)) ?? 0;
  };
  return rows
    .map((row, index) => ({ row, index, depth: depthOf(row) }))
    .sort((a, b) => a.depth - b.depth || a.index - b.index)
    .map((entry) => entry.row);
}

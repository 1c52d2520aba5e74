// Items of a directory batch keyed by external id.

/** The first occurrence of each external id in a batch; a blank or repeated id is an issue of its item. */
export function firstOccurrences<T extends { externalId: string }>(
  items: readonly T[],
  issue: (index: number, field: string, message: string) => void,
): Map<string, { item: T; index: number }> {
  const batch = new Map<string, { item: T; index: number }>();
  items.forEach((item, index) => {
    if (!item.externalId.trim()) return issue(index, 'externalId', 'must not be blank');
    const first = batch.get(item.externalId);
    if (first)
      return issue(index, 'externalId', `duplicate external id "${item.externalId}" (also item ${first.index})`);
    batch.set(item.externalId, { item, index });
  });
  return batch;
}

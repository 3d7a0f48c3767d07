/**
 * Items listed by key in one array: list `k` is `items[start[k]]` up to `start[k + 1]`, items in
 * the order `each` visits them. `each` visits every (key, item) pair and is called twice (once to
 * count, once to lay out), so it must visit the same pairs both times.
 */
export function listsByKey(keyCount: number, each: (visit: (key: number, item: number) => void) => void): { start: Uint32Array; items: Uint32Array } {
  const start = new Uint32Array(keyCount + 1);
  each((key) => start[key + 1]!++);
  for (let k = 0; k < keyCount; k++) start[k + 1]! += start[k]!;
  const items = new Uint32Array(start[keyCount]!);
  const next = start.slice(0, keyCount);
  each((key, item) => (items[next[key]!++] = item));
  return { start, items };
}

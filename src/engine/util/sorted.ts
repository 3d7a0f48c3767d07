/** The first index from `from` to `to` (the whole list by default) of ascending `list` holding `value` or more (`to` when none does): a binary search. */
export function lowerBound(list: ArrayLike<number>, value: number, from = 0, to = list.length): number {
  let low = from;
  let high = to;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (list[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * Calls `visit(i, k)` for each `values[i]` that ascending `list` holds at `k`, `values` ascending
 * too: one merge through both, starting where the first value would be in `list`.
 */
export function forEachMatch(list: ArrayLike<number>, values: ArrayLike<number>, visit: (i: number, k: number) => void): void {
  if (!values.length) return;
  let k = lowerBound(list, values[0]!);
  for (let i = 0; i < values.length && k < list.length; i++) {
    while (k < list.length && list[k]! < values[i]!) k++;
    if (list[k] === values[i]) visit(i, k);
  }
}

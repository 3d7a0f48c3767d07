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

/**
 * The value `values` would hold at index `k` once sorted ascending (`k` from 0 to `values.length - 1`; no NaN): found by
 * selection, reordering `values` in place, in time linear on average instead of a whole sort.
 */
export function kthSmallest(values: Float64Array, k: number): number {
  let low = 0;
  let high = values.length - 1;
  while (low < high) {
    // Hoare's partition around the median of three, the pivot value copied out.
    const mid = (low + high) >>> 1;
    const [a, b, c] = [values[low]!, values[mid]!, values[high]!];
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = low;
    let j = high;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i++] = values[j]!;
        values[j--] = t;
      }
    }
    if (k <= j) high = j;
    else if (k >= i) low = i;
    else return values[k]!;
  }
  return values[k]!;
}

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

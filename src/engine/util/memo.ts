/**
 * A memo of a pure function of strings or numbers, emptied when it reaches its size: the one bounded cache type of the
 * engine (word stems, analysed terms, highlight stems, character classes), so none can grow without end.
 */
export class BoundedMemo<K, V> {
  private readonly values = new Map<K, V>();

  constructor(
    private readonly compute: (key: K) => V,
    /** Entries kept before the memo starts afresh (a vocabulary is small next to the text, so a refill is cheap). */
    private readonly limit: number,
  ) {}

  /** `compute(key)`, from the memo when it was asked before. */
  get(key: K): V {
    let value = this.values.get(key);
    if (value === undefined && !this.values.has(key)) {
      if (this.values.size >= this.limit) this.values.clear();
      value = this.compute(key);
      this.values.set(key, value);
    }
    return value as V;
  }
}

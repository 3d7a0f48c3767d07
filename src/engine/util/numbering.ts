/** Numbers distinct strings in order of first sight, so each is stored (or compared) once as a number. */
export class Numbering {
  /** The strings numbered so far: string `k` is `values[k]`. */
  readonly values: string[] = [];
  private readonly numbers = new Map<string, number>();

  /** The number of `value` (the next free one when it is new); -1 for null. */
  number(value: string | null): number {
    if (value === null) return -1;
    let k = this.numbers.get(value);
    if (k === undefined) this.numbers.set(value, (k = this.values.push(value) - 1));
    return k;
  }
}

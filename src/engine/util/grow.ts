/** A copy of `array` long enough for index `needed` (at least twice as long), new slots 0. */
export function grow<T extends Uint32Array | Int32Array | Uint16Array | Uint8Array>(array: T, needed: number): T {
  let size = array.length * 2;
  while (size <= needed) size *= 2;
  const bigger = new (array.constructor as new (n: number) => T)(size);
  bigger.set(array);
  return bigger;
}

/**
 * The test that an array column shares an element with an array parameter, written for how
 * PostgreSQL runs it. `column && param` can use the column's GIN index, 1–3 ms for a few elements
 * on the benchmark's 1M archive; but once the planner expects many rows it scans the table instead,
 * and `&&` then compares every element of each row's array with every element of the parameter:
 * 705 labels against the 27,284 names of a 30k archive took 241 ms, 5,000 against the 1M
 * archive's names 2.0 s, where the same rows found with a hashed `= ANY` took 20–24 and 39–64 ms.
 */

/** Parameters of up to this many elements are tested with `&&`; on a scan that is as fast as hashing them (PostgreSQL hashes an `= ANY` array from 9 elements). */
const INDEXED_MOST = 32;

/**
 * SQL that is true when the array column `column` and the array parameter `param` (e.g.
 * `$1::text[]`) share an element, for a parameter of `elements` elements: `&&` for a few, else
 * each of the column's elements looked up in the parameter hashed. The two agree on every row
 * (nulls included: neither matches a null element, and a null column matches nothing).
 */
export function sharesElement(column: string, param: string, elements: number): string {
  return elements <= INDEXED_MOST ? `${column} && ${param}` : `EXISTS (SELECT 1 FROM unnest(${column}) AS element WHERE element = ANY(${param}))`;
}

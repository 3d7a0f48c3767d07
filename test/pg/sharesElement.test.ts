import { describe, expect, it } from 'vitest';
import { arrayLiteral } from '../../src/pg/copy.js';
import { sharesElement } from '../../src/pg/sharesElement.js';
import { freshDatabase, useEmbeddedServer } from './database.js';

const server = useEmbeddedServer();

/** Labels as the clustering stores them (skeletons of surnames), and other texts. */
const LABELS = ['بتن', 'ترمب', 'لفرف', 'ظرف', 'شمخني', 'عبدله', 'روحني', 'ab', 'cn', '73', 'نتنهو', 'مركل', 'جنسن', 'سلمن', 'اردجن', 'ه'];
/** Every label, and invented ones no row holds, enough to pass the few `&&` is kept for. */
const POOL = [...LABELS, ...Array.from({ length: 60 }, (_, k) => `غائب${k}`)];

describe('sharesElement', () => {
  it('selects the rows sharing an element with the parameter, as `&&` does, for a few elements and for many', async () => {
    const { pool } = await freshDatabase(server());
    // One row per pair of labels, a row with a null element, an empty array and a null array.
    const rows = LABELS.flatMap((a, i) => LABELS.slice(i).map((b) => (a === b ? [a] : [a, b])));
    const client = await pool.connect();
    try {
      await client.query('CREATE TEMP TABLE names (id integer, labels text[])');
      await client.query('INSERT INTO names SELECT k, l::text[] FROM unnest($1::text[]) WITH ORDINALITY AS u(l, k)', [rows.map((r) => arrayLiteral(r))]);
      await client.query("INSERT INTO names VALUES (-1, ARRAY['ترمب', NULL]), (-2, '{}'), (-3, NULL)");
      const ids = async (where: string, parameter: string[]) => (await client.query<{ id: number }>(`SELECT id FROM names WHERE ${where} ORDER BY id`, [parameter])).rows.map((r) => r.id);
      let seed = 7;
      const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
      for (const size of [0, 1, 2, 5, 31, 32, 33, 40, 76]) {
        for (let round = 0; round < 4; round++) {
          const parameter = [...POOL].sort(() => random() - 0.5).slice(0, size);
          const expected = await ids('labels && $1::text[]', parameter);
          expect(await ids(sharesElement('labels', '$1::text[]', parameter.length), parameter), `${size} elements`).toEqual(expected);
        }
      }
      // Many elements holding one label: the rows with it, the one with a null element among them.
      const many = [...POOL.slice(LABELS.length), 'ترمب'];
      expect(many.length).toBeGreaterThan(32);
      expect(await ids(sharesElement('labels', '$1::text[]', many.length), many)).toEqual(rows.flatMap((r, k) => (r.includes('ترمب') ? [k + 1] : [])).concat(-1).sort((a, b) => a - b));
    } finally {
      client.release();
    }
  });

  it('keeps `&&` for a few elements, which an index can answer, and hashes many', () => {
    expect(sharesElement('labels', '$2::text[]', 32)).toBe('labels && $2::text[]');
    expect(sharesElement('labels', '$2::text[]', 33)).not.toContain('&&');
  });
});

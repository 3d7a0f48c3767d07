import { describe, expect, it } from 'vitest';
import { copyBinaryInto } from '../../src/pg/copyBinary.js';
import { freshDatabase, useEmbeddedServer } from './database.js';

const server = useEmbeddedServer();

describe('copyBinaryInto', () => {
  it('writes texts, numbers and arrays of numbers in binary exactly, big numbers and empty arrays included', async () => {
    const { pool } = await freshDatabase(server());
    await pool.query('CREATE TABLE b (term text, block bigint, found integer, passages bigint[], tfs smallint[], lengths integer[])');
    const big = 2 ** 40 + 7;
    const rows = [
      ['قال', big, 3, Float64Array.from([1, big, 2 ** 53 - 1]), [1, 255, 32767], [0, 70000, 2 ** 31 - 1]],
      ['', 1, 0, [], [], []],
      ['a"b\\c\n{d}', 0, -5, [-1], [-2], [-3]],
    ] as const;
    const client = await pool.connect();
    try {
      await copyBinaryInto(client, 'b', [['term', 'text'], ['block', 'bigint'], ['found', 'integer'], ['passages', 'bigint[]'], ['tfs', 'smallint[]'], ['lengths', 'integer[]']], rows);
    } finally {
      client.release();
    }
    const stored = await pool.query("SELECT term, block::text, found, passages::text[], tfs, lengths FROM b ORDER BY found DESC");
    expect(stored.rows).toEqual([
      { term: 'قال', block: String(big), found: 3, passages: ['1', String(big), String(2 ** 53 - 1)], tfs: [1, 255, 32767], lengths: [0, 70000, 2 ** 31 - 1] },
      { term: '', block: '1', found: 0, passages: [], tfs: [], lengths: [] },
      { term: 'a"b\\c\n{d}', block: '0', found: -5, passages: ['-1'], tfs: [-2], lengths: [-3] },
    ]);
  });
});

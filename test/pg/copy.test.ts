import { describe, expect, it } from 'vitest';
import { copyInto } from '../../src/pg/copy.js';
import { freshDatabase, useEmbeddedServer } from './database.js';

const server = useEmbeddedServer();

describe('copyInto', () => {
  it('writes texts, numbers, nulls, bytes and arrays exactly, whatever characters they hold', async () => {
    const { pool } = await freshDatabase(server());
    await pool.query('CREATE TABLE t (n bigint, body text, terms text[], counts integer[], meta jsonb, bytes bytea)');
    const rows = [
      [1, 'سطر أول\nوسطر\tثان\r\\ وخط مائل', ['a"b', 'c\\d', 'e,f', '{g}', 'h i', 'NULL', '', 'قال'], [1, 2, 300000], JSON.stringify({ k: 'v\n"w"' }), Buffer.from([0, 9, 10, 13, 92, 255])],
      [2, null, [], [], null, null],
      [3, '', ['وحدة'], [0], '{}', new Uint8Array(0)],
    ] as const;
    const client = await pool.connect();
    try {
      await copyInto(client, 't', ['n', 'body', 'terms', 'counts', 'meta', 'bytes'], rows);
    } finally {
      client.release();
    }
    const stored = await pool.query('SELECT n::int, body, terms, counts, meta, bytes FROM t ORDER BY n');
    expect(stored.rows).toEqual([
      { n: 1, body: rows[0][1], terms: rows[0][2], counts: rows[0][3], meta: { k: 'v\n"w"' }, bytes: Buffer.from([0, 9, 10, 13, 92, 255]) },
      { n: 2, body: null, terms: [], counts: [], meta: null, bytes: null },
      { n: 3, body: '', terms: ['وحدة'], counts: [0], meta: {}, bytes: Buffer.alloc(0) },
    ]);
  });
});

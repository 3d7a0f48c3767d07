import { describe, expect, it } from 'vitest';
import { readSnapshot } from '../../src/pg/availability.js';
import { inPoolTransaction, inTransaction } from '../../src/pg/pool.js';
import { ArchiveUnavailableError } from '../../src/engine/search/backend.js';
import { type PackedTable, RowPacker, copyBinaryInto, copyBinaryOut, copyPackedRows } from '../../src/pg/copyBinary.js';
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

describe('copyPackedRows', () => {
  it('writes rows packed on another thread exactly, numbered by the writer, leaving out those it skips', async () => {
    const { pool } = await freshDatabase(server());
    await pool.query('CREATE TABLE r (id bigint, grp integer, body text, meta jsonb, terms text[], tfs smallint[], keys bytea, speaker text, length integer, hidden boolean)');
    const table: PackedTable = {
      name: 'r',
      numbered: [['id', 'bigint'], ['grp', 'integer']],
      columns: [['body', 'text'], ['meta', 'jsonb'], ['terms', 'text[]'], ['tfs', 'smallint[]'], ['keys', 'bytea'], ['speaker', 'text'], ['length', 'integer'], ['hidden', 'boolean']],
    };
    const body = 'قال الرئيس:\t«نعم»\nو\\ما "قال" {x}';
    const packer = new RowPacker(table);
    packer.add([body, JSON.stringify({ source: 'وكالة', n: 1 }), ['قال', 'a"b', '{,}', 'NULL', ''], Uint8Array.from([1, 255]), Uint8Array.from([0, 7, 255]), 'عباس عراقجي', 42, true]);
    packer.add(['stored meanwhile', null, [], [], new Uint8Array(0), null, 0, null]);
    packer.add(['', null, [], [], new Uint8Array(0), null, -1, false]);
    const packed = packer.finish();
    // As the analysis thread posts it: the buffers moved, not copied.
    const posted = structuredClone(packed, { transfer: [packed.bytes.buffer, packed.starts.buffer] });
    const big = 2 ** 40 + 3;
    const numbers = [[big, 7], null, [5, -2]];
    const client = await pool.connect();
    try {
      await copyPackedRows(client, table, posted, numbers.length, (row) => numbers[row]!);
    } finally {
      client.release();
    }
    const stored = await pool.query('SELECT id::text, grp, body, meta, terms, tfs, keys, speaker, length, hidden FROM r ORDER BY length DESC');
    expect(stored.rows).toEqual([
      { id: String(big), grp: 7, body, meta: { source: 'وكالة', n: 1 }, terms: ['قال', 'a"b', '{,}', 'NULL', ''], tfs: [1, 255], keys: Buffer.from([0, 7, 255]), speaker: 'عباس عراقجي', length: 42, hidden: true },
      { id: '5', grp: -2, body: '', meta: null, terms: [], tfs: [], keys: Buffer.alloc(0), speaker: null, length: -1, hidden: false },
    ]);
  });
});

describe('RowPacker', () => {
  it('packs the same bytes whatever room it is given: none, too little (it grows, row after row) or plenty', () => {
    const table: PackedTable = { name: 'r', numbered: [['id', 'bigint']], columns: [['body', 'text'], ['terms', 'text[]'], ['length', 'integer']] };
    const body = 'قال وزير الخارجية الإيراني عباس عراقجي إن «التعاون العسكري مع روسيا مستمر». '.repeat(400);
    const rows = Array.from({ length: 40 }, (_, k) => [body.slice(k), ['قال', 'وزير', String(k)], k] as const);
    const pack = (room?: number) => {
      const packer = new RowPacker(table, room);
      for (const row of rows) packer.add(row);
      const { bytes, starts } = packer.finish();
      return { bytes: Buffer.from(bytes).toString('base64'), starts: [...starts] };
    };
    const packed = pack();
    expect(packed.starts).toHaveLength(rows.length + 1);
    // Megabytes: a packer given no room doubles its first 64 KB several times.
    expect(Buffer.from(packed.bytes, 'base64').length).toBeGreaterThan(1 << 21);
    for (const room of [0, 1000, 3 * body.length * rows.length + 4096]) expect(pack(room)).toEqual(packed);
  });
});

describe('copyBinaryOut', () => {
  it('reads every byte of a bytea as stored, numbers big-endian and nulls, with its values passed as parameters', async () => {
    const { pool } = await freshDatabase(server());
    await pool.query('CREATE TABLE p (term text, block bigint, packed bytea)');
    const everyByte = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const terms = ['قال', 'x', "it's", 'a"b\\c', 'NULL', '{,}'];
    await pool.query('INSERT INTO p SELECT t, o, CASE o WHEN 1 THEN NULL WHEN 2 THEN $2::bytea ELSE $3::bytea END FROM unnest($1::text[]) WITH ORDINALITY AS u(t, o)', [terms, everyByte, Buffer.alloc(0)]);
    const read = (values: Parameters<typeof copyBinaryOut>[2]) =>
      inPoolTransaction(pool, async (client) =>
        (await copyBinaryOut(client, "SELECT term, block, packed FROM p WHERE term = ANY($1::text[]) AND block = ANY($2::bigint[]) AND $3 = 'on' ORDER BY block", values)).map(([term, block, packed]) => [
          term!.toString(),
          Number(block!.readBigInt64BE(0)),
          packed ? [...packed] : null,
        ]),
      );
    const all = terms.map((_, k) => k + 1);
    expect(await read([terms, all, 'on'])).toEqual(terms.map((term, k) => [term, k + 1, k === 0 ? null : k === 1 ? [...everyByte] : []]));
    expect(await read([['قال', 'NULL'], Float64Array.from([1, 5, 2 ** 40 + 7]), 'on'])).toEqual([['قال', 1, null], ['NULL', 5, []]]);
    // A value that would end the statement if it were pasted into it is only a value.
    expect(await read([['x'], [2], "on'); DROP TABLE p; --"])).toEqual([]);
    expect(await read([['x'], [2], 'off'])).toEqual([]);
    expect((await pool.query('SELECT count(*)::int AS n FROM p')).rows[0].n).toBe(terms.length);
  });

  it('reads ten values and more, and refuses a query reading a value it was not given', async () => {
    const { pool } = await freshDatabase(server());
    const values = Array.from({ length: 12 }, (_, k) => k * 10);
    const sum = Array.from({ length: 12 }, (_, k) => `$${k + 1}::integer`).join(' + ');
    const rows = await inPoolTransaction(pool, (client) => copyBinaryOut(client, `SELECT ${sum}`, values));
    expect(rows.map(([total]) => total!.readInt32BE(0))).toEqual([660]);
    await expect(inPoolTransaction(pool, (client) => copyBinaryOut(client, 'SELECT $1::integer + $2::integer', [1]))).rejects.toThrow('the query reads $2, and 1 values were given');
    await expect(inPoolTransaction(pool, (client) => copyBinaryOut(client, 'SELECT $1::integer'))).rejects.toThrow('reads $1, and 0 values');
  });

  it('fails with the server\'s error when the statement fails midway, and the connection answers after', async () => {
    const { pool } = await freshDatabase(server());
    const client = await pool.connect();
    try {
      await expect(inTransaction(client, () => copyBinaryOut(client, 'SELECT 1 / (g - $1::integer) FROM generate_series(1, 100000) AS g', [90_000]))).rejects.toThrow('division by zero');
      expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    } finally {
      client.release();
    }
  });
});

describe('copyBinaryOut across a server restart', () => {
  it('settles every statement: its rows, or an error saying the connection failed (none left waiting)', async () => {
    const { pool } = await freshDatabase(server());
    pool.on('error', () => {}); // idle connections cut by the restart
    await pool.query("CREATE TABLE big AS SELECT g AS id, convert_to(repeat(md5(g::text), 40), 'UTF8') AS bytes FROM generate_series(1, 20000) AS g");
    const outcomes = { rows: 0, failures: 0, otherErrors: [] as string[] };
    let restarted = false;
    // Six readers, each in a snapshot as `/ask` reads, as fast as they can until a second after the server is back from its third restart.
    const reader = async () => {
      for (let stopAt = Infinity; performance.now() < stopAt; ) {
        if (restarted && stopAt === Infinity) stopAt = performance.now() + 1000;
        try {
          const rows = await readSnapshot(pool, (client) => copyBinaryOut(client, 'SELECT id, bytes FROM big WHERE id > $1::integer', [100]));
          expect(rows).toHaveLength(19_900);
          outcomes.rows++;
        } catch (error) {
          if (error instanceof ArchiveUnavailableError) outcomes.failures++;
          else outcomes.otherErrors.push(String(error));
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }
    };
    const readers = Array.from({ length: 6 }, reader);
    for (let restart = 0; restart < 3; restart++) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await server().restart();
    }
    restarted = true;
    let waiting: NodeJS.Timeout | undefined;
    const stuck = new Promise<'stuck'>((resolve) => (waiting = setTimeout(() => resolve('stuck'), 20_000)));
    expect(await Promise.race([Promise.all(readers).then(() => 'settled'), stuck])).toBe('settled');
    clearTimeout(waiting);
    expect(outcomes.otherErrors).toEqual([]);
    expect(outcomes.rows).toBeGreaterThan(20);
    expect(outcomes.failures).toBeGreaterThan(0);
  }, 60_000);
});

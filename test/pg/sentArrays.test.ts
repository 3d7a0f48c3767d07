import type pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { sentIntegers } from '../../src/pg/sentArrays.js';
import { freshDatabase, useEmbeddedServer } from './database.js';

const server = useEmbeddedServer();

let pool: pg.Pool;
beforeAll(async () => {
  pool = (await freshDatabase(server())).pool;
});

/** The array as PostgreSQL sends it in binary, read back. */
async function roundTrip(literal: string, type: string): Promise<number[]> {
  const { rows } = await pool.query<{ sent: Buffer }>(`SELECT array_send($1::${type}[]) AS sent`, [literal]);
  return Array.from(sentIntegers(rows[0]!.sent));
}

describe('sentIntegers', () => {
  it.each([
    ['bigint', '{1,4096,6956242,9007199254740991,-3}', [1, 4096, 6956242, Number.MAX_SAFE_INTEGER, -3]],
    ['integer', '{0,2147483647,-2147483648,17}', [0, 2147483647, -2147483648, 17]],
    ['smallint', '{1,255,32767,-32768}', [1, 255, 32767, -32768]],
    ['bigint', '{}', []],
  ])('reads a %s array %s exactly', async (type, literal, expected) => {
    expect(await roundTrip(literal, type)).toEqual(expected);
  });

  it('refuses an array it cannot read rather than misreading it', async () => {
    await expect(roundTrip('{{1,2},{3,4}}', 'bigint')).rejects.toThrow(/one-dimensional/);
    await expect(roundTrip('{1,NULL}', 'integer')).rejects.toThrow(/without nulls/);
    await expect(roundTrip('{a}', 'text')).rejects.toThrow(/integer/);
  });
});

import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { localLimits, type Limits } from '../../src/discord/limiter.js';
import { silentLogger } from '../../src/engine/index.js';
import { sharedLimits, type SharedLimitSettings } from '../../src/pg/limits.js';
import { createPool } from '../../src/pg/pool.js';
import { readerDatabase, useEmbeddedServer } from './database.js';

const server = useEmbeddedServer();

const pools: pg.Pool[] = [];

/** Two bot processes' limits on a fresh database: each its own pool, connected as the read-only role as a bot is. */
async function twoProcesses(settings: SharedLimitSettings): Promise<[Limits, Limits]> {
  const url = await readerDatabase(server());
  const one = () => {
    const pool = createPool(url, silentLogger, 4);
    pools.push(pool);
    return sharedLimits(pool, settings, localLimits(settings.perWindow, settings.maxConcurrent), silentLogger);
  };
  return [one(), one()];
}

describe('rate limit and concurrency cap shared through PostgreSQL', () => {
  afterAll(async () => {
    await Promise.all(pools.splice(0).map((p) => p.end()));
  });

  it('counts a user’s commands on both processes together, and other users apart', async () => {
    const [a, b] = await twoProcesses({ perWindow: 3, maxConcurrent: 8 });
    const waits = [await a.rate.take('u1'), await b.rate.take('u1'), await a.rate.take('u1'), await b.rate.take('u1')];
    expect(waits.slice(0, 3)).toEqual([0, 0, 0]);
    expect(waits[3]).toBeGreaterThan(0);
    expect(waits[3]).toBeLessThanOrEqual(60_000);
    expect(await a.rate.take('u2')).toBe(0);
  });

  it('lets exactly the limit through when both processes take at the same moment', async () => {
    const [a, b] = await twoProcesses({ perWindow: 5, maxConcurrent: 8 });
    const waits = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).rate.take('racer')));
    expect(waits.filter((w) => w === 0)).toHaveLength(5);
  });

  it('gives the cap’s slots to both processes together, never more at once, and again once released', async () => {
    const [a, b] = await twoProcesses({ perWindow: 100, maxConcurrent: 3 });
    const grants = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).slots.acquire(0)));
    const held = grants.filter((g) => g !== null);
    expect(held).toHaveLength(3);
    expect(await a.slots.acquire(50)).toBeNull();
    const waiting = b.slots.acquire(5000);
    held[0]!();
    const next = await waiting;
    expect(next).not.toBeNull();
    for (const release of [...held.slice(1), next!]) release();
    await expect.poll(async () => (await a.slots.acquire(0)) !== null).toBe(true);
  });

  it('frees the slot of a process that died holding it once its lease runs out', async () => {
    const [a, b] = await twoProcesses({ perWindow: 100, maxConcurrent: 1, leaseMs: 300 });
    expect(await a.slots.acquire(0)).not.toBeNull(); // never released: its process "died"
    expect(await b.slots.acquire(0)).toBeNull();
    expect(await b.slots.acquire(5000)).not.toBeNull();
  });

  it('keeps the read-only role from writing the tables except through the functions', async () => {
    const client = new pg.Client(await readerDatabase(server()));
    await client.connect();
    try {
      await expect(client.query("INSERT INTO rate_limit_uses VALUES ('x', now())")).rejects.toThrow(/permission denied/);
      await expect(client.query('DELETE FROM command_slots')).rejects.toThrow(/permission denied/);
    } finally {
      await client.end();
    }
  });

  it('limits in the process while the database cannot be reached', async () => {
    const pool = createPool('postgresql://nobody:nothing@127.0.0.1:1/none', silentLogger, 1);
    pools.push(pool);
    const limits = sharedLimits(pool, { perWindow: 2, maxConcurrent: 1 }, localLimits(2, 1), silentLogger);
    expect([await limits.rate.take('u'), await limits.rate.take('u')]).toEqual([0, 0]);
    expect(await limits.rate.take('u')).toBeGreaterThan(0);
    const release = await limits.slots.acquire(0);
    expect(release).not.toBeNull();
    expect(await limits.slots.acquire(0)).toBeNull();
    release!();
    expect(await limits.slots.acquire(0)).not.toBeNull();
  });
});

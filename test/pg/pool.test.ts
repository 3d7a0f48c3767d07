import { type Socket, createServer } from 'node:net';
import type pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/engine/options.js';
import { ArchiveUnavailableError } from '../../src/engine/search/backend.js';
import { readSnapshot } from '../../src/pg/availability.js';
import { copyBinaryOut } from '../../src/pg/copyBinary.js';
import { createPool } from '../../src/pg/pool.js';
import { freshDatabase, useEmbeddedServer } from './database.js';

const server = useEmbeddedServer();

/**
 * A TCP relay to the database that can go silent: while frozen it passes nothing either way and
 * closes nothing, as a connection whose far end vanished (a half-open connection) behaves.
 */
async function freezableRelay(target: URL): Promise<{ url: (database: URL) => string; freeze(): void; thaw(): void; close(): Promise<void> }> {
  let frozen = false;
  const sockets = new Set<Socket>();
  const relay = createServer((client) => {
    const upstream = new (client.constructor as typeof Socket)();
    upstream.connect(Number(target.port), target.hostname);
    for (const [from, to] of [[client, upstream], [upstream, client]] as const) {
      sockets.add(from);
      from.on('data', (chunk) => frozen || to.write(chunk));
      from.on('close', () => to.destroy());
      from.on('error', () => to.destroy());
    }
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const port = (relay.address() as { port: number }).port;
  return {
    url: (database) => Object.assign(new URL(database.href), { host: `127.0.0.1:${port}` }).href,
    freeze: () => (frozen = true),
    thaw: () => (frozen = false),
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => relay.close(() => resolve()));
    },
  };
}

const closing: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const close of closing.splice(0).reverse()) await close();
});

/** A fresh database behind a freezable relay, and a reader's pool of one connection through it that waits 300 ms for an answer. */
async function behindRelay() {
  const { url } = await freshDatabase(server());
  const relay = await freezableRelay(new URL(url));
  closing.push(() => relay.close());
  const pool = createPool(relay.url(new URL(url)), silentLogger, 1, { statementTimeoutMs: 10_000, readTimeoutMs: 300 });
  closing.push(() => pool.end());
  return { relay, pool };
}

describe("a reader's pool: its statements bounded, its dead connections given up", () => {
  it('a statement running past the statement timeout is the archive unavailable, and the pool answers the next one', async () => {
    const { url } = await freshDatabase(server());
    const pool = createPool(url, silentLogger, 1, { statementTimeoutMs: 200, readTimeoutMs: 10_000 });
    closing.push(() => pool.end());
    const started = performance.now();
    await expect(readSnapshot(pool, (client) => client.query('SELECT pg_sleep(5)'))).rejects.toBeInstanceOf(ArchiveUnavailableError);
    expect(performance.now() - started).toBeLessThan(4000);
    expect((await readSnapshot(pool, (client) => client.query('SELECT 41 + 1 AS n'))).rows).toEqual([{ n: 42 }]);
  });

  it('a connection that stops answering mid-question is the archive unavailable within the read timeout, for a query and a binary COPY alike; the next question gets a new connection', async () => {
    const { relay, pool } = await behindRelay();
    expect((await readSnapshot(pool, (client) => client.query('SELECT 1 AS n'))).rows).toEqual([{ n: 1 }]);
    const asks: Array<(client: pg.ClientBase) => Promise<unknown>> = [(client) => client.query('SELECT 1 AS n'), (client) => copyBinaryOut(client, 'SELECT 7')];
    for (const ask of asks) {
      const started = performance.now();
      // Frozen after BEGIN: the statement goes nowhere and no answer comes.
      const asked = readSnapshot(pool, async (client) => {
        relay.freeze();
        return ask(client);
      });
      await expect(asked).rejects.toBeInstanceOf(ArchiveUnavailableError);
      expect(performance.now() - started).toBeLessThan(3000);
      relay.thaw();
      expect((await readSnapshot(pool, (client) => client.query('SELECT 2 AS n'))).rows).toEqual([{ n: 2 }]);
    }
  });

  it('a connection that goes silent after a failed statement fails the rollback too, and is not given back to the pool', async () => {
    const { relay, pool } = await behindRelay();
    // The division fails; the connection goes silent before the rollback.
    const asked = readSnapshot(pool, async (client) => {
      const failed: unknown = await client.query('SELECT 1 / 0').catch((error: unknown) => error);
      relay.freeze();
      throw failed;
    });
    await expect(asked).rejects.toBeInstanceOf(ArchiveUnavailableError);
    relay.thaw();
    expect((await readSnapshot(pool, (client) => client.query('SELECT 3 AS n'))).rows).toEqual([{ n: 3 }]);
  });
});

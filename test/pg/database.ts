import { afterAll, beforeAll } from 'vitest';
import type pg from 'pg';
import { silentLogger } from '../../src/engine/options.js';
import { migrate } from '../../src/pg/migrate.js';
import { createPool } from '../../src/pg/pool.js';
import { type EmbeddedServer, startEmbeddedServer } from '../../scripts/pg/embeddedServer.js';
import { createReaderDatabase } from '../../scripts/pg/readerDatabase.js';

/** A real PostgreSQL server for one test file: started before its tests, stopped after them. */
export function useEmbeddedServer(): () => EmbeddedServer {
  let server: EmbeddedServer | undefined;
  beforeAll(async () => {
    server = await startEmbeddedServer();
  });
  afterAll(async () => {
    await Promise.all(pools.splice(0).map((pool) => pool.end()));
    await server?.stop();
  });
  return () => {
    if (!server) throw new Error('the embedded PostgreSQL server has not started');
    return server;
  };
}

let databases = 0;
/** A database name no other test of this process uses. */
const databaseName = () => `test_${process.pid}_${++databases}`;
/** The pools opened by `freshDatabase`, ended before the server stops. */
const pools: pg.Pool[] = [];

/** A fresh database on the server, migrated, with a pool connected as the superuser (ended with the file). */
export async function freshDatabase(server: EmbeddedServer): Promise<{ name: string; url: string; pool: pg.Pool }> {
  const name = databaseName();
  await server.createDatabase(name);
  const pool = createPool(server.url(name), silentLogger);
  pools.push(pool);
  const client = await pool.connect();
  await migrate(client, { logger: silentLogger }).finally(() => client.release());
  return { name, url: server.url(name), pool };
}

/** Keeps autovacuum off every table of the pool's database, for tests of what analyses them (autovacuum could otherwise analyse one first, at any time). */
export async function withoutAutovacuum(pool: pg.Pool): Promise<void> {
  await pool.query(`DO $$ DECLARE t text; BEGIN
    FOR t IN SELECT format('%I.%I', schemaname, tablename) FROM pg_tables WHERE schemaname = current_schema() LOOP
      EXECUTE format('ALTER TABLE %s SET (autovacuum_enabled = off)', t);
    END LOOP; END $$`);
}

/** The read-only role the bot connects as, in the tests. */
const READER = { name: 'test_reader', password: 'test-reader-password' };

/**
 * A fresh migrated database, and its URL for the read-only role a bot process connects as; with
 * `corpusDir`, the folder's articles ingested first (a bot on PostgreSQL answers from them).
 */
export function readerDatabase(server: EmbeddedServer, corpusDir?: string): Promise<string> {
  return createReaderDatabase(server, databaseName(), READER, corpusDir);
}

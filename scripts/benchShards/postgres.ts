/** The sharded load on the archive and shared limits in PostgreSQL (embedded), restarted when half the interactions are sent. */
import { startEmbeddedServer } from '../pg/embeddedServer.js';
import { createReaderDatabase } from '../pg/readerDatabase.js';
import { runShardLoad, type ShardLoad, type ShardLoadResult } from './load.js';

const READER = { name: 'shards_reader', password: 'shards-reader-password' };

/** Runs `load` with every bot process connected to a fresh, migrated database as the read-only role, restarting the server midway. */
export async function restartedPostgresLoad(load: ShardLoad, log: (line: string) => void = () => {}): Promise<ShardLoadResult> {
  const server = await startEmbeddedServer();
  try {
    // The bots answer from the archive in this database, as a sharded bot on PostgreSQL does.
    const url = await createReaderDatabase(server, 'shards', READER, load.corpusDir);
    const midway = async () => {
      const began = performance.now();
      await server.restart();
      log(`PostgreSQL restarted in ${Math.round(performance.now() - began)} ms`);
    };
    return await runShardLoad({ ...load, env: { ...load.env, DATABASE_URL: url }, midway });
  } finally {
    await server.stop();
  }
}

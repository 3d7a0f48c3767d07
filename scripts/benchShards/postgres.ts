/** The sharded load on the archive and shared limits in PostgreSQL (embedded), restarted when half the interactions are sent. */
import { silentLogger } from '../../src/engine/index.js';
import { runIngest } from '../../src/pg/commands.js';
import { migrate } from '../../src/pg/migrate.js';
import { createPool } from '../../src/pg/pool.js';
import { startEmbeddedServer } from '../pg/embeddedServer.js';
import { runShardLoad, type ShardLoad, type ShardLoadResult } from './load.js';

const READER = { name: 'shards_reader', password: 'shards-reader-password' };

/** Runs `load` with every bot process connected to a fresh, migrated database as the read-only role, restarting the server midway. */
export async function restartedPostgresLoad(load: ShardLoad, log: (line: string) => void = () => {}): Promise<ShardLoadResult> {
  const server = await startEmbeddedServer();
  try {
    await server.createDatabase('shards');
    const owner = createPool(server.url('shards'), silentLogger, 1);
    const client = await owner.connect();
    await migrate(client, { reader: READER, logger: silentLogger }).finally(() => client.release());
    await owner.end();
    // The bots answer from the archive in this database, as a sharded bot on PostgreSQL does.
    if ((await runIngest([load.corpusDir], { DATABASE_URL: server.url('shards') }, silentLogger)) !== 0) throw new Error(`ingesting ${load.corpusDir} failed`);
    const url = new URL(server.url('shards'));
    url.username = READER.name;
    url.password = READER.password;
    const midway = async () => {
      const began = performance.now();
      await server.restart();
      log(`PostgreSQL restarted in ${Math.round(performance.now() - began)} ms`);
    };
    return await runShardLoad({ ...load, env: { ...load.env, DATABASE_URL: url.toString() }, midway });
  } finally {
    await server.stop();
  }
}

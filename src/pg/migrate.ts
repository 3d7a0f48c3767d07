import { readdir, readFile } from 'node:fs/promises';
import type pg from 'pg';
import type { Logger } from '../engine/index.js';
import { fillHidden } from './speakerListing.js';
import { fillTermKeys } from './termKeysFill.js';
import { inTransaction } from './pool.js';

/** The folder of versioned migrations: `NNN_name.sql`, applied in order of NNN, each once. */
const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);

/** Held while migrating, so two `db:migrate` runs never apply the same migration twice. */
const MIGRATION_LOCK = 0x6e657773_01;

/** What a migration does to the rows already stored beyond its SQL, in its transaction, by version. */
const DATA_STEPS: Record<number, (client: pg.ClientBase, logger: Logger) => Promise<void>> = {
  9: fillTermKeys,
  // Migration 014's step moved to 021, which moved what it marks to another table.
  21: fillHidden,
};

/** A migration file: its version (NNN), its name and its SQL. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The migrations shipped with the program, in version order. */
export async function shippedMigrations(dir: URL = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f)).sort();
  return Promise.all(files.map(async (file) => ({ version: Number(file.slice(0, 3)), name: file, sql: await readFile(new URL(file, dir), 'utf8') })));
}

/** A role `db:migrate` creates or updates (its password is set every run) and grants. */
export interface RoleSpec {
  name: string;
  password: string;
}

/** What the migration run is told: the two roles (either may be left out), and where to log. */
export interface MigrateOptions {
  reader?: RoleSpec;
  writer?: RoleSpec;
  logger: Logger;
  migrations?: Migration[];
}

/**
 * Applies the migrations not yet applied (each in its own transaction, recorded in
 * `schema_migrations`), then creates or updates the read-only and writer roles and grants them
 * what they need on every table. Run by `npm run db:migrate` as the database's owner, never by the bot.
 * Returns the names of the migrations applied now.
 */
export async function migrate(client: pg.ClientBase, options: MigrateOptions): Promise<string[]> {
  const migrations = options.migrations ?? (await shippedMigrations());
  const applied: string[] = [];
  await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
  for (const migration of migrations) {
    await inTransaction(client, async () => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const done = await client.query('SELECT 1 FROM schema_migrations WHERE version = $1', [migration.version]);
      if (done.rowCount) return;
      await client.query(migration.sql);
      await DATA_STEPS[migration.version]?.(client, options.logger);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      applied.push(migration.name);
      options.logger.info({ migration: migration.name }, 'migration applied');
    });
  }
  if (options.reader) await grantRole(client, options.reader, 'SELECT', options.logger);
  if (options.writer) await grantRole(client, options.writer, await writerPrivileges(client), options.logger);
  return applied;
}

/**
 * What the writer role may do on every table: write rows and, from PostgreSQL 17 (which has the
 * privilege), MAINTAIN, so an ingestion run can analyse the tables it changed (`analyseChangedTables`).
 */
async function writerPrivileges(client: pg.ClientBase): Promise<string> {
  const version = await client.query<{ server_version_num: string }>('SHOW server_version_num');
  return Number(version.rows[0]!.server_version_num) >= 170000 ? 'SELECT, INSERT, UPDATE, DELETE, MAINTAIN' : 'SELECT, INSERT, UPDATE, DELETE';
}

/**
 * Creates the role (or sets its password), lets it connect and use the schema, and grants it
 * `privileges` on every table there now and later. DDL takes no bind parameters, so each statement
 * is built by the server from parameters with `format(%I, %L)`, which quotes them.
 */
async function grantRole(client: pg.ClientBase, role: RoleSpec, privileges: string, logger: Logger): Promise<void> {
  const exists = (await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role.name])).rowCount;
  const statements = [
    exists ? 'ALTER ROLE %I LOGIN PASSWORD %L' : 'CREATE ROLE %I LOGIN PASSWORD %L',
    'GRANT CONNECT ON DATABASE %3$I TO %1$I',
    'GRANT USAGE ON SCHEMA public TO %1$I',
    `GRANT ${privileges} ON ALL TABLES IN SCHEMA public TO %1$I`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ${privileges} ON TABLES TO %1$I`,
  ];
  for (const template of statements) {
    const built = await client.query<{ sql: string }>('SELECT format($1, $2::text, $3::text, current_database()) AS sql', [template, role.name, role.password]);
    await client.query(built.rows[0]!.sql);
  }
  logger.info({ role: role.name, privileges }, exists ? 'role updated' : 'role created');
}

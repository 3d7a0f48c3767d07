import dotenv from 'dotenv';
import { z } from 'zod';

const Snowflake = z.string().regex(/^\d{17,20}$/, 'must be a Discord id (17–20 digits)');
const emptyAsAbsent = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(emptyAsAbsent, schema.optional());
/** A PostgreSQL role name as the migration creates it: lower-case letters, digits and `_`, not starting with a digit. */
const RoleName = z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'lower-case letters, digits and _ (up to 63), not starting with a digit');
const positiveInt = (fallback: number) => z.preprocess(emptyAsAbsent, z.coerce.number().int().min(1).default(fallback));

/** `SHARD_IDS`: shard ids and ranges, `0,1` or `0-3,8`, expanded to distinct ids in ascending order. */
const ShardIds = z
  .string()
  .regex(/^\s*\d+(\s*-\s*\d+)?(\s*,\s*\d+(\s*-\s*\d+)?)*\s*$/, 'a list of shard ids and ranges such as 0,1 or 0-3')
  .transform((text, ctx) => {
    const ids = new Set<number>();
    for (const part of text.split(',')) {
      const [first = 0, last = first] = part.split('-').map((n) => Number.parseInt(n, 10));
      if (last < first) ctx.addIssue({ code: 'custom', message: `the range ${part.trim()} runs backwards` });
      for (let id = first; id <= last; id++) ids.add(id);
    }
    return [...ids].sort((a, b) => a - b);
  });

/** The environment the program runs with (CONTRACTS §3), validated once at start-up. */
export const Config = z.object({
  DISCORD_TOKEN: optional(z.string().min(20, 'looks too short to be a bot token')),
  DISCORD_APPLICATION_ID: optional(Snowflake),
  DISCORD_GUILD_ID: optional(Snowflake),
  DISCORD_API_URL: optional(z.url('must be a URL such as https://discord.com/api')),
  CORPUS_DIR: z.preprocess(emptyAsAbsent, z.string().default('corpus')),
  INDEX_CACHE_DIR: z.preprocess(emptyAsAbsent, z.string().default('.cache')),
  LOG_LEVEL: z.preprocess(emptyAsAbsent, z.enum(['debug', 'info', 'warn', 'error']).default('info')),
  /** Commands one user may run per minute before being asked to slow down. */
  RATE_LIMIT_PER_MINUTE: positiveInt(20),
  /** Commands answered at the same time, across all users; the rest wait their turn. */
  MAX_CONCURRENT_COMMANDS: positiveInt(8),
  /** Port of the optional `/healthz` + `/metrics` listener; absent: no listener. */
  HEALTH_PORT: optional(z.coerce.number().int().min(1).max(65535)),
  /** Watch the corpus folder and reload the archive a few seconds after files change (`true`/`false`). */
  CORPUS_WATCH: z.preprocess(emptyAsAbsent, z.enum(['true', 'false']).default('true')).transform((v) => v === 'true'),
  /** Seconds the bot keeps trying to connect to Discord (from its first attempt) before it exits with status 1. */
  LOGIN_TIMEOUT_SECONDS: positiveInt(300),
  /** `production` (the Docker image): `npm start` without DISCORD_TOKEN is an error unless run at a terminal (`tokenRequired`). */
  NODE_ENV: optional(z.string()),
  /** PostgreSQL for the archive (`postgresql://user:password@host:5432/db`): the bot connects as the read-only role, `npm run ingest` as the writer, `npm run db:migrate` as the owner. */
  DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\/\S+$/, 'must be a PostgreSQL URL such as postgresql://user:password@localhost:5432/news')),
  /** Roles `npm run db:migrate` creates (or updates) and grants: a read-only one for the bot, a writer for ingestion. */
  DATABASE_READER_ROLE: optional(RoleName),
  DATABASE_READER_PASSWORD: optional(z.string().min(8, 'at least 8 characters')),
  DATABASE_WRITER_ROLE: optional(RoleName),
  DATABASE_WRITER_PASSWORD: optional(z.string().min(8, 'at least 8 characters')),
  /** Let feeds and article pages be fetched from loopback, private and link-local addresses (`true`/`false`): tests and intranets only. */
  FEEDS_ALLOW_PRIVATE: z.preprocess(emptyAsAbsent, z.enum(['true', 'false']).default('false')).transform((v) => v === 'true'),
  /** Gateway shards of the whole bot, across all its processes, or `auto` (Discord's recommendation, one process); absent: one shard. */
  SHARD_COUNT: optional(z.union([z.literal('auto'), z.coerce.number('a whole number of shards, or auto').int().min(1, 'at least 1').max(65_536)])),
  /** The shards this process runs (`0,1`, `2-3`); absent: all of SHARD_COUNT. Each process of a sharded bot gets its own. */
  SHARD_IDS: optional(ShardIds),
}).superRefine((config, ctx) => {
  const ids = config.SHARD_IDS;
  // zod runs this even when a field failed; a SHARD_IDS already refused is then still the raw string.
  if (!Array.isArray(ids)) return;
  const count = config.SHARD_COUNT;
  if (typeof count !== 'number') {
    ctx.addIssue({ code: 'custom', path: ['SHARD_IDS'], message: 'needs SHARD_COUNT set to the number of shards across all processes' });
    return;
  }
  const outside = ids.filter((id) => id >= count);
  if (outside.length) ctx.addIssue({ code: 'custom', path: ['SHARD_IDS'], message: `shard ${outside.join(', ')} is not below SHARD_COUNT (${count}); ids run from 0 to ${count - 1}` });
});
export type Config = z.infer<typeof Config>;

/** The discord.js Client options for the shards this process runs: `shards` and `shardCount`, or none for one unsharded connection. */
export function shardOptions(config: Pick<Config, 'SHARD_COUNT' | 'SHARD_IDS'>): { shards?: number[] | 'auto'; shardCount?: number } {
  const count = config.SHARD_COUNT;
  if (count === undefined) return {};
  if (count === 'auto') return { shards: 'auto' };
  return { shards: config.SHARD_IDS ?? Array.from({ length: count }, (_, id) => id), shardCount: count };
}

/**
 * Whether `npm start` without DISCORD_TOKEN must stop (exit 2) instead of opening the local console: in production
 * (NODE_ENV=production) unless a person is at a terminal (stdin and stdout both TTYs; `docker run -it`). There the
 * console would read end-of-input at once and exit 0, and a supervisor would restart it in a silent loop. Elsewhere
 * piping commands into the console (`echo '/ask …' | npm start`) keeps working.
 */
export function tokenRequired(config: Pick<Config, 'NODE_ENV'>, atTerminal: boolean): boolean {
  return config.NODE_ENV === 'production' && !atTerminal;
}

/** A bad environment variable: the message names it and says what is wrong. */
export class ConfigError extends Error {}

/** Reads and validates the environment; throws a ConfigError naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = Config.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new ConfigError(`Invalid environment:\n  ${lines.join('\n  ')}`);
}

/** Reads `.env` into `process.env` when the file exists, silently (stdout stays clean for JSON). */
export function loadDotEnv(): void {
  dotenv.config({ quiet: true });
}

/**
 * The entry points' start: reads `.env` and the environment; on a bad value prints the message
 * naming the variable on stderr, sets exit status 2 and returns null.
 */
export function startupConfig(): Config | null {
  loadDotEnv();
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 2;
    return null;
  }
}

import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadCorpus } from '../engine/corpus/index.js';
import type { BuildTuning, Logger } from '../engine/index.js';
import { isRejection } from '../engine/types.js';
import type { Config } from '../config.js';
import { defaultBatchSize, ingestArticles } from './ingest.js';
import { type RoleSpec, migrate } from './migrate.js';
import { createPool } from './pool.js';
import { compactPostings } from './compactPostings.js';
import { PRUNE_BATCH, absentArticles, pruneArticles } from './prune.js';

/** What the database commands read from the environment. */
export type DatabaseEnv = Pick<Config, 'DATABASE_URL' | 'DATABASE_READER_ROLE' | 'DATABASE_READER_PASSWORD' | 'DATABASE_WRITER_ROLE' | 'DATABASE_WRITER_PASSWORD'>;

/** How the ingest command is used, said with each mistake. */
const INGEST_USAGE = 'npm run ingest -- DIR [--batch N] [--prune [--force]]';

/** `npm run ingest -- DIR [--batch N] [--prune [--force]]`. */
export const IngestArgs = z
  .object({
    dir: z.string({ error: 'the corpus folder to ingest, e.g. npm run ingest -- corpus' }).min(1),
    batch: z.coerce.number({ error: 'a whole number from 1 to 10000' }).int('a whole number from 1 to 10000').min(1, 'a whole number from 1 to 10000').max(10_000, 'a whole number from 1 to 10000').optional(),
    /** Delete the stored articles DIR no longer holds, after ingesting it. */
    prune: z.boolean().default(false),
    /** Prune even when more than half of the stored articles would go. */
    force: z.boolean().default(false),
  })
  .refine((args) => args.prune || !args.force, { path: ['force'], message: 'only goes with --prune' });
export type IngestArgs = z.infer<typeof IngestArgs>;

/** Parses the ingest command line: the arguments, or a message saying which is wrong and why. */
export function parseIngestArgs(args: readonly string[]): IngestArgs | { error: string } {
  try {
    const options = { batch: { type: 'string' }, prune: { type: 'boolean' }, force: { type: 'boolean' } } as const;
    const { values, positionals } = parseArgs({ args: [...args], allowPositionals: true, options });
    if (positionals.length > 1) return { error: `one corpus folder, got ${positionals.length}: ${positionals.join(' ')}` };
    const parsed = IngestArgs.safeParse({ dir: positionals[0], ...values });
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0]!;
    return { error: `${issue.path[0] === 'dir' ? 'DIR' : `--${String(issue.path[0])}`}: ${issue.message}` };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** The database URL, or null after logging what to set. */
function databaseUrl(env: DatabaseEnv, logger: Logger, command: string): string | null {
  if (env.DATABASE_URL) return env.DATABASE_URL;
  logger.error({ command }, 'DATABASE_URL is not set: give the PostgreSQL URL, e.g. postgresql://user:password@localhost:5432/news');
  return null;
}

/** A role and its password from the environment: both, neither (undefined), or an error naming the one missing. */
function roleOf(name: string | undefined, password: string | undefined, variable: string): RoleSpec | undefined | { error: string } {
  if (!name && !password) return undefined;
  if (!name || !password) return { error: `${variable}_${name ? 'PASSWORD' : 'ROLE'} must be set with ${variable}_${name ? 'ROLE' : 'PASSWORD'}` };
  return { name, password };
}

/** `npm run db:migrate`: applies the migrations and sets up the roles; the exit status (0, 1 on a database error, 2 on bad settings). */
export async function runMigrate(env: DatabaseEnv, logger: Logger): Promise<number> {
  const url = databaseUrl(env, logger, 'db:migrate');
  if (!url) return 2;
  const reader = roleOf(env.DATABASE_READER_ROLE, env.DATABASE_READER_PASSWORD, 'DATABASE_READER');
  const writer = roleOf(env.DATABASE_WRITER_ROLE, env.DATABASE_WRITER_PASSWORD, 'DATABASE_WRITER');
  for (const role of [reader, writer]) {
    if (role && 'error' in role) {
      logger.error({ command: 'db:migrate' }, role.error);
      return 2;
    }
  }
  const pool = createPool(url, logger, 1);
  try {
    const client = await pool.connect();
    let applied: string[];
    try {
      applied = await migrate(client, { reader: reader as RoleSpec | undefined, writer: writer as RoleSpec | undefined, logger });
    } finally {
      client.release();
    }
    logger.info({ applied: applied.length }, applied.length ? 'database migrated' : 'database already up to date');
    // Every term's rows merged (in transactions of their own, after the migrations'): all of them
    // after 012, whose archive has a row per term and batch; those a run stopped early left
    // otherwise. Quick when there is nothing to merge.
    const merged = await compactPostings(pool, { onProgress: everyFewSeconds((progress) => logger.info({ ...progress }, 'merging postings rows')) });
    if (merged.terms) logger.info({ ...merged }, 'postings rows merged');
    return 0;
  } catch (error) {
    logger.error({ command: 'db:migrate', err: error instanceof Error ? error.message : String(error) }, 'migration failed');
    return 1;
  } finally {
    await pool.end();
  }
}

/**
 * `npm run ingest -- DIR`: loads the corpus folder and writes it to PostgreSQL, then tells how many
 * stored articles DIR no longer holds, or with `--prune` deletes them (refused, before anything is
 * written, when more than half of the stored articles would go, unless `--force`); the exit status
 * (0, 1 on a database error, 2 on bad input or a refused prune). `tuning`: the program's settings
 * around the analysis (`IngestOptions.tuning`).
 */
export async function runIngest(args: readonly string[], env: DatabaseEnv, logger: Logger, tuning?: BuildTuning): Promise<number> {
  const parsed = parseIngestArgs(args);
  if ('error' in parsed) {
    logger.error({ command: 'ingest' }, `${INGEST_USAGE}: ${parsed.error}`);
    return 2;
  }
  const url = databaseUrl(env, logger, 'ingest');
  if (!url) return 2;
  const corpus = await loadCorpus(parsed.dir);
  for (const problem of corpus.problems) logger.warn({ ...problem }, isRejection(problem) ? 'corpus file skipped' : 'corpus warning');
  if (!corpus.articles.length) {
    logger.error({ dir: parsed.dir, problems: corpus.problems.length }, parsed.prune ? 'no article in that folder: nothing ingested, and --prune refused (it would delete every article)' : 'no article to ingest in that folder');
    return 2;
  }
  // Three connections: at the run's end the speakers' clustering, its read of the quotations and the merge run side by side.
  const pool = createPool(url, logger, 3);
  try {
    const absent = await absentArticles(pool, corpus.articles.map((a) => a.id));
    if (parsed.prune && !parsed.force && absent.numbers.length * 2 > absent.stored) {
      logger.error(
        { dir: parsed.dir, absent: absent.numbers.length, stored: absent.stored },
        `--prune refused: it would delete ${absent.numbers.length} of the ${absent.stored} stored articles, more than half. Nothing was written; if ${parsed.dir} really is the whole archive now, add --force`,
      );
      return 2;
    }
    logger.info({ dir: parsed.dir, articles: corpus.articles.length, batch: parsed.batch ?? defaultBatchSize(corpus.articles.length) }, 'ingesting');
    const counts = await ingestArticles(pool, corpus.articles, {
      batchSize: parsed.batch,
      tuning,
      onProgress: (progress) => logger.info({ ...progress }, 'ingestion progress'),
      onCompaction: everyFewSeconds((progress) => logger.info({ ...progress }, 'merging postings rows')),
    });
    const written = counts.added + counts.replaced > 0;
    logger.info({ ...counts, rejectedFiles: corpus.problems.filter(isRejection).length }, written ? 'ingestion done' : 'ingestion done: every article is stored already with the same content, nothing written');
    if (!absent.numbers.length) return 0;
    if (!parsed.prune) {
      logger.warn({ absent: absent.numbers.length }, `${absent.numbers.length} stored articles are not in ${parsed.dir}: npm run ingest -- ${parsed.dir} --prune would delete them`);
      return 0;
    }
    const removed = await pruneArticles(pool, absent.numbers, parsed.batch ?? PRUNE_BATCH);
    logger.info({ removed }, 'articles no longer in the folder deleted');
    return 0;
  } catch (error) {
    logger.error({ command: 'ingest', err: error instanceof Error ? error.message : String(error) }, 'ingestion stopped: batches written so far are kept, run it again to resume');
    return 1;
  } finally {
    await pool.end();
  }
}

/** `report`, called for the last progress and otherwise at most once every 10 s. */
function everyFewSeconds<T extends { done: number; total: number }>(report: (progress: T) => void): (progress: T) => void {
  let last = performance.now();
  return (progress) => {
    if (progress.done < progress.total && performance.now() - last < 10_000) return;
    last = performance.now();
    report(progress);
  };
}

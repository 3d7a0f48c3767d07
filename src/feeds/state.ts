/**
 * What the feed reader remembers between runs, in `<corpus>/.feeds/` (hidden, so the corpus walker skips it):
 * `state.json`, each feed's conditional-GET validators, schedule, counts and last error (small, written after every
 * fetch), and `articles.json`, each article and item link taken, for deduplication (it grows with the archive, so it
 * is written only when it changes). Each is written atomically (a temporary file renamed over the old one).
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';

/** The hidden folder inside the corpus where the feed reader keeps its state and temporary files. */
export const STATE_DIR = '.feeds';

/** One feed's fetch history. */
export const FeedStatus = z.object({
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  /** ISO time of the last attempt, and of the last one that succeeded. */
  lastFetch: z.string().optional(),
  lastSuccess: z.string().optional(),
  /** ISO time the feed is due again. */
  nextFetch: z.string().optional(),
  /** The last failure in a person's words; cleared by a success. */
  lastError: z.string().optional(),
  /** Failures in a row (the backoff's exponent). */
  failures: z.number().int().min(0).default(0),
  /** Articles this feed added and replaced (edited at the source) since it was first followed. */
  added: z.number().int().min(0).default(0),
  updated: z.number().int().min(0).default(0),
});
export type FeedStatus = z.infer<typeof FeedStatus>;

/** One article the reader wrote, keyed by its canonical URL. */
export const ArticleRecord = z.object({
  id: z.string(),
  /** Its file, relative to the corpus folder. */
  file: z.string(),
  /** Hash of the body: the same story under another URL is not taken twice. */
  bodyHash: z.string(),
  /** Hash of the feed item (title, summary, date): a change means the story was edited. */
  itemHash: z.string(),
  /** The page could not be read: the feed's own text was kept; the page is tried again on later polls. */
  partial: z.boolean().default(false),
  attempts: z.number().int().min(0).default(0),
});
export type ArticleRecord = z.infer<typeof ArticleRecord>;

/** Each feed's status: small, written after every fetch. */
const StatusFile = z.object({ version: z.literal(1), feeds: z.record(z.string(), FeedStatus).default({}) });
/** What the reader took: grows with the archive, written only when an article or a link is added. */
const TakenFile = z.object({
  version: z.literal(1),
  /** Articles by canonical URL. */
  articles: z.record(z.string(), ArticleRecord).default({}),
  /** Item links (as feeds give them) to the canonical URL they turned out to have. */
  links: z.record(z.string(), z.string()).default({}),
});

/** The reader's whole state in memory: the two files together. */
export type FeedState = z.infer<typeof StatusFile> & z.infer<typeof TakenFile>;

/** The two files, relative to the corpus folder. */
const STATUS_FILE = join(STATE_DIR, 'state.json');
const TAKEN_FILE = join(STATE_DIR, 'articles.json');

/** One state file parsed; a missing file is `fallback`, an unreadable one too (moved aside and reported through `onProblem`). */
function readPart<T>(corpusDir: string, file: string, schema: z.ZodType<T>, fallback: T, onProblem: (message: string) => void): T {
  const path = join(corpusDir, file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return fallback;
  }
  let parsed;
  try {
    parsed = schema.safeParse(JSON.parse(text));
  } catch (error) {
    parsed = { success: false as const, error: error as Error };
  }
  if (parsed.success) return parsed.data;
  const aside = `${path}.bad-${Date.now()}`;
  renameSync(path, aside);
  onProblem(`the feed state file ${file} was unreadable and was moved to ${aside}: ${parsed.error.message.slice(0, 200)}`);
  return fallback;
}

/** Reads the state; missing files are a fresh start, unreadable ones too (reported through `onProblem`, kept aside). */
export function readState(corpusDir: string, onProblem: (message: string) => void): FeedState {
  const status = readPart(corpusDir, STATUS_FILE, StatusFile, { version: 1, feeds: {} }, onProblem);
  const taken = readPart(corpusDir, TAKEN_FILE, TakenFile, { version: 1, articles: {}, links: {} }, onProblem);
  return { version: 1, feeds: status.feeds, articles: taken.articles, links: taken.links };
}

/**
 * Writes `content` to `<corpusDir>/<relPath>` atomically: a temporary file in the hidden state folder (which neither
 * the corpus walker nor the watcher looks at), then a rename; the file's folder is created when missing.
 */
export function writeAtomic(corpusDir: string, relPath: string, content: string): void {
  const temp = join(corpusDir, STATE_DIR, `${process.pid}-${basename(relPath)}.tmp`);
  mkdirSync(dirname(temp), { recursive: true });
  mkdirSync(dirname(join(corpusDir, relPath)), { recursive: true });
  writeFileSync(temp, content);
  renameSync(temp, join(corpusDir, relPath));
}

/** Saves the state atomically: the feeds' status, and what was taken when `taken` says it changed. */
export function writeState(corpusDir: string, state: FeedState, taken: boolean): void {
  writeAtomic(corpusDir, STATUS_FILE, `${JSON.stringify({ version: 1, feeds: state.feeds })}\n`);
  if (taken) writeAtomic(corpusDir, TAKEN_FILE, `${JSON.stringify({ version: 1, articles: state.articles, links: state.links })}\n`);
}

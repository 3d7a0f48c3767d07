/**
 * The feeds followed: `feeds.yaml` at the top of the corpus folder (`feeds: [{url, source, lang?, interval?}]`).
 * `/archive feeds add|remove` edit the same file, keeping its comments, so there is one list whoever edits it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Document, isMap, isSeq, parseDocument, YAMLMap, YAMLSeq } from 'yaml';
import { z } from 'zod';
import { writeAtomic } from './state.js';

/** The list's file name, at the top of the corpus folder. */
export const FEEDS_FILE = 'feeds.yaml';

/** Shortest poll interval accepted: a site is not asked more often than this. */
const MIN_INTERVAL_MS = 5_000;
/** Poll interval when a feed names none. */
const DEFAULT_INTERVAL_MS = 10 * 60 * 1000;
const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** A poll interval as people write it (`30s`, `10m`, `2h`, `1d`), in milliseconds. */
const Interval = z
  .string()
  .trim()
  .regex(/^\d+\s*[smhd]$/, 'a number and a unit: 30s, 10m, 2h or 1d')
  .transform((text) => Number.parseInt(text, 10) * UNIT_MS[text.slice(-1) as keyof typeof UNIT_MS])
  .refine((ms) => ms >= MIN_INTERVAL_MS, `at least ${MIN_INTERVAL_MS / 1000}s`);

/** A feed's address: an absolute http(s) URL. */
const FeedUrl = z.url({ protocol: /^https?$/, error: 'an http:// or https:// URL' }).max(2000);

/** One followed feed, as written in `feeds.yaml` or given to `/archive feeds add`. */
export const FeedSpec = z
  .object({
    url: FeedUrl,
    /** The outlet, as answers name it. */
    source: z.string().trim().min(1, 'the outlet name').max(100),
    /** The articles' language (`ar`, `en`, `fa`, …); detected from the text when absent. */
    lang: z.string().trim().regex(/^[a-z]{2,3}$/, 'a language code such as ar, en or fa').optional(),
    /** The poll interval as written (`10m`). */
    interval: z.string().optional(),
  })
  .strict()
  .superRefine((feed, ctx) => {
    const interval = feed.interval === undefined ? null : Interval.safeParse(feed.interval);
    if (interval && !interval.success) ctx.addIssue({ code: 'custom', path: ['interval'], message: interval.error.issues[0]!.message });
  });
export type FeedSpec = z.infer<typeof FeedSpec>;

const FeedsFile = z.object({ feeds: z.array(FeedSpec).nullish() }).strict();

/** A feed's poll interval in milliseconds. */
export const intervalMs = (feed: FeedSpec): number => (feed.interval ? Interval.parse(feed.interval) : DEFAULT_INTERVAL_MS);

/** An interval in the words feeds.yaml uses (`10m`, `1h 30m`, `45s`). */
export function intervalText(ms: number): string {
  const parts: string[] = [];
  let rest = Math.round(ms / 1000);
  for (const [unit, seconds] of [['d', 86400], ['h', 3600], ['m', 60], ['s', 1]] as const) {
    if (rest >= seconds) parts.push(`${Math.floor(rest / seconds)}${unit}`);
    rest %= seconds;
  }
  return parts.join(' ') || '0s';
}

/** A `feeds.yaml` that cannot be used; the message names the entry and the field. */
export class FeedListError extends Error {}

/** The followed feeds; none when the file does not exist. Throws FeedListError for a bad file. */
export function readFeedList(corpusDir: string): FeedSpec[] {
  const path = join(corpusDir, FEEDS_FILE);
  if (!existsSync(path)) return [];
  const document = parseDocument(readFileSync(path, 'utf8'));
  if (document.errors.length) throw new FeedListError(`${FEEDS_FILE}: ${document.errors[0]!.message}`);
  const parsed = FeedsFile.safeParse(document.toJS() ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new FeedListError(`${FEEDS_FILE}: ${issue.path.join('.') || 'the file'}: ${issue.message}`);
  }
  const feeds = parsed.data.feeds ?? [];
  const seen = new Set<string>();
  for (const feed of feeds) {
    if (seen.has(feed.url)) throw new FeedListError(`${FEEDS_FILE}: ${feed.url} is listed twice`);
    seen.add(feed.url);
  }
  return feeds;
}

/** Edits the list in place (comments kept) and writes it atomically. */
function editFeedList(corpusDir: string, edit: (feeds: YAMLSeq) => void): void {
  const path = join(corpusDir, FEEDS_FILE);
  const document: Document = parseDocument(existsSync(path) ? readFileSync(path, 'utf8') : '');
  if (!isMap(document.contents)) document.contents = new YAMLMap();
  let feeds = document.get('feeds');
  if (!isSeq(feeds)) {
    feeds = new YAMLSeq();
    document.set('feeds', feeds);
  }
  edit(feeds as YAMLSeq);
  writeAtomic(corpusDir, FEEDS_FILE, document.toString());
}

/** Adds a feed to `feeds.yaml`; throws FeedListError when it is already followed. */
export function addFeed(corpusDir: string, feed: FeedSpec): void {
  if (readFeedList(corpusDir).some((f) => f.url === feed.url)) throw new FeedListError(`${feed.url} is already followed`);
  const entry = Object.fromEntries(Object.entries(feed).filter(([, value]) => value !== undefined));
  editFeedList(corpusDir, (feeds) => feeds.add(entry));
}

/** Removes a feed from `feeds.yaml` (its articles stay); false when it was not followed. */
export function removeFeed(corpusDir: string, url: string): boolean {
  const index = readFeedList(corpusDir).findIndex((f) => f.url === url);
  if (index < 0) return false;
  editFeedList(corpusDir, (feeds) => feeds.delete(index));
  return true;
}

/** One fetch of one feed: conditional GET, parse, each new or edited item's page read and written as a corpus file. */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../engine/index.js';
import { articleId, canonicalUrl, type FeedArticle, hashOf, writeArticle } from './articles.js';
import { decodeBody } from './encoding.js';
import type { Fetcher } from './fetcher.js';
import { type FeedSpec, intervalMs } from './feedList.js';
import { FetchError } from './http.js';
import { extractPage, type PageArticle } from './page.js';
import { type FeedItem, FeedParseError, parseFeed } from './parse.js';
import type { ArticleRecord, FeedState, FeedStatus } from './state.js';

/** Times a page that could not be read is tried again before the feed's own text is taken as final. */
const MAX_PAGE_ATTEMPTS = 5;
/** Longest wait after failures in a row (the interval doubles with each). */
const MAX_BACKOFF_MS = 6 * 60 * 60 * 1000;

/** What one fetch of a feed did. */
export interface FeedReport {
  url: string;
  source: string;
  outcome: 'ok' | 'not-modified' | 'error';
  /** HTTP status of the feed's answer (0 when none came). */
  status: number;
  items: number;
  added: number;
  updated: number;
  /** Articles written from the feed's own text because their page could not be read. */
  partial: number;
  /** Items already in the archive under another URL or with the same text. */
  duplicates: number;
  /** Ids of the articles added (for alerts). */
  articleIds: string[];
  error?: string;
}

/** What a fetch works with: where to write, how to fetch, the shared state and how to persist it. */
export interface IngestContext {
  corpusDir: string;
  fetcher: Fetcher;
  state: FeedState;
  /** Asks for the state to be persisted (soon: the service batches writes); `taken` when articles or links changed. */
  save(taken: boolean): void;
  logger: Logger;
  now(): number;
  /** Told of each article written, for progress output. */
  onArticle?(title: string, kind: 'added' | 'updated', partial: boolean): void;
}

/** A failure as one line for `/archive feeds list`. */
function failureText(error: unknown): string {
  if (error instanceof FetchError || error instanceof FeedParseError) return error.message;
  return `unexpected: ${error instanceof Error ? error.message : String(error)}`;
}

/** The item's article page, reduced; null when it cannot be fetched or holds no article. */
async function readPage(item: FeedItem, ctx: IngestContext): Promise<{ article: PageArticle; url: string } | null> {
  try {
    const page = await ctx.fetcher.get(item.link, { accept: 'text/html,application/xhtml+xml' });
    if (page.status < 200 || page.status >= 300) throw new Error(`HTTP ${page.status}`);
    const article = extractPage(decodeBody(page.body, page.headers['content-type']), page.url);
    if (!article) throw new Error('the page holds no article');
    return { article, url: page.url };
  } catch (error) {
    ctx.logger.debug({ link: item.link, err: failureText(error) }, 'article page not read; the feed text is kept');
    return null;
  }
}

/** Takes one item: nothing when known and unchanged; otherwise its page is read and the article written or replaced. */
async function takeItem(feed: FeedSpec, item: FeedItem, ctx: IngestContext, byBody: Map<string, string>, report: FeedReport): Promise<void> {
  const { state } = ctx;
  const itemHash = hashOf(`${item.title}\n${item.summary}\n${item.date ?? ''}`);
  const known = state.links[item.link];
  const previous = known ? state.articles[known] : undefined;
  if (previous && previous.itemHash === itemHash && !(previous.partial && previous.attempts < MAX_PAGE_ATTEMPTS)) return;
  const page = await readPage(item, ctx);
  const canonical = page ? canonicalUrl(page.article.canonicalUrl ?? page.url) : (known ?? canonicalUrl(item.link));
  const body = page?.article.body ?? item.summary;
  if (!body.trim()) return;
  const bodyHash = hashOf(body.replace(/\s+/g, ' ').trim());
  const twin = byBody.get(bodyHash);
  if (twin && twin !== canonical) {
    state.links[item.link] = twin;
    report.duplicates++;
    ctx.save(true);
    return;
  }
  const existing = state.articles[canonical] ?? previous;
  // Unchanged, or a page that failed this time while an earlier fetch read it: the article on file stands.
  if (existing && ((existing.bodyHash === bodyHash && existing.partial === !page) || (!page && !existing.partial))) {
    state.articles[canonical] = { ...existing, itemHash, attempts: existing.attempts + (page ? 0 : 1) };
    if (!known) report.duplicates++;
    state.links[item.link] = canonical;
    ctx.save(true);
    return;
  }
  const article: FeedArticle = {
    canonicalUrl: canonical,
    title: item.title || page?.article.title || body.slice(0, 80),
    date: page?.article.date ?? item.date ?? new Date(ctx.now()).toISOString(),
    source: feed.source,
    ...(feed.lang ? { lang: feed.lang } : {}),
    author: page?.article.author ?? null,
    body,
    partial: !page,
    feed: feed.url,
  };
  const file = writeArticle(ctx.corpusDir, article, existing?.file);
  if (known && known !== canonical && previous) {
    // The page named another canonical URL than the link the partial article was filed under: it moves.
    delete state.articles[known];
    if (previous.file !== file) rmSync(join(ctx.corpusDir, previous.file), { force: true });
  }
  const record: ArticleRecord = { id: articleId(canonical), file, bodyHash, itemHash, partial: !page, attempts: page ? 0 : (existing?.attempts ?? 0) + 1 };
  state.articles[canonical] = record;
  state.links[item.link] = canonical;
  if (existing) byBody.delete(existing.bodyHash);
  byBody.set(bodyHash, canonical);
  const kind = existing ? 'updated' : 'added';
  report[kind]++;
  if (kind === 'added') report.articleIds.push(record.id);
  if (!page) report.partial++;
  ctx.save(true);
  ctx.onArticle?.(article.title, kind, !page);
}

/** The feed's answer as a parsed feed, or the report of why there is none. */
async function fetchDocument(feed: FeedSpec, status: FeedStatus, ctx: IngestContext, report: FeedReport) {
  const conditional: Record<string, string> = { accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.8' };
  if (status.etag) conditional['if-none-match'] = status.etag;
  if (status.lastModified) conditional['if-modified-since'] = status.lastModified;
  const response = await ctx.fetcher.get(feed.url, conditional);
  report.status = response.status;
  if (response.status === 304) return { response, parsed: null };
  if (response.status < 200 || response.status >= 300) {
    const gone = response.status === 410 ? ' (Gone: the site removed this feed)' : '';
    throw new FetchError('http-status', `HTTP ${response.status}${gone}`);
  }
  return { response, parsed: parseFeed(decodeBody(response.body, response.headers['content-type']), response.url) };
}

/** Fetches a feed once and takes its new and edited items; never throws: failures are in the report and the feed's status. */
export async function fetchFeed(feed: FeedSpec, ctx: IngestContext): Promise<FeedReport> {
  const report: FeedReport = { url: feed.url, source: feed.source, outcome: 'ok', status: 0, items: 0, added: 0, updated: 0, partial: 0, duplicates: 0, articleIds: [] };
  const status: FeedStatus = (ctx.state.feeds[feed.url] ??= { failures: 0, added: 0, updated: 0 });
  const started = ctx.now();
  status.lastFetch = new Date(started).toISOString();
  try {
    const { response, parsed } = await fetchDocument(feed, status, ctx, report);
    if (parsed) {
      report.items = parsed.items.length;
      const byBody = new Map(Object.entries(ctx.state.articles).map(([url, record]) => [record.bodyHash, url]));
      // Oldest first, so that a story carried twice keeps its first URL.
      for (const item of [...parsed.items].reverse()) await takeItem(feed, item, ctx, byBody, report);
    } else report.outcome = 'not-modified';
    const etag = response.headers.etag;
    const lastModified = response.headers['last-modified'];
    if (etag) status.etag = etag;
    if (lastModified) status.lastModified = lastModified;
    status.lastSuccess = new Date(ctx.now()).toISOString();
    status.failures = 0;
    delete status.lastError;
    status.nextFetch = new Date(ctx.now() + intervalMs(feed)).toISOString();
  } catch (error) {
    report.outcome = 'error';
    report.error = failureText(error);
    status.failures++;
    status.lastError = report.error;
    status.nextFetch = new Date(ctx.now() + Math.min(intervalMs(feed) * 2 ** status.failures, MAX_BACKOFF_MS)).toISOString();
  }
  status.added += report.added;
  status.updated += report.updated;
  ctx.save(false);
  const fields = { feed: feed.url, outcome: report.outcome, status: report.status, items: report.items, added: report.added, updated: report.updated, partial: report.partial, duplicates: report.duplicates, ms: ctx.now() - started };
  if (report.error) ctx.logger.warn({ ...fields, error: report.error }, 'feed fetch failed');
  else ctx.logger.info(fields, 'feed fetched');
  return report;
}

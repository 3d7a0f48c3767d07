/** Articles from feeds as corpus files: `feeds/<source>/<yyyy-mm>/<id>.md`, YAML front matter and paragraphs. */
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { writeAtomic } from './state.js';

/** An article ready to be written. */
export interface FeedArticle {
  canonicalUrl: string;
  title: string;
  /** ISO date-time. */
  date: string;
  source: string;
  lang?: string;
  author: string | null;
  body: string;
  /** True when the page could not be read and the body is the feed's own text. */
  partial: boolean;
  /** The feed it came from. */
  feed: string;
}

/** Query parameters that track the reader, not the story: dropped from canonical URLs. */
const TRACKING = /^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid|at_medium|at_campaign)$/i;

/** A URL in one spelling per story: no fragment, no tracking parameters, the rest sorted; host lower-cased by URL itself. */
export function canonicalUrl(raw: string): string {
  const url = new URL(raw);
  url.hash = '';
  for (const key of [...url.searchParams.keys()]) if (TRACKING.test(key)) url.searchParams.delete(key);
  url.searchParams.sort();
  return url.href;
}

/** A short hex SHA-256 of a text. */
export const hashOf = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 16);

/** The stable article id of a canonical URL. */
export const articleId = (canonical: string): string => `feed-${hashOf(canonical)}`;

/** The folder name of a source: its ASCII letters and digits, or a hash of the name when it has none (`العربية`). */
function sourceFolder(source: string): string {
  const slug = source
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return slug || `source-${hashOf(source).slice(0, 8)}`;
}

/** The corpus-relative path of an article's file. */
function articlePath(article: FeedArticle): string {
  return join('feeds', sourceFolder(article.source), article.date.slice(0, 7), `${articleId(article.canonicalUrl)}.md`);
}

/** The file's text: YAML front matter (CONTRACTS §1 fields, plus `partial` and `feed` as metadata) and the body. */
function articleMarkdown(article: FeedArticle): string {
  const front = {
    id: articleId(article.canonicalUrl),
    title: article.title,
    date: article.date,
    source: article.source,
    url: article.canonicalUrl,
    ...(article.lang ? { lang: article.lang } : {}),
    ...(article.author ? { author: article.author } : {}),
    ...(article.partial ? { partial: true } : {}),
    feed: article.feed,
  };
  return `---\n${stringify(front, { lineWidth: 0 })}---\n\n${article.body.trim()}\n`;
}

/** Writes the article's file atomically; removes `previous` when the article moved (its date changed month). Returns the path. */
export function writeArticle(corpusDir: string, article: FeedArticle, previous?: string): string {
  const file = articlePath(article);
  writeAtomic(corpusDir, file, articleMarkdown(article));
  if (previous && previous !== file) rmSync(join(corpusDir, previous), { force: true });
  return file;
}

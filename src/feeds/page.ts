/** An article page reduced to what the archive keeps: title, date, author, paragraphs, canonical link. */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { dropTrailingFurniture } from '../engine/index.js';
import { htmlParagraphs, squeeze } from './html.js';
import { feedDate } from './parse.js';

/** What an article page says about itself. */
export interface PageArticle {
  title: string;
  /** ISO date-time from the page's metadata, or null (the feed's date is used then). */
  date: string | null;
  author: string | null;
  /** Paragraphs separated by blank lines, without the site's navigation and share prompts. */
  body: string;
  /** The page's `<link rel="canonical">` (or `og:url`), absolute; null when it names none. */
  canonicalUrl: string | null;
}

/** Less text than this is not an article (a video page, an index, a paywall stub). */
const MIN_BODY_CHARS = 200;

/** Short lines that are page furniture wherever they stand ("Share", "اقرأ أيضا", "Follow us on …"). */
const PROMPT = /^(share( this)?|tweet|print|email|read more|read also|related|advertisement|follow us\b.*|شارك.*|اقرأ أيضا?ً?|إقرأ أيضا|اقرأ المزيد|تابعونا.*|ذات صلة|إعلان|بیشتر بخوانید|هم‌رسانی.*)\s*[:：]?$/i;

type Doc = ReturnType<typeof parseHTML>['document'];

const attr = (document: Doc, selector: string, name: string): string | null => document.querySelector(selector)?.getAttribute(name)?.trim() || null;

/** `datePublished` from the page's JSON-LD blocks (an object, an array or an `@graph`). */
function jsonLdDate(document: Doc): string | null {
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? '');
    } catch {
      continue;
    }
    const queue: unknown[] = [data];
    while (queue.length) {
      const node = queue.shift();
      if (Array.isArray(node)) queue.push(...node);
      else if (node && typeof node === 'object') {
        const record = node as Record<string, unknown>;
        const date = feedDate(record.datePublished);
        if (date) return date;
        if (record['@graph']) queue.push(record['@graph']);
      }
    }
  }
  return null;
}

/** The page's publication date: `article:published_time`, JSON-LD `datePublished`, then the first `<time datetime>`. */
function pageDate(document: Doc): string | null {
  return (
    feedDate(attr(document, 'meta[property="article:published_time"], meta[name="article:published_time"]', 'content')) ??
    jsonLdDate(document) ??
    feedDate(attr(document, 'time[datetime]', 'datetime'))
  );
}

/** The page's canonical URL, resolved against the address it was fetched from. */
function canonical(document: Doc, pageUrl: string): string | null {
  const raw = attr(document, 'link[rel="canonical"]', 'href') ?? attr(document, 'meta[property="og:url"]', 'content');
  if (!raw) return null;
  try {
    const url = new URL(raw, pageUrl);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** Reduces an article page with Readability; null when the page holds no article. */
export function extractPage(html: string, pageUrl: string): PageArticle | null {
  const { document } = parseHTML(html);
  // Metadata first: Readability rewrites the document it reads.
  const date = pageDate(document);
  const canonicalUrl = canonical(document, pageUrl);
  const author = attr(document, 'meta[name="author"]', 'content');
  const parsed = new Readability(document as unknown as Document).parse();
  if (!parsed?.content) return null;
  const title = squeeze(parsed.title ?? '');
  const paragraphs = dropTrailingFurniture(htmlParagraphs(parsed.content).filter((p) => !PROMPT.test(p)));
  // The headline repeated as the body's first line (`<h1>` kept when the `<title>` adds the site's name).
  if (paragraphs[0] && title.includes(paragraphs[0])) paragraphs.shift();
  const body = paragraphs.join('\n\n');
  if (body.length < MIN_BODY_CHARS) return null;
  return {
    title,
    date: date ?? feedDate(parsed.publishedTime),
    author: author ?? (parsed.byline ? squeeze(parsed.byline) : null),
    body,
    canonicalUrl,
  };
}

import type pg from 'pg';
import { badSentenceCount, typedTitle } from '../engine/engine.js';
import { ASK_LIMITS } from '../engine/options.js';
import { QuoteIndex, flagsRead } from '../engine/quotes/index.js';
import type { SummaryService } from '../engine/search/backend.js';
import { Analyzer } from '../engine/search/terms.js';
import { summarizeArticle } from '../engine/summary/index.js';
import { type Article, type Failure, failure } from '../engine/types.js';
import { reachable } from './search.js';

/** An article as stored, with its number (for its quotations) and how many articles a title lookup matched. */
interface StoredArticle extends Article {
  number: string;
  matched: string;
}

const ARTICLE_COLUMNS = 'number, id, title, body, date, source, url, lang, author, file, meta';

/**
 * `/summary` on PostgreSQL: an article's key sentences made by the engine's own summariser from the
 * stored article, its speakers from the stored quotations, the article found by id or title as the
 * embedded engine finds it. Topic summaries are not served from PostgreSQL yet.
 */
export function postgresSummaries(pool: pg.Pool): SummaryService {
  const analyzer = new Analyzer();
  return {
    summarizeArticle: (idOrTitle, sentences) =>
      reachable(async () => {
        const bad = badSentenceCount(sentences);
        if (bad) return bad;
        const found = await findArticle(pool, idOrTitle);
        if ('ok' in found) return found;
        const quotes = await articleQuotes(pool, found);
        const speakerOf = (id: string, start: number, end: number) => quotes.attributionAt(id, start, end);
        return { ok: true, ...summarizeArticle(found, sentences, { speakerOf, analyzer }) };
      }),
    summarizeTopic: () => failure({ kind: 'not-on-postgres' }),
  };
}

/** The article an id or a title names, as the embedded engine resolves it: the id, then the one title equal to it, then the one title holding it (newest first among several). */
async function findArticle(pool: pg.Pool, idOrTitle: string): Promise<StoredArticle | Failure> {
  const wanted = idOrTitle.trim();
  const byId = (await pool.query<StoredArticle>(`SELECT ${ARTICLE_COLUMNS}, 1 AS matched FROM articles WHERE id = $1`, [wanted])).rows[0];
  if (byId) return byId;
  const key = typedTitle(wanted);
  if (!key) return failure({ kind: 'unknown-article', wanted });
  const titled = async (where: string) =>
    (await pool.query<StoredArticle>(`SELECT ${ARTICLE_COLUMNS}, count(*) OVER () AS matched FROM articles WHERE ${where} ORDER BY day DESC, number LIMIT $2`, [key, ASK_LIMITS.articleChoices])).rows;
  const same = await titled('title_same = $1');
  const holding = same.length ? same : await titled('strpos(title_key, $1) > 0');
  const count = Number(holding[0]?.matched ?? 0);
  if (count === 1) return holding[0]!;
  if (count > 1) return failure({ kind: 'ambiguous-title', wanted, count, choices: holding.map((a) => ({ id: a.id, title: a.title, source: a.source, date: a.date.slice(0, 10), url: a.url })) });
  return failure({ kind: 'unknown-article', wanted });
}

/** One article's stored quotations, as a quote index (its speakers tell who is quoted in a sentence). */
async function articleQuotes(pool: pg.Pool, article: StoredArticle): Promise<QuoteIndex> {
  const rows = await pool.query<{ start_offset: number; end_offset: number; text: string; flags: number; speaker: string | null; speaker_title: string | null; matching: string | null }>(
    'SELECT start_offset, end_offset, text, flags, speaker, speaker_title, matching FROM quotations WHERE article = $1 ORDER BY position',
    [article.number],
  );
  const quotes = rows.rows.map((r) => ({ article: 0, start: r.start_offset, end: r.end_offset, text: r.text, ...flagsRead(r.flags), speaker: r.speaker, speakerTitle: r.speaker_title }));
  return QuoteIndex.fromRows([article], [{ quotes, matching: rows.rows.map((r) => r.matching), failed: [] }]);
}

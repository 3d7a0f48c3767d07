import type pg from 'pg';
import { badSentenceCount, checkTopic, typedTitle } from '../engine/engine.js';
import { ASK_LIMITS } from '../engine/options.js';
import { QuoteIndex, flagsRead } from '../engine/quotes/index.js';
import type { AskBackend } from '../engine/search/backend.js';
import type { SummaryService } from '../engine/summary/service.js';
import { inverseFrequency } from '../engine/search/planner.js';
import { Analyzer } from '../engine/search/terms.js';
import { answerArticles, summarizeArticle, summarizeStories } from '../engine/summary/index.js';
import { analyze } from '../engine/text/analyzer.js';
import { type Article, type Failure, failure } from '../engine/types.js';
import { reachable } from './availability.js';

/** An article as stored, with its number (for its quotations) and how many articles a title lookup matched. */
interface StoredArticle extends Article {
  number: string;
  matched: string;
}

const ARTICLE_COLUMNS = 'number, id, title, body, date, source, url, lang, author, file, meta';

/**
 * `/summary` on PostgreSQL, made by the engine's own summariser from stored articles, their speakers
 * from the stored quotations: an article found by id or title as the embedded engine finds it, or
 * the stories `ask` (PostgreSQL's `/ask`) finds for a topic, with the archive's idf from the term statistics.
 */
export function postgresSummaries(pool: pg.Pool, ask: AskBackend['ask']): SummaryService {
  const analyzer = new Analyzer();
  return {
    summarizeArticle: (idOrTitle, sentences) =>
      reachable(async () => {
        const bad = badSentenceCount(sentences);
        if (bad) return bad;
        const found = await findArticle(pool, idOrTitle);
        if ('ok' in found) return found;
        const quotes = await storedQuotes(pool, [found]);
        const speakerOf = (id: string, start: number, end: number) => quotes.attributionAt(id, start, end);
        return { ok: true, ...summarizeArticle(found, sentences, { speakerOf, analyzer }) };
      }),
    async summarizeTopic(topic, sentences) {
      const checked = checkTopic(topic, sentences);
      if (typeof checked !== 'string') return checked;
      const answer = await ask({ question: checked, limit: 40 });
      if (!answer.ok) return answer;
      return reachable(async () => {
        const ids = answerArticles(answer);
        const rows = new Map((await pool.query<StoredArticle>(`SELECT ${ARTICLE_COLUMNS} FROM articles WHERE id = ANY($1::text[])`, [ids])).rows.map((a) => [a.id, a]));
        const ranked = ids.flatMap((id) => rows.get(id) ?? []);
        const [quotes, termIdf] = await Promise.all([storedQuotes(pool, ranked), archiveIdf(pool, checked)]);
        const speakerOf = (id: string, start: number, end: number) => quotes.attributionAt(id, start, end);
        return { ok: true, ...summarizeStories(ranked, checked, sentences, { analyzer, termIdf, speakerOf }) };
      });
    },
  };
}

/** The idf over the archive's passages of each analysed term of a topic (as `passageIdf` gives it embedded). */
async function archiveIdf(pool: pg.Pool, topic: string): Promise<(term: string) => number> {
  const [stats, totals] = await Promise.all([
    pool.query<{ term: string; text_passages: string }>('SELECT term, text_passages FROM term_stats WHERE term = ANY($1::text[])', [[...new Set(analyze(topic))]]),
    pool.query<{ passages: string }>('SELECT passages FROM corpus_stats'),
  ]);
  const found = new Map(stats.rows.map((r) => [r.term, Number(r.text_passages)]));
  const passages = Number(totals.rows[0]?.passages ?? 0);
  return (term) => inverseFrequency(passages, found.get(term) ?? 0);
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

/** The stored quotations of some articles, as a quote index (its speakers tell who is quoted in a sentence). */
async function storedQuotes(pool: pg.Pool, articles: readonly StoredArticle[]): Promise<QuoteIndex> {
  const rows = await pool.query<{ article: string; start_offset: number; end_offset: number; text: string; flags: number; speaker: string | null; speaker_title: string | null; matching: string | null }>(
    'SELECT article, start_offset, end_offset, text, flags, speaker, speaker_title, matching FROM quotations WHERE article = ANY($1::bigint[]) ORDER BY article, position',
    [articles.map((a) => a.number)],
  );
  const order = new Map(articles.map((a, k) => [a.number, k]));
  const quotes = rows.rows.map((r) => ({ article: order.get(r.article)!, start: r.start_offset, end: r.end_offset, text: r.text, ...flagsRead(r.flags), speaker: r.speaker, speakerTitle: r.speaker_title }));
  return QuoteIndex.fromRows(articles, [{ quotes, matching: rows.rows.map((r) => r.matching), failed: [] }]);
}

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import { EVAL_DIR, readJsonLines } from '../../scripts/evalData.js';
import { middleSix } from '../../scripts/evalQuotes.js';
import type { Article } from '../../src/engine/types.js';
import { postgresArchive } from '../../src/pg/archive.js';
import { TEXT_POSTINGS, TITLE_POSTINGS } from '../../src/pg/postingTables.js';
import { storedPostings } from './storedPostings.js';
import { tempDir } from '../support/tempDir.js';

/** Where the quotation dev files are (tests using them are skipped without the development data). */
export const QUOTES_DIR = `${EVAL_DIR}quotes/`;

/** A quotation annotated in a dev file: its text and its speaker. */
export type DevQuote = { quote: string; speaker: string | null };

/** The speakers of `quotes` and their bare surnames, each once: what a user asks `/quotes` for. */
export function askedSpeakers(quotes: readonly DevQuote[]): string[] {
  return [...new Set(quotes.flatMap((q) => (q.speaker ? [q.speaker, q.speaker.split(' ').at(-1)!] : [])))];
}

/**
 * The articles of a dev file of ../shared/eval (`quotes/dev_ant.jsonl`, `summaries/easc-dev.jsonl`, …), as a corpus
 * folder's `part.jsonl` would give them (`corpusFolder`), English for the `en_` files, and the quotations annotated in
 * them (none for a file without).
 */
export function devFile(path: string): { articles: Article[]; quotes: DevQuote[] } {
  const lang = path.split('/').at(-1)!.startsWith('en_') ? 'en' : 'ar';
  const records = readJsonLines<{ id: string; title: string; body: string; date: string; source: string; url?: string | null; lang?: string; quotes?: DevQuote[] }>(path);
  return {
    articles: records.map((r) => ({ id: r.id, title: r.title, body: r.body, date: r.date, source: r.source, url: r.url ?? null, lang: r.lang ?? lang, author: null, file: 'part.jsonl' })),
    quotes: records.flatMap((r) => r.quotes ?? []),
  };
}

/** The Arabic quotation dev files and the seed (see ../shared/eval/quotes/README.md): articles, and the quotations annotated in them. */
export function devArchive(): { articles: Article[]; quotes: DevQuote[] } {
  const files = ['dev_ant.jsonl', 'dev_ant2.jsonl', 'dev_jawhara.jsonl', 'seed.jsonl'].map((file) => devFile(`quotes/${file}`));
  return { articles: files.flatMap((f) => f.articles), quotes: files.flatMap((f) => f.quotes) };
}

/** A corpus folder holding `articles`, in that order (one JSON Lines file), deleted when the running test finishes. */
export function corpusFolder(articles: readonly Article[]): string {
  const dir = tempDir('prune-corpus-');
  writeFileSync(join(dir, 'part.jsonl'), articles.map(({ file: _, ...a }) => JSON.stringify(a)).join('\n'));
  return dir;
}

/** What an archive answers about `articles` (by id, title and words) and `quotes`: /ask, /summary, /whosaid, /quotes. */
export async function answers(pool: pg.Pool, articles: readonly Article[], quotes: ReadonlyArray<{ quote: string; speaker: string | null }>) {
  const archive = postgresArchive(pool);
  const speakers = askedSpeakers(quotes);
  const questions = articles.flatMap((a) => [a.title, a.body.split(/\s+/).slice(20, 28).join(' ')]);
  /** Each of `asked` answered in turn (the pool's connections are few). */
  const each = async <T, R>(asked: readonly T[], answer: (item: T) => Promise<R> | R): Promise<R[]> => {
    const got: R[] = [];
    for (const item of asked) got.push(await answer(item));
    return got;
  };
  return {
    ask: await each(questions, (question) => archive.ask({ question, limit: 10 })),
    summaries: await each(articles, (a) => archive.summarizeArticle(a.id)),
    topics: await each(articles.slice(0, 10), (a) => archive.summarizeTopic(a.title)),
    whosaid: await each(quotes, (q) => archive.whosaid(middleSix(q.quote))),
    quotesIn: await each(articles, (a) => archive.quotesIn(a.id)),
    quotesBy: await each(speakers, (s) => archive.quotesBy(s)),
    speakers: await archive.speakers('', 50),
  };
}

/** Each term's postings as the index holds them, named by article id and passage position instead of the numbers a database gave them. */
export async function postingsById(pool: pg.Pool) {
  const [text, title] = [await storedPostings(pool, TEXT_POSTINGS), await storedPostings(pool, TITLE_POSTINGS)];
  const articles = (await pool.query<{ number: string; id: string }>('SELECT number, id FROM articles')).rows;
  const passages = (await pool.query<{ id: string; article: string; position: number }>('SELECT id, article, position FROM passages')).rows;
  const idOf = new Map(articles.map((a) => [Number(a.number), a.id]));
  const passageOf = new Map(passages.map((p) => [Number(p.id), p]));
  const firstPassage = new Map<number, number>();
  for (const p of passages) firstPassage.set(Number(p.article), Math.min(firstPassage.get(Number(p.article)) ?? Infinity, Number(p.id)));
  const order = (x: string | number, y: string | number) => (x < y ? -1 : x > y ? 1 : 0);
  // A posting whose passage is not its article's is left out, as a join on both would (the counts tell them).
  const textRows = text.postings
    .flatMap(({ term, passages: passage, articles: article, tfs: tf, lengths: length }) => {
      const p = passageOf.get(passage!);
      return p && Number(p.article) === article ? [{ term, id: idOf.get(article)!, position: p.position, tf, length }] : [];
    })
    .sort((x, y) => order(x.term, y.term) || order(x.id, y.id) || x.position - y.position);
  const titleRows = title.postings
    .map(({ term, articles: article, tfs: tf, lengths: length, passage_counts: passage_count, first_passages: first }) => ({
      term, id: idOf.get(article!)!, tf, length, passage_count, first: first === firstPassage.get(article!),
    }))
    .sort((x, y) => order(x.term, y.term) || order(x.id, y.id));
  const found = { text: text.wrongFound, title: title.wrongFound };
  const stats = await pool.query('SELECT term, text_passages, title_passages FROM term_stats ORDER BY term');
  const totals = await pool.query('SELECT articles, passages, text_length, title_length FROM corpus_stats');
  return { text: textRows, title: titleRows, counts: { text: text.postings.length, title: title.postings.length }, found, stats: stats.rows, totals: totals.rows };
}

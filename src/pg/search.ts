import type pg from 'pg';
import { type AskAnswer, type AskView, type CheckedQuery, answer, checkQuery, passagesToRead, sourceKey } from '../engine/search/ask.js';
import type { AskQuery } from '../engine/search/query.js';
import type { AskService } from '../engine/search/backend.js';
import type { SummaryService } from '../engine/summary/service.js';
import { postgresSummaries } from './summary.js';
import { reachable, readSnapshot } from './availability.js';
import { type PlanOptions, type PlannedHit, inverseFrequency, saturation } from '../engine/search/planner.js';
import { RANKING } from '../engine/options.js';
import { queryTerms } from '../engine/search/terms.js';
import type { ArticleRef, Passage, Result } from '../engine/types.js';
import type { Candidates } from './candidates.js';
import { countFromKeys, countFromPostings, generatedCandidates } from './candidateCounts.js';
import type { Db } from './pool.js';
import { bestFirst } from '../engine/search/bestFirst.js';

/** A question term as the plan reads it: its weight and the passages holding it in each field (0 for a field not boosted). */
interface PlannedTerm {
  term: string;
  weight: number;
  text: number;
  title: number;
}

/** The archive's totals: passages, and the average length of each field over passages. */
interface Totals {
  passages: number;
  averageText: number;
  averageTitle: number;
}

/**
 * Postings a probe reads through for the cost of reading one candidate's row of term keys instead:
 * the commoner terms are counted from the candidates' keys when their postings add up to more than
 * this many per candidate. The postings grow with the archive, the candidates' rows do not. At 1M
 * articles, with the postings packed and each term's rows merged, 300 questions counted both ways
 * twice took least in all with 800 (13.7 s, against 15.0 s with 400 and 13.9 s with 1,600): about
 * 12 µs a candidate's row against 0.02 µs a packed posting.
 */
const ROW_READ_COST = 800;

/** How much of a question's lookups one statement reads: candidates' rows of term keys, and rows of a term's postings. */
export interface StatementReads {
  /**
   * Candidates whose term keys one statement reads: its rows are held at once, so a question with
   * 195,000 candidates (a common title word brings every passage of thousands of articles) holds
   * 5,000 candidates' keys at a time.
   */
  candidates: number;
  /** Postings rows (one term's run of documents each, merged to a few thousand postings, about 3.5 bytes each when packed) one statement reads, shared by the terms it counts. */
  postingRows: number;
}

const STATEMENT_READS: StatementReads = { candidates: 5_000, postingRows: 256 };

/** Spelling variants tried for a question word the archive lacks, as the embedded index's variant search gives them. */
const MAX_VARIANTS = 8;

/**
 * `/ask` on PostgreSQL, ranked exactly as the embedded engine ranks: the same analysed terms, the
 * same BM25+ plan (candidates from the postings of the rarest terms until the posting budget,
 * commoner terms only counted for them), scored here from the stored counts and statistics, then
 * the same rerank, phrase checks and copy grouping (`answer`) over the rows fetched for the hits.
 * Also checks questions and offers sources for the `/ask` front ends; a database that cannot be
 * reached is an `ArchiveUnavailableError`. `reads`: how much one statement reads (see `StatementReads`).
 */
export function postgresAsk(pool: pg.Pool, reads: StatementReads = STATEMENT_READS): AskService & SummaryService {
  if (!(reads.candidates >= 1 && reads.postingRows >= 1)) throw new RangeError(`a statement must read at least one candidate and one postings row: ${JSON.stringify(reads)}`);
  // One snapshot for all the statements of an answer: a batch ingested meanwhile is seen whole or not at all.
  const ask: AskService['ask'] = (input) => readSnapshot(pool, (client) => askIn(client, input, reads));
  return {
    ask,
    checkAsk: (input) =>
      reachable(async () => {
        const checked = checkQuery(input, input.source ? await sourcesOf(pool) : []);
        return 'ok' in checked ? checked : undefined;
      }),
    findSources: (typed, limit = 25) =>
      reachable(async () => {
        const key = sourceKey(typed);
        return (await sourcesOf(pool)).filter((s) => sourceKey(s).includes(key)).slice(0, limit);
      }),
    ...postgresSummaries(pool, ask),
  };
}

/** The answer to one question, every statement on `db`. */
async function askIn(db: pg.ClientBase, input: AskQuery, reads: StatementReads): Promise<Result<AskAnswer>> {
  const checked = checkQuery(input, input.source ? await sourcesOf(db) : []);
  if ('ok' in checked) return checked;
  const terms = queryTerms(checked.question.text);
  const stats = await termStats(db, [...new Set([...terms, ...checked.question.terms])]);
  const totals = await readTotals(db);
  const planned = await planTerms(db, terms, stats, RANKING);
  const phraseStems = checked.question.phrases.flat();
  // Each counted term's column in the candidates' counts.
  const column = new Map([...new Set([...planned.map((t) => t.term), ...phraseStems])].map((term, i) => [term, i]));
  const found = await candidates(db, checked, planned, column, stats, RANKING.budget, reads);
  const hits = score(found, planned, column, totals, RANKING);
  const hasTerm = (passage: number, term: string) => {
    const [row, at] = [found.indexOf(passage), column.get(term)];
    return row >= 0 && at !== undefined && found.textTfs[row * found.width + at]! > 0;
  };
  const fetched = await passageRows(db, passagesToRead(checked, hits, hasTerm));
  return answer(rowView(fetched, totals.passages, (term) => stats.get(term)?.text ?? 0, hasTerm), checked, hits);
}

/**
 * The archive's sources, sorted as the embedded archive sorts them, read by skipping through the
 * (source, day) index from one source to the next: a few lookups whatever the archive's size.
 */
export async function sourcesOf(db: Db): Promise<string[]> {
  const result = await db.query<{ source: string }>(
    `WITH RECURSIVE s(source) AS (
       SELECT min(source) FROM articles
       UNION ALL
       SELECT (SELECT min(source) FROM articles WHERE source > s.source) FROM s WHERE s.source IS NOT NULL
     ) SELECT source FROM s WHERE source IS NOT NULL`,
  );
  return result.rows.map((r) => r.source).sort((a, b) => a.localeCompare(b));
}

/** Passages holding each term, per field, for the terms the archive has. */
async function termStats(db: Db, terms: string[]): Promise<Map<string, { text: number; title: number }>> {
  const result = await db.query<{ term: string; text_passages: string; title_passages: string }>('SELECT term, text_passages, title_passages FROM term_stats WHERE term = ANY($1::text[])', [terms]);
  return new Map(result.rows.map((r) => [r.term, { text: Number(r.text_passages), title: Number(r.title_passages) }]));
}

async function readTotals(db: Db): Promise<Totals> {
  const row = (await db.query<{ passages: string; text_length: string; title_length: string }>('SELECT passages, text_length, title_length FROM corpus_stats')).rows[0];
  const passages = Number(row?.passages ?? 0);
  const n = passages || 1;
  return { passages, averageText: Number(row?.text_length ?? 0) / n, averageTitle: Number(row?.title_length ?? 0) / n };
}

/**
 * The question's terms as the embedded planner orders them: each distinct term weighted by its
 * repeats, a term the archive lacks replaced by its spelling variants, the cheapest (rarest) first.
 */
async function planTerms(db: Db, terms: string[], stats: Map<string, { text: number; title: number }>, options: PlanOptions): Promise<PlannedTerm[]> {
  const weights = new Map<string, number>();
  for (const term of terms) weights.set(term, (weights.get(term) ?? 0) + 1);
  const boosted = (term: string, weight: number, found = stats.get(term)): PlannedTerm => ({
    term,
    weight,
    text: options.boost.text ? (found?.text ?? 0) : 0,
    title: options.boost.title ? (found?.title ?? 0) : 0,
  });
  const planned: PlannedTerm[] = [];
  for (const [term, weight] of weights) {
    const own = boosted(term, weight);
    if (own.text + own.title > 0 || !options.fuzzyWeight) planned.push(own);
    else {
      const variants = await variantsOf(db, term);
      const variantStats = await termStats(db, variants);
      for (const variant of variants) planned.push(boosted(variant, weight * options.fuzzyWeight, variantStats.get(variant)));
    }
  }
  return planned.filter((t) => t.text + t.title > 0).sort((x, y) => x.text + x.title - (y.text + y.title));
}

/**
 * Index terms one edit away from a term the archive lacks (words of 5+ letters, stems only), in
 * code-unit order as the embedded index's radix tree gives them, at most eight.
 */
async function variantsOf(db: Db, term: string): Promise<string[]> {
  if (term.length < 5 || term.startsWith('=')) return [];
  const alphabet = (await db.query<{ ch: string }>('SELECT ch FROM term_chars')).rows.map((r) => r.ch);
  const edits = new Set<string>();
  for (let i = 0; i <= term.length; i++) {
    const head = term.slice(0, i);
    if (i < term.length) edits.add(head + term.slice(i + 1));
    for (const ch of alphabet) {
      edits.add(head + ch + term.slice(i));
      if (i < term.length) edits.add(head + ch + term.slice(i + 1));
    }
  }
  edits.delete(term);
  const found = await db.query<{ term: string }>("SELECT term FROM term_stats WHERE term = ANY($1::text[]) AND left(term, 1) <> '='", [[...edits]]);
  return found.rows.map((r) => r.term).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).slice(0, MAX_VARIANTS);
}

/**
 * The candidates: passages holding a generating term (the rarest terms, read in full until the
 * budget, as the planner reads them) in their text or their article's title, kept when their
 * article passes the question's filters; then the commoner planned terms and the phrase terms are
 * looked up for those candidates only: through those terms' postings, or, when these are long
 * (see `ROW_READ_COST`), in the candidates' own rows of term keys, a cost that does not grow with
 * the archive. Each gets the count of every term `column` numbers, in each field.
 */
async function candidates(db: pg.ClientBase, { query, source }: CheckedQuery, planned: PlannedTerm[], column: Map<string, number>, stats: Map<string, { text: number; title: number }>, budget: number, reads: StatementReads): Promise<Candidates> {
  const generating = new Set<string>();
  let read = 0;
  for (const term of planned) {
    const cost = term.text + term.title;
    if (read > 0 && read + cost > budget) break;
    generating.add(term.term);
    read += cost;
  }
  const textTerms = (wanted: (t: PlannedTerm) => boolean) => planned.filter((t) => t.text && wanted(t)).map((t) => t.term);
  const titleTerms = (wanted: (t: PlannedTerm) => boolean) => planned.filter((t) => t.title && wanted(t)).map((t) => t.term);
  const isGenerating = (t: PlannedTerm) => generating.has(t.term);
  let found = await generatedCandidates(db, textTerms(isGenerating), titleTerms(isGenerating), column);
  if (found.size && (source || query.from || query.to)) {
    const accepted = await acceptedArticles(db, [...new Set(found.articles)], source, query.from, query.to);
    found = found.filter((row) => accepted.has(found.articles[row]!));
  }
  if (!found.size) return found;

  const probedText = [...new Set([...textTerms((t) => !isGenerating(t)), ...phraseStems([...column.keys()], planned)])];
  const probedTitle = titleTerms((t) => !isGenerating(t));
  const postings = probedText.reduce((sum, term) => sum + (stats.get(term)?.text ?? 0), 0) + probedTitle.reduce((sum, term) => sum + (stats.get(term)?.title ?? 0), 0);
  if (postings <= found.size * ROW_READ_COST) await countFromPostings(db, found, probedText, probedTitle, column, reads.postingRows);
  else await countFromKeys(db, found, probedText, probedTitle, column, reads.candidates);
  return found;
}

/** The counted terms that are not planned (phrase terms only: their text counts tell which passages may hold the phrase). */
function phraseStems(counted: readonly string[], planned: readonly PlannedTerm[]): string[] {
  const plannedTerms = new Set(planned.map((t) => t.term));
  return counted.filter((term) => !plannedTerms.has(term));
}

/** The articles among `numbers` that pass the source and date filters. */
async function acceptedArticles(db: Db, numbers: number[], source: string | undefined, from: string | undefined, to: string | undefined): Promise<Set<number>> {
  const result = await db.query<{ number: string }>(
    'SELECT number FROM articles WHERE number = ANY($1::bigint[]) AND ($2::text IS NULL OR source = $2) AND ($3::text IS NULL OR day >= $3) AND ($4::text IS NULL OR day <= $4)',
    [numbers, source ?? null, from ?? null, to ?? null],
  );
  return new Set(result.rows.map((r) => Number(r.number)));
}

/** BM25+ of each candidate, summed term after term (text, then title) as the embedded planner sums it, best first. */
function score(found: Candidates, planned: PlannedTerm[], columns: Map<string, number>, totals: Totals, options: PlanOptions): PlannedHit[] {
  const column = planned.map((t) => columns.get(t.term)!);
  const idfs = planned.map((t) => ({ text: inverseFrequency(totals.passages, t.text), title: inverseFrequency(totals.passages, t.title) }));
  const ids: number[] = [];
  const scores: number[] = [];
  for (let c = 0; c < found.size; c++) {
    const row = c * found.width;
    let sum = 0;
    let matched = 0;
    for (let j = 0; j < planned.length; j++) {
      const term = planned[j]!;
      const text = term.text ? found.textTfs[row + column[j]!]! : 0;
      const title = term.title ? found.titleTfs[row + column[j]!]! : 0;
      if (text > 0) sum += term.weight * options.boost.text * idfs[j]!.text * saturation(text, found.lengths[c]!, totals.averageText, options.bm25);
      if (title > 0) sum += term.weight * options.boost.title * idfs[j]!.title * saturation(title, found.titleLengths[c]!, totals.averageTitle, options.bm25);
      if (text > 0 || title > 0) matched++;
    }
    if (sum > 0) {
      ids.push(found.ids[c]!);
      scores.push(sum * matched ** options.coordination);
    }
  }
  return bestFirst(ids, scores);
}

/** A fetched passage and its article's citation. */
interface FetchedPassage {
  passage: Passage;
  article: ArticleRef;
  copyKey: number;
  /** Who is quoted in the passage, when someone is. */
  speaker: string | null;
}

async function passageRows(db: Db, ids: number[]): Promise<Map<number, FetchedPassage>> {
  const result = await db.query<{ id: string; position: number; start_offset: number; end_offset: number; text: string; copy_key: string; article_id: string; title: string; source: string; day: string; url: string | null; speaker: string | null }>(
    `SELECT p.id, p.position, p.start_offset, p.end_offset, p.text, p.copy_key, p.speaker, a.id AS article_id, a.title, a.source, a.day, a.url
     FROM passages p JOIN articles a ON a.number = p.article WHERE p.id = ANY($1::bigint[])`,
    [ids],
  );
  return new Map(
    result.rows.map((r) => [
      Number(r.id),
      {
        passage: { id: `${r.article_id}@${r.start_offset}`, articleId: r.article_id, index: r.position, start: r.start_offset, end: r.end_offset, text: r.text },
        article: { id: r.article_id, title: r.title, source: r.source, date: r.day, url: r.url },
        copyKey: Number(r.copy_key),
        speaker: r.speaker,
      },
    ]),
  );
}

/** The view `answer` reads, over the fetched rows (a passage not fetched is a bug in `passagesToRead`, and said so). */
function rowView(rows: Map<number, FetchedPassage>, passageCount: number, textFrequency: (term: string) => number, hasTerm: AskView['hasTerm']): AskView {
  const row = (n: number) => {
    const found = rows.get(n);
    if (!found) throw new Error(`passage ${n} was not fetched for the answer`);
    return found;
  };
  return {
    passageCount,
    textFrequency,
    hasTerm,
    passage: (n) => row(n).passage,
    text: (n) => row(n).passage.text,
    article: (n) => row(n).article,
    copyKey: (n) => row(n).copyKey,
    isOpening: (n) => row(n).passage.index === 0,
    speakerOf: (n) => row(n).speaker ?? undefined,
  };
}

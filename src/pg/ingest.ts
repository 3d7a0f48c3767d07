import { availableParallelism } from 'node:os';
import type pg from 'pg';
import { type BuildTuning, underTuning } from '../engine/options.js';
import type { Article } from '../engine/types.js';
import { INGEST_LOCK, hasSecondConnection, inPoolTransaction } from './pool.js';
import { inlineAnalysis, workerAnalysis } from './analysis.js';
import { type BinaryValue, copyBinaryInto, copyPackedRows } from './copyBinary.js';
import type { FieldPostings } from '../engine/search/index/passageIndex.js';
import { ARTICLES, ARTICLE_TERMS, type BatchToWrite, PASSAGES, QUOTATIONS, contentHash } from './rows.js';
import { PASSAGE_KEYS } from './termKeys.js';
import { GROUPING_LOCKED, finishQuoteIndex, groupNewQuotations, groupQuotations } from './quoteIndexWrite.js';
import { type QuotationToGroup, quotationTexts } from './quotationTexts.js';
import { analyseChangedTables } from './statistics.js';
import { COUNT_COLUMN, type PostingTable, TEXT_POSTINGS, TITLE_POSTINGS, postingColumns, postingRow, readPostingRows, summedColumn } from './postingTables.js';
import { REWRITE_POSTINGS, replacePostingRows, runsOf } from './postingRewrite.js';
import { packBatchPostings } from './packedPostings.js';
import { type Compaction, type CompactionOptions, type CompactionProgress, RUN_MERGE_ROWS, compactPostings } from './compactPostings.js';

/** The channel each batch that changes the archive notifies (LISTEN/NOTIFY) when it commits. */
export const ARCHIVE_CHANGED = 'archive_changed';

/**
 * Articles written per transaction by default: at most this many, and fewer in a run too short for
 * `RUN_BATCHES` of them (see `defaultBatchSize`).
 */
const DEFAULT_BATCH = 10_000;

/**
 * Batches a run is cut into at least by default (of `MIN_DEFAULT_BATCH` articles or more): the first
 * batch is analysed before anything is written and the last is written after the analysis ends,
 * each keeping a core idle, so each should be a small part of the run.
 */
const RUN_BATCHES = 6;
const MIN_DEFAULT_BATCH = 1000;

/** The batch size of a run of `total` articles when none is asked for. */
export function defaultBatchSize(total: number): number {
  return Math.min(DEFAULT_BATCH, Math.max(MIN_DEFAULT_BATCH, Math.ceil(total / RUN_BATCHES)));
}

/** What an ingestion did (so far, in a progress report). */
export interface IngestCounts {
  /** Articles new to the database. */
  added: number;
  /** Articles whose content changed: their old rows were replaced. */
  replaced: number;
  /** Articles already there with the same content: not written. */
  unchanged: number;
  /** Passages written. */
  passages: number;
}

/** A progress report, after each batch. */
export interface IngestProgress extends IngestCounts {
  /** Articles looked at so far, of `total`. */
  done: number;
  total: number;
  /** Articles looked at per second so far, and the seconds left at that rate. */
  rate: number;
  secondsLeft: number;
}

/** How to ingest: the batch size, who hears of progress, and whether the run ends by finishing the ingestion (`finishIngestion`). */
export interface IngestOptions {
  batchSize?: number;
  onProgress?: (progress: IngestProgress) => void;
  /**
   * False when the caller runs `finishIngestion` itself, once after several runs (while most names
   * are new, clustering reads every stored quotation: once per run would grow with the square of
   * the archive; `ingestParts` makes one run of many parts).
   */
  finish?: boolean;
  /** Who hears how far the merging of postings rows is, when the run finishes. */
  onCompaction?: (progress: CompactionProgress) => void;
  /**
   * Process-wide settings for the batches' analysis on worker threads, chosen by the program (see
   * `src/buildTuning.ts`): each thread optimises its part of the analysis (the quotation reader, or
   * the analyser and the packing) for itself, on the cores the analysis uses.
   */
  tuning?: BuildTuning;
}

/**
 * Writes articles (distinct ids, as `loadCorpus` gives them) to PostgreSQL in batches, each one
 * transaction, idempotent by article id and content hash: an unchanged article is skipped before
 * it is analysed, a changed one has its rows replaced, and the term statistics follow. A run
 * stopped at any point leaves whole batches only, so running it again resumes where it stopped and
 * loses nothing. With several batches, the analysis (the analyser and the quotation reader) runs on
 * worker threads, the next batch's while this one is written.
 */
export function ingestArticles(pool: pg.Pool, articles: readonly Article[], options: IngestOptions = {}): Promise<IngestCounts> {
  return ingestParts(pool, [articles], articles.length, options);
}

/**
 * `ingestArticles` over articles given part after part (a corpus file at a time: the caller never
 * holds them all), `total` articles in all: batches run across the parts' ends, and one analysis
 * pipeline serves the whole run, its threads started and warmed up once. An id given twice in one
 * batch is written once, as its later article (in different batches, the later replaces the
 * earlier, as an edited article does). The parts are closed (their iterator's `return`) when the
 * run stops early.
 */
export async function ingestParts(pool: pg.Pool, parts: Iterable<readonly Article[]>, total: number, options: IngestOptions = {}): Promise<IngestCounts> {
  const size = options.batchSize ?? defaultBatchSize(total);
  const batches = batchesOf(parts, size);
  const onThreads = total > size && availableParallelism() > 1;
  const analysis = onThreads ? workerAnalysis() : inlineAnalysis;
  // Batches analysed ahead of the one being written (their new or changed articles): enough to keep every thread busy.
  const ahead: Array<{ batch: readonly Article[]; analysed: Promise<BatchToWrite | null> }> = [];
  const analyse = () => {
    const next = batches.next();
    if (next.done) return;
    const batch = next.value;
    const analysed = unstored(pool, batch).then((fresh) => (fresh.length ? analysis.batch(fresh) : null));
    analysed.catch(() => undefined); // a batch not reached when the run stops is never awaited
    ahead.push({ batch, analysed });
  };
  const counts = noCounts();
  const written = new WrittenTerms();
  const started = performance.now();
  let seen = 0;
  const writeBatches = async () => {
    for (let k = 0; k <= ANALYSED_AHEAD; k++) analyse();
    while (ahead.length) {
      const { batch, analysed: pending } = ahead.shift()!;
      const analysed = await pending;
      analyse();
      const done = analysed ? await writeAnalysed(pool, analysed, written) : noCounts();
      done.unchanged += batch.length - (analysed?.rows.length ?? 0);
      for (const key of Object.keys(counts) as Array<keyof IngestCounts>) counts[key] += done[key];
      seen += batch.length;
      const seconds = (performance.now() - started) / 1000;
      const rate = seen / (seconds || 1e-3);
      options.onProgress?.({ ...counts, done: seen, total, rate: Math.round(rate), secondsLeft: Math.round(Math.max(0, total - seen) / rate) });
    }
  };
  try {
    await underTuning(onThreads ? options.tuning : undefined, writeBatches);
  } finally {
    batches.return(undefined);
    // Stopped before the run's end, which needs none of what the threads hold (a reader, a vocabulary).
    await analysis.close();
  }
  if (options.finish !== false) await finishIngestion(pool, { terms: written.looked(), onProgress: options.onCompaction });
  return counts;
}

/**
 * The parts' articles in batches of `size` (the last one smaller), across the parts' ends, each
 * part taken when its articles are reached; an id met again in the same batch is kept once, as
 * its later article.
 */
function* batchesOf(parts: Iterable<readonly Article[]>, size: number): Generator<readonly Article[]> {
  let batch = new Map<string, Article>();
  for (const part of parts) {
    for (const article of part) {
      batch.delete(article.id);
      batch.set(article.id, article);
      if (batch.size === size) {
        yield [...batch.values()];
        batch = new Map();
      }
    }
  }
  if (batch.size) yield [...batch.values()];
}

/**
 * What follows the last batch of an ingestion: the new quotations grouped and their speakers
 * clustered, and the statistics of the tables the run changed brought up to date
 * (`analyseChangedTables`), then the postings rows written meanwhile merged into their terms' last
 * rows every `RUN_MERGE_ROWS` of them (`compactPostings`: among `terms` when given, else every
 * term), which is planned on them. When the pool has two connections, the clustering runs beside
 * the analysis and the merge: it touches other tables, and keeps about one core busy where the
 * analysis keeps the server's other; `quote_groups`, which the clustering holds, is analysed before
 * it starts, the rest one table after another on one connection, so that the clustering reads the
 * quotations on a third when the pool has one free (`finishQuoteIndex`); its own connection merges
 * too once it is done (the end of a fresh 30k run: 3.4 s, against 3.8 s with the analysis before
 * the clustering; of a 90k run: 11.0 s against 12.1). Returns the compaction's counts; when either
 * fails, fails once both have stopped.
 */
export async function finishIngestion(pool: pg.Pool, options: Pick<CompactionOptions, 'terms' | 'onProgress'> = {}): Promise<Compaction> {
  const compact = (helper?: Promise<unknown>) => compactPostings(pool, { ...options, minRows: RUN_MERGE_ROWS, helper });
  if (!hasSecondConnection(pool)) {
    await analyseChangedTables(pool);
    await finishQuoteIndex(pool);
    return compact();
  }
  // The clustering's transaction holds the grouping's table, which `ANALYZE (SKIP_LOCKED)` would then skip: that one first.
  const heldByClustering = (table: string) => table === GROUPING_LOCKED;
  await analyseChangedTables(pool, { among: heldByClustering });
  const clustering = finishQuoteIndex(pool);
  // Its connection merges too once the clustering is done (the merge is most of a large run's end).
  const analysed = analyseChangedTables(pool, { among: (table) => !heldByClustering(table), oneConnection: true });
  const [grouped, compacted] = await Promise.allSettled([clustering, analysed.then(() => compact(clustering))]);
  if (grouped.status === 'rejected') throw grouped.reason;
  if (compacted.status === 'rejected') throw compacted.reason;
  return compacted.value;
}

/**
 * The terms whose postings rows a run wrote, for the merge at its end. Past `WrittenTerms.MOST`
 * terms (a run over a large new folder) it stops keeping them and the merge looks at every term,
 * which then costs less than the run did.
 */
class WrittenTerms {
  static readonly MOST = 200_000;
  private readonly text = new Set<string>();
  private readonly title = new Set<string>();
  private all = false;

  /** Notes the terms of a batch's text and title rows. */
  add(text: readonly string[], title: readonly string[]): void {
    if (this.all) return;
    for (const term of text) this.text.add(term);
    for (const term of title) this.title.add(term);
    if (this.text.size + this.title.size <= WrittenTerms.MOST) return;
    this.all = true;
    this.text.clear();
    this.title.clear();
  }

  /** The terms to look at, or undefined for all of them. */
  looked(): CompactionOptions['terms'] {
    return this.all ? undefined : { text: [...this.text], title: [...this.title] };
  }
}

/**
 * The articles of a batch not stored with their content hash: new or changed, the only ones worth
 * analysing. Read outside the batch's transaction, so `writeBatch` checks them again under its lock.
 */
async function unstored(pool: pg.Pool, batch: readonly Article[]): Promise<Article[]> {
  const stored = await pool.query<{ id: string; content_hash: string }>('SELECT id, content_hash FROM articles WHERE id = ANY($1::text[])', [batch.map((a) => a.id)]);
  if (!stored.rows.length) return [...batch];
  const hashOf = new Map(stored.rows.map((row) => [row.id, row.content_hash]));
  return batch.filter((a) => hashOf.get(a.id) !== contentHash(a));
}

/** Writes an analysed batch in one transaction, noting the terms of its postings rows in `written`; what it did. */
function writeAnalysed(pool: pg.Pool, analysed: BatchToWrite, written: WrittenTerms): Promise<IngestCounts> {
  return inPoolTransaction(pool, (client) => writeBatch(client, analysed, written));
}

/** Batches analysed beyond the one being written. */
const ANALYSED_AHEAD = 1;

/** The changes a batch makes to the archive's totals. */
class StatsDelta {
  articles = 0;
  passages = 0;
  textLength = 0;
  titleLength = 0;

  /** Counts an article in (`sign` 1) or out (-1): its passages and their lengths, its title's length once per passage. */
  add(sign: 1 | -1, titleLength: number, passageLengths: readonly number[]): void {
    this.articles += sign;
    this.passages += sign * passageLengths.length;
    this.titleLength += sign * titleLength * passageLengths.length;
    for (const length of passageLengths) this.textLength += sign * length;
  }
}

/** A stored article as a batch replacing it reads it. */
interface StoredArticle {
  number: string;
  id: string;
  content_hash: string;
  title_length: number;
}

/** The statement reading `StoredArticle`s, before its WHERE clause. */
const STORED_ARTICLES = 'SELECT number, id, content_hash, title_length FROM articles';

/** Counts of a run or batch that wrote nothing. */
const noCounts = (): IngestCounts => ({ added: 0, replaced: 0, unchanged: 0, passages: 0 });

/** Writes one analysed batch inside the caller's transaction (its articles stored meanwhile with the same content skipped). */
async function writeBatch(client: pg.ClientBase, analysed: BatchToWrite, written: WrittenTerms): Promise<IngestCounts> {
  await client.query('SELECT pg_advisory_xact_lock($1)', [INGEST_LOCK]);
  const batch = analysed.rows.map((row) => row.article);
  const stored = await client.query<StoredArticle>(`${STORED_ARTICLES} WHERE id = ANY($1::text[])`, [batch.map((a) => a.id)]);
  const byId = new Map(stored.rows.map((row) => [row.id, row]));
  const changed = batch.filter((a, k) => byId.get(a.id)?.content_hash !== analysed.rows[k]!.contentHash);
  const replaced = changed.map((a) => byId.get(a.id)).filter((row): row is StoredArticle => row !== undefined);
  const counts = { added: changed.length - replaced.length, replaced: replaced.length, unchanged: batch.length - changed.length, passages: 0 };
  if (!changed.length) return counts;
  const delta = new StatsDelta();
  await removeArticles(client, replaced, delta);
  const write = new Set(changed);
  for (const row of analysed.rows) if (write.has(row.article)) delta.add(1, row.titleLength, row.passageLengths);
  // Quotations stored before migration 005 first: groups are numbered in article order.
  await groupNewQuotations(client);
  counts.passages = await insertRows(client, analysed, write, written);
  await addTotals(client, delta);
  await announce(client, { added: counts.added, replaced: counts.replaced });
  return counts;
}

/**
 * Deletes, inside the caller's transaction, the articles numbered `numbers` that are still stored:
 * their passages, quotations and postings follow, and the totals; returns how many were deleted.
 * What `--prune` runs per batch, as `writeBatch` is for the articles written. `rewritePostings`:
 * the postings read per statement while rewriting their rows (see `REWRITE_POSTINGS`).
 */
export async function removeBatch(client: pg.ClientBase, numbers: readonly string[], rewritePostings = REWRITE_POSTINGS): Promise<number> {
  await client.query('SELECT pg_advisory_xact_lock($1)', [INGEST_LOCK]);
  const stored = await client.query<StoredArticle>(`${STORED_ARTICLES} WHERE number = ANY($1::bigint[])`, [numbers]);
  if (!stored.rows.length) return 0;
  const delta = new StatsDelta();
  await removeArticles(client, stored.rows, delta, rewritePostings);
  await addTotals(client, delta);
  await announce(client, { removed: stored.rows.length });
  return stored.rows.length;
}

/** Tells every listening bot that the archive changed, when the transaction commits (never for one rolled back). */
async function announce(client: pg.ClientBase, change: { added?: number; replaced?: number; removed?: number }): Promise<void> {
  await client.query('SELECT pg_notify($1, $2)', [ARCHIVE_CHANGED, JSON.stringify(change)]);
}

/** Deletes stored articles with their passages, quotations and postings, counting them out of `delta`. */
async function removeArticles(client: pg.ClientBase, articles: readonly StoredArticle[], delta: StatsDelta, rewritePostings = REWRITE_POSTINGS): Promise<void> {
  if (!articles.length) return;
  const numbers = articles.map((row) => row.number);
  const old = await client.query<{ article: string; length: number }>('SELECT article, length FROM passages WHERE article = ANY($1::bigint[])', [numbers]);
  const byArticle = new Map<string, number[]>();
  for (const p of old.rows) {
    const lengths = byArticle.get(p.article);
    if (lengths) lengths.push(p.length);
    else byArticle.set(p.article, [p.length]);
  }
  for (const row of articles) delta.add(-1, row.title_length, byArticle.get(row.number) ?? []);
  await removePostings(client, TEXT_POSTINGS, numbers, rewritePostings);
  await removePostings(client, TITLE_POSTINGS, numbers, rewritePostings);
  for (const statement of ARTICLE_ROWS_DELETED) await client.query(statement, [numbers]);
}

/**
 * The statements deleting the articles numbered $1 with every row referring to them, the rows
 * first (migration 016: no foreign key checks or cascades them; the quotations' triggers fire).
 */
const ARTICLE_ROWS_DELETED = [
  'DELETE FROM passage_keys k USING passages p WHERE p.article = ANY($1::bigint[]) AND k.id = p.id',
  'DELETE FROM passages WHERE article = ANY($1::bigint[])',
  'DELETE FROM quotation_speakers WHERE article = ANY($1::bigint[])',
  'DELETE FROM quotations WHERE article = ANY($1::bigint[])',
  'DELETE FROM article_terms WHERE article = ANY($1::bigint[])',
  'DELETE FROM articles WHERE number = ANY($1::bigint[])',
];

/**
 * Takes the postings of the articles numbered `articles` out of their rows (rows left empty are
 * deleted). A row holds a block of documents numbered from `block` up to the next row's, so an
 * article's postings of a term are in the term's rows from the one with the highest block not
 * above the article's first document to the last starting at or before its last document (one
 * row, but for rows filled by migration 002 in blocks of 4,096 numbers, which may cut an article):
 * each is found by the primary key, and only those rows are read and rewritten, once, here
 * (`readPostingRows`, `replacePostingRows`), about `rewritePostings` postings at a time.
 */
async function removePostings(client: pg.ClientBase, table: PostingTable, articles: string[], rewritePostings: number): Promise<void> {
  const held = await client.query<{ term: string; block: string; postings: number }>(
    `SELECT DISTINCT d.term, r.block, r.postings FROM (${table.documents}) AS d
     CROSS JOIN LATERAL (SELECT b.block, b.found AS postings FROM ${table.name} b
       WHERE b.term = d.term AND b.block <= d.last
         AND b.block >= coalesce((SELECT max(f.block) FROM ${table.name} f WHERE f.term = d.term AND f.block <= d.first), d.first)) AS r`,
    [articles],
  );
  const gone = new Set(articles.map(Number));
  const articleColumn = table.columns.indexOf('articles');
  for (const run of runsOf(held.rows, (row) => row.postings, rewritePostings)) {
    const rows = await readPostingRows(client, table, `unnest($1::text[], $2::bigint[]) AS h(term, block) JOIN ${table.name} b ON b.term = h.term AND b.block = h.block`, [
      run.map((row) => row.term),
      run.map((row) => Number(row.block)),
    ]);
    const left = rows.flatMap(({ term, block, columns }) => {
      const kept = keptPostings(columns, columns[articleColumn]!, gone);
      return kept[0]!.length ? [postingRow(table, term, block, kept)] : [];
    });
    await replacePostingRows(client, table, rows, left);
  }
}

/** A row's columns without the postings whose article (in `articles`, one of the columns) is `gone`. */
function keptPostings(columns: readonly Float64Array[], articles: Float64Array, gone: ReadonlySet<number>): Float64Array[] {
  let count = 0;
  for (let i = 0; i < articles.length; i++) if (!gone.has(articles[i]!)) count++;
  if (count === articles.length) return [...columns];
  const kept = columns.map(() => new Float64Array(count));
  for (let i = 0, n = 0; i < articles.length; i++) {
    if (gone.has(articles[i]!)) continue;
    for (let c = 0; c < columns.length; c++) kept[c]![n] = columns[c]![i]!;
    n++;
  }
  return kept;
}

/**
 * Inserts the articles of the batch in `write`, their passages, quotations (each with its group of
 * the quotation index, `groupQuotations`) and postings (numbered after the highest numbers in use)
 * and their terms' characters; returns the passages written. Each row was packed on the analysis
 * thread (`BatchTables`): it only gets its numbers here.
 */
async function insertRows(client: pg.ClientBase, batch: BatchToWrite, write: ReadonlySet<Article>, written: WrittenTerms): Promise<number> {
  const next = await client.query<{ article: string; passage: string }>('SELECT (SELECT coalesce(max(number), 0) FROM articles) AS article, (SELECT coalesce(max(id), 0) FROM passages) AS passage');
  let article = Number(next.rows[0]!.article);
  let passage = Number(next.rows[0]!.passage);
  // The numbers of each article and passage row of the batch, and the article of each passage and quotation row (0: not written).
  const articleOf = new Float64Array(batch.rows.length);
  const passageOf = new Float64Array(batch.postings.text.lengths.length);
  const passageArticle = new Float64Array(passageOf.length);
  const quotationArticle = new Float64Array(batch.rows.reduce((n, row) => n + row.quotations.length, 0));
  // The batch's quotation texts were worked out on the analysis thread; they are worked out again
  // here, from the articles written, when another writer stored some of the batch meanwhile.
  const whole = batch.rows.every((row) => write.has(row.article));
  const toGroup: QuotationToGroup[] = [];
  const firstArticle = article + 1;
  const firstPassage = passage + 1;
  // The postings values of each of the batch's articles and passages (in batch order), none for those not written.
  const titleValues = new DocumentValues(TITLE_POSTINGS, batch.rows.length);
  const textValues = new DocumentValues(TEXT_POSTINGS, batch.postings.text.lengths.length);
  let textDocument = 0;
  let quotation = 0;
  for (const [k, { article: a, day, titleLength, passageLengths, quotations: quotes }] of batch.rows.entries()) {
    if (!write.has(a)) {
      textDocument += passageLengths.length;
      quotation += quotes.length;
      continue;
    }
    articleOf[k] = ++article;
    titleValues.set(k, [article, 0, titleLength, passage + 1, passageLengths.length]);
    for (const length of passageLengths) {
      passageOf[textDocument] = ++passage;
      passageArticle[textDocument] = article;
      textValues.set(textDocument++, [passage, 0, length, article]);
    }
    for (const q of quotes) {
      quotationArticle[quotation++] = article;
      if (!whole) toGroup.push({ text: a.body.slice(q.start, q.end), matching: q.matching, day });
    }
  }
  if (textDocument !== textValues.written.length) throw new Error(`a batch's rows hold ${textDocument} passages and its postings ${textValues.written.length}`);
  const groups = await groupQuotations(client, whole ? batch.quotationTexts : quotationTexts(toGroup));
  const { tables } = batch;
  await copyPackedRows(client, ARTICLES, tables.articles, articleOf.length, (k) => (articleOf[k] ? [articleOf[k]] : null));
  await copyPackedRows(client, ARTICLE_TERMS, tables.articleTerms, articleOf.length, (k) => (articleOf[k] ? [articleOf[k]] : null));
  await copyPackedRows(client, PASSAGES, tables.passages, textDocument, (n) => (passageOf[n] ? [passageOf[n], passageArticle[n]!] : null));
  let grouped = 0;
  await copyPackedRows(client, QUOTATIONS, tables.quotations, quotation, (j) => (quotationArticle[j] ? [groups[grouped++]!, quotationArticle[j]] : null));
  if (grouped !== groups.length) throw new Error(`a batch wrote ${grouped} quotations and grouped ${groups.length}`);
  await copyPackedRows(client, PASSAGE_KEYS, tables.passageKeys, textDocument, (n) => (passageOf[n] ? [passageOf[n]] : null));
  const { terms, text, title } = batch.postings;
  const [textTerms, titleTerms]: [string[], string[]] = [[], []];
  await copyBinaryInto(client, TEXT_POSTINGS.name, postingColumns(TEXT_POSTINGS), postingRows(TEXT_POSTINGS, terms, text, firstPassage, textValues, textTerms));
  await copyBinaryInto(client, TITLE_POSTINGS.name, postingColumns(TITLE_POSTINGS), postingRows(TITLE_POSTINGS, terms, title, firstArticle, titleValues, titleTerms));
  await addTermChars(client, [textTerms, titleTerms]);
  written.add(textTerms, titleTerms);
  return passage - firstPassage + 1;
}

/**
 * A block's rows of postings `table` from the batch's postings of one field, grouped by term as
 * the index builder groups them: for each term with a document written, its row (`postingColumns`)
 * packed straight from the batch's postings and the written documents' `values`
 * (`packBatchPostings`), its postings' counts the term's. Made one at a time as the COPY takes them
 * (so each dies young, before the next); the terms of the rows made are pushed on `made`.
 */
function* postingRows(table: PostingTable, terms: readonly string[], field: FieldPostings, block: number, values: DocumentValues, made: string[]): Generator<BinaryValue[]> {
  const { start, docs, tfs } = field;
  const [documents, , lengths, ...further] = values.columns as [Float64Array, Float64Array, Float64Array, ...Float64Array[]];
  const byDocument = { documents, lengths, further };
  const summed = summedColumn(table, values.columns);
  const written = values.written.every((w) => w === 1) ? null : values.written;
  for (let t = 0; t < terms.length; t++) {
    if (start[t] === start[t + 1]) continue;
    const row = packBatchPostings(block, docs, tfs, start[t]!, start[t + 1]!, byDocument, written, table.further.codings, summed);
    if (!row.postings) continue;
    made.push(terms[t]!);
    yield [terms[t]!, block, summed ? row.sum : row.postings, row.packed, row.further];
  }
}

/** The values a batch's documents (its articles or passages, in batch order) give their postings, a column of the table at a time, and which of them are written. */
class DocumentValues {
  readonly columns: Float64Array[];
  readonly written: Uint8Array;

  constructor(table: PostingTable, documents: number) {
    // The counts are the term's, read from the postings: that column is left empty.
    this.columns = table.columns.map((_, k) => new Float64Array(k === COUNT_COLUMN ? 0 : documents));
    this.written = new Uint8Array(documents);
  }

  /** Document `document` is written, with these values (in the table's column order; the counts' place is the term's, not the document's). */
  set(document: number, values: readonly number[]): void {
    this.written[document] = 1;
    for (let k = 0; k < values.length; k++) if (k !== COUNT_COLUMN) this.columns[k]![document] = values[k]!;
  }
}

/**
 * Adds the characters of a batch's distinct terms (in lists) to the alphabet of spelling variants
 * (kept when articles leave: a character no term has any more only costs a variant tried in vain).
 * The characters are gathered as code points (as iterating a string gives them, a lone surrogate
 * as itself), not as a string each: a batch of 5,000 articles has about 700k.
 */
async function addTermChars(client: pg.ClientBase, termLists: ReadonlyArray<readonly string[]>): Promise<void> {
  const chars = new Set<number>();
  for (const terms of termLists) {
    for (const term of terms) {
      for (let i = 0; i < term.length; i++) {
        const code = term.codePointAt(i)!;
        chars.add(code);
        if (code > 0xffff) i++;
      }
    }
  }
  await client.query('INSERT INTO term_chars (ch) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING', [Array.from(chars, (code) => String.fromCodePoint(code))]);
}

/** Adds a batch's changes to the archive's totals. */
async function addTotals(client: pg.ClientBase, delta: StatsDelta): Promise<void> {
  await client.query('UPDATE corpus_stats SET articles = articles + $1, passages = passages + $2, text_length = text_length + $3, title_length = title_length + $4', [
    delta.articles,
    delta.passages,
    delta.textLength,
    delta.titleLength,
  ]);
}

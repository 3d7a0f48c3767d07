import { createHash } from 'node:crypto';
import { type IndexParts, indexParts } from '../engine/build/parts.js';
import { titleKeys } from '../engine/engine.js';
import { type QuotationRows, type Row as QuotationRow, overlappingMost, rowFlags } from '../engine/quotes/index.js';
import type { FieldPostings } from '../engine/search/index/passageIndex.js';
import { type PackedRows, type PackedTable, RowPacker, UTF8_MOST_BYTES } from './copyBinary.js';
import { type QuotationTexts, type QuotationToGroup, quotationTexts } from './quotationTexts.js';
import { type KeyedDocument, PASSAGE_KEYS, TERM_KEY_BYTES, keyOrder, passageKeysRow, termKey, writeTermKey } from './termKeys.js';
import { type Article, dayOf } from '../engine/types.js';

/**
 * Bumped when the analyser's output changes (stemming, stop words, passage cutting), so that the
 * next ingestion rewrites every article instead of keeping terms made by the old analyser.
 */
const ANALYSIS_VERSION = 2;

/** A title as the index holds it, ready to be written: its terms (sorted) and their counts, their keys (`encodeTermKeys`), its length. */
export interface FieldTerms extends KeyedDocument {
  terms: string[];
  tfs: Uint8Array;
}

/** An article ready to be written: its fields, its title's terms and its passages with theirs. */
export interface ArticleRow {
  article: Article;
  day: string;
  contentHash: string;
  title: FieldTerms;
  /** Every term of its passages once, in the term list's order, separated by spaces: where a deletion finds its postings. */
  textTerms: string;
  /** What `/summary article:` compares a typed title with (see `titleKeys`). */
  titleKeys: { same: string; holding: string };
  passages: PassageRow[];
  /** Its quotations as the engine's quotation reader finds them, in the reader's order. */
  quotations: QuotationEntry[];
}

/** A quotation ready to be written: the reader's row, and the words whosaid matches (joined by spaces; null when made from the text). */
export interface QuotationEntry {
  row: QuotationRow;
  matching: string | null;
}

/** A passage ready to be written (verbatim text with its offsets, copy key, and its terms' keys). */
export interface PassageRow extends KeyedDocument {
  position: number;
  start: number;
  end: number;
  text: string;
  copyKey: number;
  /** Who is quoted in the passage: the speaker of the quotation overlapping it most, as the embedded engine tells. */
  speaker: string | null;
}

/** A hash of what an article says and of the analyser version: equal means there is nothing to rewrite. */
export function contentHash(article: Article): string {
  const { id, title, body, date, source, url, lang, author, meta } = article;
  return createHash('sha256')
    .update(JSON.stringify([ANALYSIS_VERSION, id, title, body, date, source, url, lang, author, meta ?? null]))
    .digest('base64url');
}

/**
 * A batch's postings as the index builder groups them: its sorted terms, and for each the documents
 * holding it, in order, with their counts (the batch's passages in order for the text, its articles for titles).
 */
export interface BatchPostings {
  terms: string[];
  text: FieldPostings;
  title: FieldPostings;
}

/** A batch analysed: a row per article, and the batch's postings (what the postings tables get, without grouping the rows' terms again). */
export interface AnalysedBatch {
  rows: ArticleRow[];
  postings: BatchPostings;
}

/**
 * Analyses articles exactly as the embedded engine indexes them (the same passage cutting and the
 * same index builder, so the same terms, counts and lengths), and reads each document's terms back
 * out of the built postings; `quotations` are the rows the engine's own quotation reader found in
 * them (`extractRows`, its article numbers their places in `articles`, the rows' texts in place).
 * `indexed` is the articles cut and indexed (`indexParts`) when that is done already, on a
 * vocabulary the caller keeps across batches so each spelling is normalised and stemmed once (the
 * batch's index holds its own terms only).
 */
export function analyseBatch(articles: readonly Article[], quotations: QuotationRows, indexed: IndexParts = indexParts(articles)): AnalysedBatch {
  const { spans, index } = indexed;
  const terms = batchTerms(index.terms);
  const titles = documentTerms(terms, index.title, true);
  const texts = documentTerms(terms, index.text, false);
  const textTerms = articleTerms(index.terms, index.text, spans.article, articles.length);
  const rows: ArticleRow[] = articles.map((article, k) => ({
    article, day: dayOf(article.date), contentHash: contentHash(article), title: titles[k]!, textTerms: textTerms[k]!, titleKeys: titleKeys(article), passages: [], quotations: [],
  }));
  quotations.quotes.forEach((row, i) => rows[row.article]!.quotations.push({ row, matching: quotations.matching[i] ?? null }));
  const quoted = rows.map((row) => row.quotations.map((q) => q.row));
  for (let n = 0; n < spans.article.length; n++) {
    const row = rows[spans.article[n]!]!;
    const start = spans.start[n]!;
    const end = spans.end[n]!;
    // The speaker of the article's quotation overlapping the passage most, as the quotation index tells it.
    const speaker = overlappingMost(quoted[spans.article[n]!]!, start, end)?.speaker || null;
    const { keys, length } = texts[n]!;
    row.passages.push({ keys, length, position: row.passages.length, start, end, text: row.article.body.slice(start, end), copyKey: spans.copyKeys[n]!, speaker });
  }
  return { rows, postings: { terms: index.terms, text: index.text, title: index.title } };
}

/**
 * What the writing thread needs of an analysed article besides its packed rows (`BatchTables`): its hash
 * and day, the lengths the totals and the postings count, and its quotations' offsets (their texts
 * are slices of the body) with the words whosaid matches: their count places the article's quotation rows,
 * and they are grouped again when another writer stored part of the batch meanwhile (else the
 * batch's `quotationTexts` serve).
 */
export interface ArticleToWrite {
  article: Article;
  day: string;
  contentHash: string;
  titleLength: number;
  passageLengths: number[];
  quotations: Array<{ start: number; end: number; matching: string | null }>;
}

// The tables a batch writes by binary COPY, each row packed on the analysis thread (`RowPacker`)
// but for its numbered columns, which the writing thread gives under its lock (see `insertRows`).

/** `articles`, numbered by the article's number. */
export const ARTICLES: PackedTable = {
  name: 'articles',
  numbered: [['number', 'bigint']],
  columns: [
    ['id', 'text'], ['title', 'text'], ['body', 'text'], ['source', 'text'], ['date', 'text'], ['day', 'text'], ['url', 'text'], ['lang', 'text'], ['author', 'text'], ['file', 'text'],
    ['meta', 'jsonb'], ['content_hash', 'text'], ['title_terms', 'text[]'], ['title_tfs', 'smallint[]'], ['title_length', 'integer'], ['passage_count', 'integer'], ['title_same', 'text'], ['title_key', 'text'],
  ],
};
/** `article_terms`, numbered by the article's number (migration 017). */
export const ARTICLE_TERMS: PackedTable = { name: 'article_terms', numbered: [['article', 'bigint']], columns: [['terms', 'text']] };
/** `passages`, numbered by the passage's id and its article's number. */
export const PASSAGES: PackedTable = {
  name: 'passages',
  numbered: [['id', 'bigint'], ['article', 'bigint']],
  columns: [['position', 'integer'], ['start_offset', 'integer'], ['end_offset', 'integer'], ['text', 'text'], ['copy_key', 'bigint'], ['length', 'integer'], ['speaker', 'text']],
};
/** `quotations`, numbered by the quotation's group in the quotation index and its article's number. */
export const QUOTATIONS: PackedTable = {
  name: 'quotations',
  numbered: [['grp', 'integer'], ['article', 'bigint']],
  columns: [['position', 'integer'], ['start_offset', 'integer'], ['end_offset', 'integer'], ['text', 'text'], ['flags', 'smallint'], ['speaker', 'text'], ['speaker_title', 'text'], ['matching', 'text'], ['day', 'text']],
};

/** A batch's rows of each table written by binary COPY, packed (see `ARTICLES` and the others), a row per article, passage or quotation in batch order. */
export interface BatchTables {
  articles: PackedRows;
  articleTerms: PackedRows;
  passages: PackedRows;
  passageKeys: PackedRows;
  quotations: PackedRows;
}

/** A batch ready to be written: its articles, its tables' rows, its postings and its quotations' texts (in batch order) for the quotation index. */
export interface BatchToWrite {
  rows: ArticleToWrite[];
  tables: BatchTables;
  postings: BatchPostings;
  quotationTexts: QuotationTexts;
}

/** A batch to write as an analysis thread posts it: its rows without their articles, which the writing thread holds. */
export type PostedBatch = Omit<BatchToWrite, 'rows'> & { rows: Array<Omit<ArticleToWrite, 'article'>> };

/** The batch an analysis thread posted (`withoutArticles`), its articles put back. */
export function withArticles(posted: PostedBatch, articles: readonly Article[]): BatchToWrite {
  return { ...posted, rows: posted.rows.map((row, k) => ({ ...row, article: articles[k]! })) };
}

/** The batch without its articles, to post to the thread that holds them. */
export function withoutArticles(batch: BatchToWrite): PostedBatch {
  return { ...batch, rows: batch.rows.map(({ article: _, ...row }) => row) };
}

/** An analysed batch made ready to write: most of the writing work, done where it was analysed. */
export function toWrite({ rows, postings }: AnalysedBatch): BatchToWrite {
  const room = packedRoom(rows);
  const packers = {
    articles: new RowPacker(ARTICLES, room.articles),
    articleTerms: new RowPacker(ARTICLE_TERMS, room.articleTerms),
    passages: new RowPacker(PASSAGES, room.passages),
    passageKeys: new RowPacker(PASSAGE_KEYS),
    quotations: new RowPacker(QUOTATIONS),
  };
  const toGroup: QuotationToGroup[] = [];
  for (const { article: a, day, contentHash: hash, title, textTerms, titleKeys: keys, passages, quotations } of rows) {
    const meta = a.meta === undefined ? null : JSON.stringify(a.meta);
    packers.articleTerms.add([textTerms]);
    packers.articles.add([a.id, a.title, a.body, a.source, a.date, day, a.url, a.lang, a.author, a.file, meta, hash, title.terms, title.tfs, title.length, passages.length, keys.same, keys.holding]);
    for (const p of passages) {
      packers.passages.add([p.position, p.start, p.end, p.text, p.copyKey, p.length, p.speaker]);
      packers.passageKeys.add(passageKeysRow(p, title));
    }
    for (const [position, { row: q, matching }] of quotations.entries()) {
      packers.quotations.add([position, q.start, q.end, q.text, rowFlags(q), q.speaker, q.speakerTitle, matching, day]);
      toGroup.push({ text: q.text, matching, day });
    }
  }
  return {
    rows: rows.map(({ article, day, contentHash: hash, title, passages, quotations }) => ({
      article, day, contentHash: hash, titleLength: title.length, passageLengths: passages.map((p) => p.length),
      quotations: quotations.map(({ row, matching }) => ({ start: row.start, end: row.end, matching })),
    })),
    tables: {
      articles: packers.articles.finish(),
      articleTerms: packers.articleTerms.finish(),
      passages: packers.passages.finish(),
      passageKeys: packers.passageKeys.finish(),
      quotations: packers.quotations.finish(),
    },
    postings,
    quotationTexts: quotationTexts(toGroup),
  };
}

/** Bytes of a row beside its texts, at most, in the tables sized by `packedRoom`: an article's numbers, title terms and counts; an article-terms or passage row's numbers. */
const ROW_ROOM = { article: 1024, numbers: 64 };

/**
 * Room for a batch's packed articles, article terms and passages, foreseen from their texts' lengths
 * (`UTF8_MOST_BYTES` a UTF-16 unit) so that their buffers, tens of megabytes a batch, are
 * not grown and copied row after row; a row beyond the foreseen room still grows them.
 */
function packedRoom(rows: readonly ArticleRow[]): { articles: number; articleTerms: number; passages: number } {
  let articles = 0;
  let articleTerms = 0;
  let passages = 0;
  for (const { article: a, textTerms, passages: ofArticle } of rows) {
    articles += ROW_ROOM.article + UTF8_MOST_BYTES * (a.id.length + a.title.length + a.body.length + a.source.length + a.date.length + (a.url?.length ?? 0) + a.lang.length + (a.author?.length ?? 0) + a.file.length);
    articleTerms += ROW_ROOM.numbers + UTF8_MOST_BYTES * textTerms.length;
    for (const p of ofArticle) passages += ROW_ROOM.numbers + UTF8_MOST_BYTES * (p.text.length + (p.speaker?.length ?? 0));
  }
  return { articles, articleTerms, passages };
}

/** What a batch's documents are written with, per term of its sorted term list: the term and its key; and the terms in key order (`keyOrder`). */
interface BatchTerms {
  terms: readonly string[];
  keys: number[];
  byKey: Uint32Array;
}

/** Each term of the batch as its documents' rows write it, worked out once per batch rather than once per document holding it. */
function batchTerms(terms: readonly string[]): BatchTerms {
  const keys = terms.map(termKey);
  return { terms, keys, byKey: keyOrder(keys) };
}

/**
 * The terms of each document of one field, from the field's postings: regrouped by document with
 * the terms taken in key order (`byDocument`), so each document's keys come out sorted as
 * `encodeTermKeys` sorts them (all the field's keys in one buffer), and with `withTerms` its terms
 * and counts in the term list's order (`FieldTerms`: titles, whose terms a deletion reads).
 */
function documentTerms(terms: BatchTerms, postings: FieldPostings, withTerms: true): FieldTerms[];
function documentTerms(terms: BatchTerms, postings: FieldPostings, withTerms: false): KeyedDocument[];
function documentTerms(terms: BatchTerms, postings: FieldPostings, withTerms: boolean): Array<KeyedDocument | FieldTerms> {
  const from = documentStarts(postings);
  const { termOf, tfOf } = byDocument(postings, from, terms.byKey);
  const keys = new Uint8Array(termOf.length * TERM_KEY_BYTES);
  for (let slot = 0; slot < termOf.length; slot++) writeTermKey(terms.keys[termOf[slot]!]!, tfOf[slot]!, keys, slot * TERM_KEY_BYTES);
  const inTermOrder = withTerms ? byDocument(postings, from, null) : null;
  const documents: Array<KeyedDocument | FieldTerms> = [];
  for (let doc = 0; doc + 1 < from.length; doc++) {
    const keyed = { keys: keys.subarray(from[doc]! * TERM_KEY_BYTES, from[doc + 1]! * TERM_KEY_BYTES), length: postings.lengths[doc]! };
    if (!inTermOrder) {
      documents.push(keyed);
      continue;
    }
    const own = inTermOrder.termOf.subarray(from[doc]!, from[doc + 1]!);
    const counts = inTermOrder.tfOf.subarray(from[doc]!, from[doc + 1]!);
    documents.push({ ...keyed, terms: Array.from(own, (t) => terms.terms[t]!), tfs: counts });
  }
  return documents;
}

/** Where each document's postings start once a field's postings are regrouped by document (`byDocument`), and where the last ends. */
function documentStarts(postings: FieldPostings): Uint32Array {
  const { docs, lengths } = postings;
  const from = new Uint32Array(lengths.length + 1);
  for (let i = 0; i < docs.length; i++) from[docs[i]! + 1]!++;
  for (let doc = 0; doc < lengths.length; doc++) from[doc + 1]! += from[doc]!;
  return from;
}

/**
 * A field's postings regrouped by document (a counting sort over `from`, `documentStarts`):
 * document `doc`'s terms and their counts are `termOf` and `tfOf` from `from[doc]` to
 * `from[doc + 1]`, in the order `termOrder` visits the term list's positions (null: the list's own order).
 */
function byDocument(postings: FieldPostings, from: Uint32Array, termOrder: ArrayLike<number> | null): { termOf: Uint32Array; tfOf: Uint8Array } {
  const { start, docs, tfs } = postings;
  const next = from.slice(0, from.length - 1);
  const termOf = new Uint32Array(docs.length);
  const tfOf = new Uint8Array(docs.length);
  for (let k = 0; k + 1 < start.length; k++) {
    const t = termOrder ? termOrder[k]! : k;
    for (let i = start[t]!; i < start[t + 1]!; i++) {
      const slot = next[docs[i]!]!++;
      termOf[slot] = t;
      tfOf[slot] = tfs[i]!;
    }
  }
  return { termOf, tfOf };
}

/**
 * Each article's text terms, every term once and in the term list's order, separated by spaces
 * (as `article_terms` holds them: migration 017): from the field's postings, term by term, each
 * passage's term given to its article (`articleOf`). A term holding a space would be read back as
 * two, and is refused.
 */
function articleTerms(terms: readonly string[], postings: FieldPostings, articleOf: ArrayLike<number>, articles: number): string[] {
  const { start, docs } = postings;
  const own: string[][] = Array.from({ length: articles }, () => []);
  const lastTerm = new Int32Array(articles).fill(-1);
  for (let t = 0; t + 1 < start.length; t++) {
    if (terms[t]!.includes(' ')) throw new Error(`the analyser made a term holding a space: ${JSON.stringify(terms[t])}`);
    for (let i = start[t]!; i < start[t + 1]!; i++) {
      const a = articleOf[docs[i]!]!;
      if (lastTerm[a] === t) continue;
      lastTerm[a] = t;
      own[a]!.push(terms[t]!);
    }
  }
  return own.map((words) => words.join(' '));
}

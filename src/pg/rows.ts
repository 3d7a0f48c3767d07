import { createHash } from 'node:crypto';
import { indexParts } from '../engine/build/parts.js';
import { titleKeys } from '../engine/engine.js';
import { QuoteReader, type Row as QuotationRow, extractRows, overlappingMost } from '../engine/quotes/index.js';
import type { FieldPostings } from '../engine/search/index/passageIndex.js';
import { type Article, dayOf } from '../engine/types.js';

/**
 * Bumped when the analyser's output changes (stemming, stop words, passage cutting), so that the
 * next ingestion rewrites every article instead of keeping terms made by the old analyser.
 */
const ANALYSIS_VERSION = 2;

/** One field of one document as the index holds it: its terms (sorted), their counts, its length. */
export interface FieldTerms {
  terms: string[];
  tfs: number[];
  length: number;
}

/** An article ready to be written: its fields, its title's terms and its passages with theirs. */
export interface ArticleRow {
  article: Article;
  day: string;
  contentHash: string;
  title: FieldTerms;
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

/** A passage ready to be written (verbatim text with its offsets, copy key and terms). */
export interface PassageRow extends FieldTerms {
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
 * out of the built postings; their quotations are read by the engine's own quotation reader
 * (`reader`, kept by the caller across batches so its English model loads once).
 */
export function analyseBatch(articles: readonly Article[], reader: QuoteReader): AnalysedBatch {
  return withTerms(analyseWithoutTerms(articles, reader));
}

/**
 * `analyseBatch` with each document's terms and counts left empty (its length is set): what an
 * analysis thread posts, since the thread writing reads them out of the batch's postings
 * (`withTerms`), which it receives anyway, faster than it would receive a copy of every term.
 */
export function analyseWithoutTerms(articles: readonly Article[], reader: QuoteReader): AnalysedBatch {
  const { spans, index } = indexParts(articles);
  const found = extractRows(reader, articles);
  const rows: ArticleRow[] = articles.map((article, k) => ({ article, day: dayOf(article.date), contentHash: contentHash(article), title: unfilled(index.title, k), titleKeys: titleKeys(article), passages: [], quotations: [] }));
  found.quotes.forEach((row, i) => rows[row.article]!.quotations.push({ row, matching: found.matching[i] ?? null }));
  const quoted = rows.map((row) => row.quotations.map((q) => q.row));
  for (let n = 0; n < spans.article.length; n++) {
    const row = rows[spans.article[n]!]!;
    const start = spans.start[n]!;
    const end = spans.end[n]!;
    // The speaker of the article's quotation overlapping the passage most, as the quotation index tells it.
    const speaker = overlappingMost(quoted[spans.article[n]!]!, start, end)?.speaker || null;
    row.passages.push({ ...unfilled(index.text, n), position: row.passages.length, start, end, text: row.article.body.slice(start, end), copyKey: spans.copyKeys[n]!, speaker });
  }
  return { rows, postings: { terms: index.terms, text: index.text, title: index.title } };
}

/** A document's field with its length and no terms yet (see `withTerms`). */
const unfilled = (postings: FieldPostings, doc: number): FieldTerms => ({ terms: [], tfs: [], length: postings.lengths[doc] ?? 0 });

/** Fills each document's terms and counts, left empty by `analyseWithoutTerms`, from the batch's postings; in place. */
export function withTerms(batch: AnalysedBatch): AnalysedBatch {
  const { terms, title, text } = batch.postings;
  fillTerms(terms, title, batch.rows.map((row) => row.title));
  fillTerms(terms, text, batch.rows.flatMap((row) => row.passages));
  return batch;
}

/** An article's row as an analysis thread posts it: without the article, with empty passage and quotation texts (slices of its body), and without its documents' terms (see `analyseWithoutTerms`). */
export type PostedRow = Omit<ArticleRow, 'article'>;

/** The row without its article and its texts cut out of the body, to post to the thread that holds the article (less to copy). */
export function withoutBodyTexts({ article: _, ...row }: ArticleRow): PostedRow {
  for (const p of row.passages) p.text = '';
  for (const q of row.quotations) q.row.text = '';
  return row;
}

/** The row of `article` posted by `withoutBodyTexts`, its texts cut back out of the body; in place. */
export function withBodyTexts(row: PostedRow, article: Article): ArticleRow {
  for (const p of row.passages) p.text = article.body.slice(p.start, p.end);
  for (const q of row.quotations) q.row.text = article.body.slice(q.row.start, q.row.end);
  return { ...row, article };
}

/**
 * Puts each document's terms and counts from one field's postings into `documents` (terms come out
 * sorted, as the term list is): the postings regrouped by document first (a counting sort, stable in
 * term order), so each document's arrays are filled in one go.
 */
function fillTerms(terms: readonly string[], postings: FieldPostings, documents: readonly FieldTerms[]): void {
  const { start, docs, tfs } = postings;
  const from = new Uint32Array(documents.length + 1);
  for (let i = 0; i < docs.length; i++) from[docs[i]! + 1]!++;
  for (let doc = 0; doc < documents.length; doc++) from[doc + 1]! += from[doc]!;
  const next = from.slice(0, documents.length);
  const termOf = new Uint32Array(docs.length);
  const tfOf = new Uint8Array(docs.length);
  for (let t = 0; t < terms.length; t++) {
    for (let i = start[t]!; i < start[t + 1]!; i++) {
      const slot = next[docs[i]!]!++;
      termOf[slot] = t;
      tfOf[slot] = tfs[i]!;
    }
  }
  for (const [doc, row] of documents.entries()) {
    for (let slot = from[doc]!; slot < from[doc + 1]!; slot++) {
      row.terms.push(terms[termOf[slot]!]!);
      row.tfs.push(tfOf[slot]!);
    }
  }
}

import { createHash } from 'node:crypto';
import { indexParts } from '../engine/build/parts.js';
import type { FieldPostings } from '../engine/search/index/passageIndex.js';
import { type Article, dayOf } from '../engine/types.js';

/**
 * Bumped when the analyser's output changes (stemming, stop words, passage cutting), so that the
 * next ingestion rewrites every article instead of keeping terms made by the old analyser.
 */
const ANALYSIS_VERSION = 1;

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
  passages: PassageRow[];
}

/** A passage ready to be written (verbatim text with its offsets, copy key and terms). */
export interface PassageRow extends FieldTerms {
  position: number;
  start: number;
  end: number;
  text: string;
  copyKey: number;
}

/** A hash of what an article says and of the analyser version: equal means there is nothing to rewrite. */
export function contentHash(article: Article): string {
  const { id, title, body, date, source, url, lang, author, meta } = article;
  return createHash('sha256')
    .update(JSON.stringify([ANALYSIS_VERSION, id, title, body, date, source, url, lang, author, meta ?? null]))
    .digest('base64url');
}

/**
 * Analyses articles exactly as the embedded engine indexes them (the same passage cutting and the
 * same index builder, so the same terms, counts and lengths), and reads each document's terms back
 * out of the built postings.
 */
export function articleRows(articles: readonly Article[]): ArticleRow[] {
  const { spans, index } = indexParts(articles);
  const titles = documentTerms(index.terms, index.title, articles.length);
  const texts = documentTerms(index.terms, index.text, spans.article.length);
  const rows: ArticleRow[] = articles.map((article, k) => ({ article, day: dayOf(article.date), contentHash: contentHash(article), title: titles[k]!, passages: [] }));
  for (let n = 0; n < spans.article.length; n++) {
    const row = rows[spans.article[n]!]!;
    const start = spans.start[n]!;
    const end = spans.end[n]!;
    row.passages.push({ ...texts[n]!, position: row.passages.length, start, end, text: row.article.body.slice(start, end), copyKey: spans.copyKeys[n]! });
  }
  return rows;
}

/** Each document's terms and counts from one field's postings (terms come out sorted, as the term list is). */
function documentTerms(terms: readonly string[], postings: FieldPostings, documents: number): FieldTerms[] {
  const out: FieldTerms[] = Array.from({ length: documents }, (_, doc) => ({ terms: [], tfs: [], length: postings.lengths[doc] ?? 0 }));
  for (let t = 0; t < terms.length; t++) {
    for (let i = postings.start[t]!; i < postings.start[t + 1]!; i++) {
      const doc = out[postings.docs[i]!]!;
      doc.terms.push(terms[t]!);
      doc.tfs.push(postings.tfs[i]!);
    }
  }
  return out;
}

import { WORD } from '../text/normalize.js';
import { matchTokens } from './fuzzy.js';

/**
 * A pasted text read as a whosaid query: the text without what cannot be part of a quotation
 * (links, mentions, hashtags, Discord custom emoji), and the quoted spans inside it.
 */
export interface QuoteQuery {
  /** The text, links, mentions and hashtags blanked out. */
  text: string;
  /** The texts between paired quote marks, outer spans first, then the spans inside them. */
  spans: string[];
}

/** One word of a query: as the user wrote it, and its matching form (see `matchTokens`). */
export interface QueryWord {
  surface: string;
  folded: string;
}

/**
 * Links, Discord mentions and custom emoji (`<@123>`, `<#123>`, `<:name:123>`), @handles and
 * #hashtags: tweet furniture around a quotation, never words of it.
 */
const FURNITURE = /\b(?:https?:\/\/|www\.)\S+|<(?:@[!&]?|#|a?:\w+:)\d+>|[@#][\p{L}\p{N}_.]+/gu;

/**
 * The closing marks each opening quote mark pairs with: guillemets both ways round (Arabic and French
 * «», German »«), English and German curly quotes, single quotes, CJK corner brackets.
 */
const CLOSERS: Record<string, string> = {
  '«': '»', '»': '«', '‹': '›', '›': '‹', '“': '”“', '„': '“”', '”': '”', '‘': '’', '‚': '‘’', '"': '"', "'": "'", '「': '」', '『': '』', '〝': '〞',
};
/** Marks that double as apostrophes (`don't`, `it’s`): they open only after a non-letter and close only before one. */
const APOSTROPHE_LIKE = new Set(["'", '’', '‘']);
const LETTER = /[\p{L}\p{N}]/u;

/** Reads a pasted message, tweet, headline or bare quotation as a whosaid query. */
export function readQuoteQuery(text: string): QuoteQuery {
  const clean = text.replace(FURNITURE, ' ');
  return { text: clean, spans: quotedSpans(clean) };
}

/** Whether a pasted text has a word to look up once links, mentions and hashtags are left out. */
export const hasQuoteWords = (text: string) => queryWords(readQuoteQuery(text).text).length > 0;

/** The texts between paired quote marks of `text` that hold a word: each outer span, then the spans inside it. */
export function quotedSpans(text: string): string[] {
  const spans: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const closers = CLOSERS[text[i]!];
    if (!closers || (APOSTROPHE_LIKE.has(text[i]!) && LETTER.test(text[i - 1] ?? ''))) continue;
    const close = closingMark(text, i + 1, closers);
    if (close < 0) continue;
    const inner = text.slice(i + 1, close);
    if (LETTER.test(inner)) spans.push(inner.trim(), ...quotedSpans(inner));
    i = close;
  }
  return spans;
}

/** The first of `closers` from `from` on that can close a quotation (an apostrophe-like mark only before a non-letter), or -1. */
function closingMark(text: string, from: number, closers: string): number {
  for (let j = from; j < text.length; j++) {
    if (closers.includes(text[j]!) && !(APOSTROPHE_LIKE.has(text[j]!) && LETTER.test(text[j + 1] ?? ''))) return j;
  }
  return -1;
}

/** The words of a text as the user wrote them, each with its matching forms (a written word may give several). */
export function queryWords(text: string): QueryWord[] {
  const out: QueryWord[] = [];
  for (const [surface] of text.matchAll(WORD)) for (const folded of matchTokens(surface)) out.push({ surface, folded });
  return out;
}

import type { Span } from '../types.js';
import { CORPUS_HEURISTICS } from '../options.js';

/** Paragraphs of a body: its non-blank lines, with offsets into the body, outer spaces trimmed. */
export function paragraphs(body: string): Span[] {
  const spans: Span[] = [];
  const line = /[^\n\r\u2028\u2029]+/g;
  for (const match of body.matchAll(line)) {
    const span = trimSpan(body, match.index, match.index + match[0].length);
    if (span) spans.push(span);
  }
  return spans;
}

const OPENERS: Record<string, string> = { '«': '»', '“': '”', '‹': '›', '„': '“', '"': '"' };
/** Any opening mark, to jump from one to the next instead of testing every character. */
const OPENER = /[«“‹„"]/;

/** Character ranges `[start, end)` of the balanced quotations of a paragraph; stray marks are ignored. */
export function quoteRanges(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  const opener = new RegExp(OPENER.source, 'g');
  for (let found = opener.exec(text); found; found = opener.exec(text)) {
    const i = found.index;
    const end = text.indexOf(OPENERS[found[0]]!, i + 1);
    if (end < 0 || end - i > CORPUS_HEURISTICS.maxQuoteSpan) continue;
    ranges.push([i, end + 1]);
    opener.lastIndex = end + 1;
  }
  return ranges;
}

const TERMINAL = /[.!?؟…]+["»”'’)\]]*(?=\s|$)/g;
const ABBREVIATION = /(?:^|\s)(?:[A-Z]|Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|Gen|Col|Lt|Sgt|Rep|Sen|Gov|No|vs|etc|Inc|Ltd|Co|Jan|Feb|Mar|Apr|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.N|U\.K)\.$/;

/**
 * Sentences of one paragraph, as spans of `text` offset by `base`: split after `. ! ? ؟ …`
 * followed by a space, never inside a balanced quotation, a number or an abbreviation.
 */
export function splitSentences(text: string, base = 0): Span[] {
  const quotes = quoteRanges(text);
  const inQuote = (pos: number) => quotes.some(([s, e]) => pos > s && pos < e);
  const spans: Span[] = [];
  let start = 0;
  for (const match of text.matchAll(TERMINAL)) {
    const end = match.index + match[0].length;
    if (inQuote(end)) continue;
    if (ABBREVIATION.test(text.slice(Math.max(0, match.index - 6), match.index + 1))) continue;
    const span = trimSpan(text, start, end);
    if (span) spans.push(span);
    start = end;
  }
  const rest = trimSpan(text, start, text.length);
  if (rest) spans.push(rest);
  return base ? spans.map((s) => ({ ...s, start: s.start + base, end: s.end + base })) : spans;
}

/** Every sentence of a body, paragraph by paragraph, with offsets into the body. */
export function bodySentences(body: string): Span[] {
  return paragraphs(body).flatMap((p) => splitSentences(p.text, p.start));
}

function trimSpan(text: string, start: number, end: number): Span | null {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return end > start ? { start, end, text: text.slice(start, end) } : null;
}

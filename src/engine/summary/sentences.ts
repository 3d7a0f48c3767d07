import { paragraphs, splitSentences } from '../text/sentences.js';
import type { Span } from '../types.js';
import { SUMMARY_HEURISTICS } from '../options.js';

/** One sentence of a body for summaries, marked when it opens its paragraph. */
export interface SentenceUnit extends Span {
  opensParagraph: boolean;
}

/** A line ends a sentence when its last mark (before closing quotes or brackets) is one of these. */
const ENDS_SENTENCE = /[.!?؟…:؛]["»”'’)\]]*$/u;

/**
 * A full stop with no space after it between an Arabic word (or a number) and an Arabic letter,
 * as in "التاسعة.فجاءت" or "1965.قدم", or a stop typed before the space (" .فالعود"). Decimals,
 * web addresses and Latin abbreviations have no Arabic letter after the stop, and one-letter
 * abbreviations ("د.محمد") no word before it, so they stay whole.
 */
const GLUED_STOP = /(?<=[\p{L}\p{N}]{2}["»”'’)\]]*|\s)[.!?؟]+(?=[\u0621-\u064A])/gu;

/** A line ending in a comma goes on in the next line. */
const ENDS_CLAUSE = /[،,]["»”'’)\]]*$/u;

/**
 * Groups the body's lines into paragraphs. A line that ends in a comma goes on in the next line;
 * in a hard-wrapped body (many lines with no closing mark, as text copied from a fixed-width page),
 * so does every line of several words with no closing mark. Short lines without a mark (headings)
 * stay on their own, and in an ordinary body a line is a paragraph even when its full stop is missing.
 */
function summaryParagraphs(body: string): Span[][] {
  const lines = paragraphs(body);
  const open = (line: Span) => !ENDS_SENTENCE.test(line.text) && line.text.split(/\s+/).length >= SUMMARY_HEURISTICS.wrappedLineWords;
  const unmarked = lines.slice(0, -1).filter((line) => open(line) && !ENDS_CLAUSE.test(line.text)).length;
  const hardWrapped = unmarked >= 2 && unmarked >= SUMMARY_HEURISTICS.wrappedShare * (lines.length - 1);
  const groups: Span[][] = [];
  let group: Span[] | null = null;
  for (const line of lines) {
    if (group) group.push(line);
    else groups.push((group = [line]));
    const goesOn = ENDS_CLAUSE.test(line.text) || (hardWrapped && open(line));
    if (!goesOn) group = null;
  }
  return groups;
}

/** Splits a sentence of the shared splitter again at glued full stops; offsets stay into the body. */
function splitGlued(span: Span): Span[] {
  const pieces: Span[] = [];
  let start = 0;
  for (const match of span.text.matchAll(GLUED_STOP)) {
    const end = match.index + match[0].length;
    const piece = trim(span, start, end);
    if (piece && /[\p{L}\p{N}]/u.test(piece.text)) {
      pieces.push(piece);
      start = end;
    }
  }
  const rest = trim(span, start, span.text.length);
  if (rest) pieces.push(rest);
  return pieces;
}

function trim(span: Span, start: number, end: number): Span | null {
  const text = span.text;
  while (start < end && /\s/u.test(text[start]!)) start++;
  while (end > start && /\s/u.test(text[end - 1]!)) end--;
  return end > start ? { start: span.start + start, end: span.start + end, text: text.slice(start, end) } : null;
}

/**
 * The sentences of a body for summarising, with offsets into the body: the shared splitter's
 * sentences (quotations kept whole), where hard-wrapped lines are joined into the sentence they
 * belong to and full stops typed without a following space ("كلمة.كلمة") also end a sentence.
 * A sentence that runs over a line break keeps the break inside its text (it is a verbatim span).
 */
export function sentenceUnits(body: string): SentenceUnit[] {
  return summaryParagraphs(body).flatMap((lines) => {
    const start = lines[0]!.start;
    const end = lines[lines.length - 1]!.end;
    const text = body.slice(start, end);
    return splitSentences(text.replace(/[\n\r\u2028\u2029]+/g, (m) => ' '.repeat(m.length)), start)
      .map((s) => ({ ...s, text: body.slice(s.start, s.end) }))
      .flatMap(splitGlued)
      .filter((s) => /[\p{L}\p{N}]/u.test(s.text))
      .map((s, i) => ({ ...s, opensParagraph: i === 0 }));
  });
}

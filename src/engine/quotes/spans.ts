import type { Para } from './clauses.js';
import type { QuotePair } from './marks.js';
import { TERMINAL, type Tok } from './tokens.js';
import type { Cue } from './types.js';

/** A stretch of reported speech found in the text, before its speaker is resolved. */
export interface Span {
  start: number;
  end: number;
  direct: boolean;
}

/** A reporting event: a cue (or a bare quote), its explicit subject if any, and the quotations it introduces. */
export interface Report {
  cue: Cue | null;
  cueText: string;
  /** Offset of the cue (or the quotation) in the body. */
  at: number;
  /** Body offset where the cue's sentence starts. */
  sentenceAt: number;
  /** The words naming the speaker, when the cue has them. */
  subject: Tok[] | null;
  /** True when the subject is dropped mid-sentence or the cue is a participle: the speaker is the sentence's. */
  fromSentence: boolean;
  /** Inside a quotation or a reported clause: only an explicitly named speaker counts (A says that B said …). */
  nested: boolean;
  /** The subject is one definite word heading a prepositional complement (`القيادي في الحزب …`): a role, not a surname. */
  role?: boolean;
  spans: Span[];
}

/** Particles that may open a sentence before its verb or subject (و، كما، لكن، وكان، قد …). */
export const LEADING = new Set(['و', 'ف', 'عندها', 'حينها', 'وعندها', 'كما', 'ثم', 'لكن', 'ولكن', 'وكان', 'وكانت', 'كان', 'كانت', 'قد', 'وقد', 'فقد', 'لقد', 'بينما', 'وفيما', 'فيما', 'اما']);

/** First token of a sentence's content, past its leading particles. */
export function contentStart(p: Para, s: number): number {
  while (s < p.toks.length && (!p.toks[s]!.word ? !p.openAt.has(s) : LEADING.has(p.toks[s]!.n))) s++;
  return s;
}

/** Index of the end of the sentence containing `from`. */
export function sentenceEnd(p: Para, from: number): number {
  let j = from;
  while (j < p.toks.length && !(TERMINAL.has(p.toks[j]!.raw) && p.inside[j] === -1)) j++;
  return j;
}

/** The text of a quote pair, without marks, spaces or a trailing comma. */
export function direct(p: Para, q: QuotePair, used?: Set<QuotePair>): Span {
  used?.add(q);
  return trim(p, p.toks[q.open]!.end, p.toks[q.close]!.start, true);
}

/** The text of tokens `[a, b)`, without a stray quote mark or trailing punctuation. */
export function plain(p: Para, a: number, b: number, isDirect: boolean): Span {
  while (b > a && /^["“”]$/.test(p.toks[b - 1]!.raw) && !p.pairs.some((q) => q.close === b - 1)) b--;
  return b > a ? trim(p, p.toks[a]!.start, p.toks[b - 1]!.end, isDirect) : { start: 0, end: 0, direct: isDirect };
}

function trim(p: Para, start: number, end: number, isDirect: boolean): Span {
  const text = (a: number, b: number) => p.toks.filter((t) => t.start >= a && t.end <= b);
  const inner = text(start, end);
  while (inner.length && !inner[inner.length - 1]!.word && /^[،,؛;:\-–—(]$/.test(inner[inner.length - 1]!.raw)) inner.pop();
  while (inner.length && !inner[0]!.word && /^[،,؛;:\-–—)]$/.test(inner[0]!.raw)) inner.shift();
  return inner.length ? { start: inner[0]!.start, end: inner[inner.length - 1]!.end, direct: isDirect } : { start, end: start, direct: isDirect };
}

/** Noun phrases around a cue: the subject before the verb (or after it, `said Jane Doe`), past appositions and adverbs. */
import type { EnglishDoc, Tok } from './parse.js';
import { RELATIVES } from './lexicon.js';

/** Tokens `[first, last)` of a noun phrase. */
export interface Phrase {
  first: number;
  last: number;
  /** Where the words naming the subject begin when appositions come before it (`a spokeswoman, Anna White,`); else `first`. */
  from?: number;
}

const NOMINAL = new Set(['PROPN', 'NOUN', 'ADJ', 'DET', 'NUM', 'PRON', 'X']);
/** Words between a subject and its verb: `Trump later said`, `she has also said`, `officials did not say`. */
const BETWEEN = new Set(['ADV', 'AUX', 'PART']);
/** Prepositions inside a name or a mouthpiece phrase: `Secretary of State`, `a spokesman for the campaign`. */
export const INNER = new Set(['of', 'for', 'at', 'with']);

const isPossessive = (t: Tok) => t.lower === "'s" || t.lower === "'";
/** A token that can be part of a subject phrase. */
const nominal = (t: Tok | undefined) => t !== undefined && t.region < 0 && (NOMINAL.has(t.pos) || isPossessive(t) || t.text === '-' || (/^\p{Lu}/u.test(t.text) && CAPITALISED.has(t.pos)));
/** Tags the tagger gives some capitalised names (`Josh/VERB Earnest`). */
const CAPITALISED = new Set(['VERB', 'ADV', 'INTJ', 'SYM']);
const POSSESSIVE_PRONOUNS = new Set(['his', 'her', 'its', 'their', 'my', 'our', 'your']);
/** A word that skips to the next: an adverb or auxiliary, or a day or month (`Trump said Monday`, `On Monday he said`). */
const skippable = (doc: EnglishDoc, t: Tok) => t.region < 0 && (BETWEEN.has(t.pos) || isTime(doc, t));
/** A day, a month or a part of the day (`Monday`, `evening`). */
export const isTime = (doc: EnglishDoc, t: Tok | undefined) => t !== undefined && t.region < 0 && (doc.names.kindOf(t.lower) === 'time' || PARTS_OF_DAY.has(t.lower));
const PARTS_OF_DAY = new Set(['morning', 'afternoon', 'evening', 'night', 'today', 'yesterday', 'tonight']);

/** The noun phrase ending just before token `end` (its adverbs and auxiliaries skipped), past an apposition between commas; null if none. */
export function phraseBefore(doc: EnglishDoc, end: number, floor: number): Phrase | null {
  const toks = doc.toks;
  let j = end;
  for (;;) {
    const t = toks[j - 1];
    if (j <= floor || !t) break;
    if (skippable(doc, t) || (t.pos === 'ADP' && j < end && isTime(doc, toks[j]!))) j--;
    else if (t.text === ')') j = Math.max(floor, toks.slice(floor, j).map((x) => x.text).lastIndexOf('(') + floor);
    else break;
  }
  const np = nounPhraseLeft(doc, j, floor);
  if (np) return np;
  return toks[j - 1]?.text === ',' ? appositionChain(doc, j - 1, floor) : null;
}

/**
 * The subject before an apposition ending at the comma `comma`: `Yin Myint May, 60, a doctor,` → the
 * name; `a spokeswoman, Anna Richardson White,` → the name between the commas. Of the phrases chained
 * by commas, the first that is a bare name, else the first.
 */
function appositionChain(doc: EnglishDoc, comma: number, floor: number): Phrase | null {
  const toks = doc.toks;
  const chain: Phrase[] = [];
  let c = comma;
  while (chain.length < 3) {
    let b = c - 1;
    while (b > floor && b > c - 24 && toks[b]!.text !== ',' && toks[b]!.region < 0) b--;
    if (b <= floor || toks[b]!.text !== ',') break;
    if (b + 1 < c) chain.unshift({ first: b + 1, last: c });
    c = b;
  }
  const head = nounPhraseLeft(doc, c, floor);
  if (!chain.length) return null;
  const bare = (p: Phrase) => withoutParentheses(toks.slice(p.first, p.last)).every((t) => /^\p{Lu}/u.test(t.text) && t.pos !== 'DET');
  const subject = [head, ...chain].find((p): p is Phrase => p !== null && bare(p)) ?? head;
  return subject && { ...subject, from: head?.first ?? chain[0]!.first };
}

/** Tokens without those between parentheses: `Sen. Tim Kaine (D-Va.)` → `Sen. Tim Kaine`. */
function withoutParentheses(toks: Tok[]): Tok[] {
  let depth = 0;
  return toks.filter((t) => {
    if (t.text === '(') depth++;
    const inside = depth > 0;
    if (t.text === ')') depth = Math.max(0, depth - 1);
    return !inside;
  });
}

function nounPhraseLeft(doc: EnglishDoc, end: number, floor: number): Phrase | null {
  const toks = doc.toks;
  let i = end;
  if (toks[end - 1]?.pos === 'PRON' && !POSSESSIVE_PRONOUNS.has(toks[end - 1]!.lower)) return RELATIVES.has(toks[end - 1]!.lower) ? antecedent(doc, end - 1, floor) : { first: end - 1, last: end };
  while (i > floor && (nominal(toks[i - 1]) || (INNER.has(toks[i - 1]!.lower) && nominal(toks[i - 2]) && i < end)) && !(toks[i - 1]!.pos === 'PRON' && !POSSESSIVE_PRONOUNS.has(toks[i - 1]!.lower))) i--;
  while (i < end && (INNER.has(toks[i]!.lower) || toks[i]!.text === '-')) i++;
  if (i >= end) return null;
  if (RELATIVES.has(toks[i]!.lower) && toks[i]!.pos !== 'DET') return antecedent(doc, i, floor) ?? { first: i, last: end };
  return { first: i, last: end };
}

/** The antecedent of the relative pronoun at `rel`: `Jane Doe, who said` → `Jane Doe`. */
function antecedent(doc: EnglishDoc, rel: number, floor: number): Phrase | null {
  const j = doc.toks[rel - 1]?.text === ',' ? rel - 1 : rel;
  const np = nounPhraseLeft(doc, j, floor);
  return np && !RELATIVES.has(doc.toks[np.first]!.lower) ? np : null;
}

/** The noun phrase starting at token `start` (`Jane Doe`, `a spokeswoman for the campaign`), up to a comma, a verb or a relative pronoun. */
export function phraseAfter(doc: EnglishDoc, start: number, ceiling: number): Phrase | null {
  const toks = doc.toks;
  let i = start;
  while (i < ceiling && (nominal(toks[i]) || (INNER.has(toks[i]!.lower) && i > start && nominal(toks[i + 1]))) && !(RELATIVES.has(toks[i]!.lower) && i > start)) i++;
  while (i > start && INNER.has(toks[i - 1]!.lower)) i--;
  return i > start ? { first: start, last: i } : null;
}

/** The apposition after a phrase: `Jane Doe, a spokeswoman for the campaign,` → the words between the commas. */
export function appositionAfter(doc: EnglishDoc, np: Phrase, ceiling: number): Phrase | null {
  const toks = doc.toks;
  if (toks[np.last]?.text !== ',') return null;
  const age = toks[np.last + 1]?.pos === 'NUM' && toks[np.last + 2]?.text === ',';
  const first = np.last + (age ? 3 : 1);
  const t = toks[first];
  if (!t || !['DET', 'PRON', 'ADJ', 'NOUN', 'NUM'].includes(t.pos) || RELATIVES.has(t.lower)) return null;
  return phraseAfter(doc, first, ceiling);
}

/** The text of a phrase as written. */
export const phraseText = (doc: EnglishDoc, p: Phrase) => doc.body.slice(doc.toks[p.first]!.start, doc.toks[p.last - 1]!.end);

/** Noun phrases around a cue: the subject before the verb (or after it, `said Jane Doe`), past appositions and adverbs. */
import type { EnglishDoc, Tok } from './parse.js';
import { RELATIVES } from './lexicon.js';

/** Tokens `[first, last)` of a noun phrase. */
export interface Phrase {
  first: number;
  last: number;
}

const NOMINAL = new Set(['PROPN', 'NOUN', 'ADJ', 'DET', 'NUM', 'PRON', 'X']);
/** Words between a subject and its verb: `Trump later said`, `she has also said`, `officials did not say`. */
const BETWEEN = new Set(['ADV', 'AUX', 'PART']);
/** Prepositions inside a name or a mouthpiece phrase: `Secretary of State`, `a spokesman for the campaign`. */
const INNER = new Set(['of', 'for', 'at', 'with']);

const isPossessive = (t: Tok) => t.lower === "'s" || t.lower === "'";
/** A token that can be part of a subject phrase. */
const nominal = (t: Tok | undefined) => t !== undefined && t.region < 0 && (NOMINAL.has(t.pos) || isPossessive(t) || t.text === '-' || (/^\p{Lu}/u.test(t.text) && CAPITALISED.has(t.pos)));
/** Tags the tagger gives some capitalised names (`Josh/VERB Earnest`). */
const CAPITALISED = new Set(['VERB', 'ADV', 'INTJ', 'SYM']);
const POSSESSIVE_PRONOUNS = new Set(['his', 'her', 'its', 'their', 'my', 'our', 'your']);
/** A word that skips to the next: an adverb or auxiliary, or a day or month (`Trump said Monday`, `On Monday he said`). */
const skippable = (doc: EnglishDoc, t: Tok) => t.region < 0 && (BETWEEN.has(t.pos) || (t.pos === 'PROPN' && doc.names.kindOf(t.lower) === 'time'));

/** The noun phrase ending just before token `end` (its adverbs and auxiliaries skipped), past an apposition between commas; null if none. */
export function phraseBefore(doc: EnglishDoc, end: number, floor: number): Phrase | null {
  const toks = doc.toks;
  let j = end;
  for (;;) {
    if (j > floor && skippable(doc, toks[j - 1]!)) j--;
    else if (j - 1 > floor && toks[j - 2]!.pos === 'ADP' && doc.names.kindOf(toks[j - 1]!.lower) === 'time') j -= 2;
    else break;
  }
  const np = nounPhraseLeft(doc, j, floor);
  if (np) return np;
  if (toks[j - 1]?.text !== ',') return null;
  let c = j - 2;
  while (c > floor && c > j - 14 && toks[c]!.text !== ',' && toks[c]!.region < 0) c--;
  if (c < floor || toks[c]!.text !== ',') return null;
  const named = c + 1 < j - 1 && toks.slice(c + 1, j - 1).every((t) => t.region < 0 && (t.pos === 'PROPN' || /^\p{Lu}/u.test(t.text)));
  return named ? { first: c + 1, last: j - 1 } : nounPhraseLeft(doc, c, floor);
}

function nounPhraseLeft(doc: EnglishDoc, end: number, floor: number): Phrase | null {
  const toks = doc.toks;
  let i = end;
  if (toks[end - 1]?.pos === 'PRON' && !POSSESSIVE_PRONOUNS.has(toks[end - 1]!.lower)) return RELATIVES.has(toks[end - 1]!.lower) ? antecedent(doc, end - 1, floor) : { first: end - 1, last: end };
  while (i > floor && (nominal(toks[i - 1]) || (INNER.has(toks[i - 1]!.lower) && nominal(toks[i - 2]) && i < end)) && !(toks[i - 1]!.pos === 'PRON' && !POSSESSIVE_PRONOUNS.has(toks[i - 1]!.lower))) i--;
  while (i < end && INNER.has(toks[i]!.lower)) i++;
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
  const first = np.last + 1;
  const t = toks[first];
  if (!t || !['DET', 'PRON', 'ADJ', 'NOUN', 'NUM'].includes(t.pos) || RELATIVES.has(t.lower)) return null;
  return phraseAfter(doc, first, ceiling);
}

/** The text of a phrase as written. */
export const phraseText = (doc: EnglishDoc, p: Phrase) => doc.body.slice(doc.toks[p.first]!.start, doc.toks[p.last - 1]!.end);

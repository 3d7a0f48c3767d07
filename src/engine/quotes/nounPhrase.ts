/** The noun-phrase record (who a stretch of words refers to) and what each word is to a noun phrase. */
import { DOCUMENTS, FUNCTION_WORDS, GENERIC, HONORIFICS, ORG_HEADS, PERSON_HEADS, isNationality, isPlace } from './lexicon.js';
import { bare, type Tok } from './tokens.js';

/** Who a stretch of words refers to: a name, a description, an organisation, or an anonymous source. */
export interface NounPhrase {
  /** The person's name as written, honorifics removed. */
  name: string | null;
  /** Normalised name words without ال. */
  nameKey: string[];
  /** The title or description as written (`رئيس الأركان …`, `المدرب الأرجنتيني`). */
  desc: string | null;
  descKey: string[];
  /** The organisation or country that speaks (or that an unnamed spokesperson speaks for). */
  org: string | null;
  /** Normalised words of the whole organisation phrase (head word included: منظمة، الشركة الفرنسية). */
  orgKey: string[];
  /** The organisation is read from the phrase's form only (`المرصد السوري …`, no head word such as منظمة): not enough inside a quotation. */
  byForm: boolean;
  /** Two subjects joined by و (`أكدت أوبك وروسيا`), or general opinion (`يرى الكثيرون`): not attributed. */
  joint: boolean;
  /** An anonymous source (مصدر، محللون، الكثيرون): the speaker is unknown. */
  generic: boolean;
  /** Gender from the title (رئيسة، الأميرة), null when unmarked. */
  fem: boolean | null;
  /** The words referring to the speaker, as written. */
  mention: string;
  /** A description no title or body heads (`محرك البحث العملاق`): it refers to whoever is in focus. */
  epithet?: boolean;
}

/** Counts of each normalised word in the article: a third name word must recur or end the phrase. */
export interface WordCounts {
  get(n: string): number | undefined;
}

/** Bits of what a word is to a noun phrase: definite in form; a title, body, document, nationality or place word; a name word. */
const DEFINITE_FORM = 1;
const DESC_WORD = 2;
export const NAME_LIKE = 4;
/** `wordTraits(t.n)`, kept with the token's word information when it is the token's own. */
export function tokenTraits(t: Tok): number {
  const w = t.info;
  if (w.normalized !== t.n) return wordTraits(t.n);
  if (w.traits < 0) w.traits = wordTraits(w.normalized, w.bareForm);
  return w.traits;
}
/** What a normalised word is to a noun phrase: bits DEFINITE_FORM, DESC_WORD, NAME_LIKE (a name word whatever the counts); `b` is `bare(n)`. */
function wordTraits(n: string, b = bare(n)): number {
  const definite = /^(?:ال|لل|بال|وال|كال)/.test(n);
  const desc = describes(n, b);
  const unjoined = n.replace(/^[وفبل](?=...)/, '');
  const nameLike = n.length >= 2 && !(unjoined === n ? desc : describes(unjoined)) && !/^\d/.test(n) && !FUNCTION_WORDS.has(n) && !desc && !GENERIC.has(b) && !/^(?:بال|لل)/.test(n) && !/^م..+ا$/.test(n);
  return (definite ? DEFINITE_FORM : 0) | (desc ? DESC_WORD : 0) | (nameLike ? NAME_LIKE : 0);
}
/** A title, organisation, document, nationality or place word; `b` is `bare(n)`. */
function describes(n: string, b = bare(n)): boolean {
  return PERSON_HEADS.has(b) || ORG_HEADS.has(b) || HONORIFICS.has(b) || DOCUMENTS.has(b) || isNationality(n) || isPlace(n);
}
/** A normalised word with the article (or ل/ب/و/ك + article). */
export const isDefinite = (n: string) => (wordTraits(n) & DEFINITE_FORM) !== 0;
/** A token with the article. */
export const definiteToken = (t: Tok) => (tokenTraits(t) & DEFINITE_FORM) !== 0;
/** A token that is a title, body, document, nationality or place word. */
export const descToken = (t: Tok) => (tokenTraits(t) & DESC_WORD) !== 0;
/** A name word: name-like, and a definite one only when the article uses it more than once. */
export const isName = (t: Tok, counts: WordCounts) => {
  if (!t.word) return false;
  const x = tokenTraits(t);
  return (x & NAME_LIKE) !== 0 && (!(x & DEFINITE_FORM) || (counts.get(t.n) ?? 0) > 1);
};
/** The words of `toks` as the body writes them, without quote marks, spaces collapsed. */
export const text = (body: string, toks: Tok[]) =>
  toks.length ? body.slice(toks[0]!.start, toks[toks.length - 1]!.end).replace(/["«»“”]/g, '').replace(/\s+/g, ' ').trim() : '';

/** What a report reports: the quotation next to its attribution, or the clause its verb governs. */
import type { EnglishDoc, Region, Tok } from './parse.js';
import { ADDRESSEE_VERBS } from './lexicon.js';
import { type Phrase, isTime, phraseAfter } from './phrases.js';
import { QUOTE_READING } from '../../options.js';

/** What a report reports: `body.slice(start, end)`. */
export interface Content {
  start: number;
  end: number;
  direct: boolean;
}

/** The first verb or auxiliary of tokens `[from, to)`, or `to`. */
export const firstVerb = (doc: EnglishDoc, from: number, to: number) => {
  for (let k = from; k < to; k++) if (doc.toks[k]!.pos === 'VERB' || doc.toks[k]!.pos === 'AUX') return k;
  return to;
};

/** The quotations right before or right after the attribution: `"…," she said`, `she said: "…"`, `"…," said Doe. "…"`. */
export function quoted(doc: EnglishDoc, attribution: Phrase): Content[] | null {
  const toks = doc.toks;
  let b = attribution.first - 1;
  while (b >= 0 && toks[b]!.text === ',' && toks[b]!.region < 0) b--;
  let a = attribution.last;
  while (a < toks.length && /^[,:]$|^[A-Z][a-z]+day$/.test(toks[a]!.text) && toks[a]!.region < 0) a++;
  const g = b >= 0 && toks[b]!.region >= 0 ? doc.regions[toks[b]!.region]! : null;
  const before = g && toks[b]!.end === g.close && !/\.$/.test(doc.body.slice(g.start, g.end)) ? toks[b]!.region : -1;
  const after = a < toks.length && toks[a]!.region >= 0 && toks[a]!.start === doc.regions[toks[a]!.region]!.open ? toks[a]!.region : -1;
  const picked = [before, after].filter((r) => r >= 0);
  if (!picked.length) return null;
  return picked.map((r) => direct(doc.regions, r));
}

/** Region `r` as direct content, with the paragraphs the quotation goes on over before and after it. */
function direct(regions: Region[], r: number): Content {
  let first = r;
  while (regions[first]!.continued && first > 0) first--;
  let last = r;
  while (regions[last + 1]?.continued) last++;
  return { start: regions[first]!.start, end: regions[last]!.end, direct: true };
}

/** `X said (that) …`, `X told reporters …`: the clause after the verb, to the end of the sentence. */
export function forward(doc: EnglishDoc, verb: Tok, from: number, last: number): Content[] | null {
  const toks = doc.toks;
  let k = from;
  if (ADDRESSEE_VERBS.has(verb.lemma)) {
    const object = phraseAfter(doc, k, last);
    if (object && toks[object.first]!.region < 0) k = object.last;
    while (k < last && (toks[k]!.pos === 'ADV' || toks[k]!.text === ',')) k++;
  }
  for (let n = k; n < Math.min(last, k + QUOTE_READING.englishThatTokens); n++) {
    const w = toks[n]!;
    if (w.lower === 'that' && (w.pos === 'SCONJ' || w.pos === 'DET' || w.pos === 'PRON')) {
      k = n + 1;
      break;
    }
    if (((w.pos === 'VERB' || w.pos === 'AUX') && !/^\p{Lu}/u.test(w.text)) || w.region >= 0 || w.text === '.') break;
  }
  while (k < last && (toks[k]!.text === ',' || toks[k]!.text === ':')) k++;
  if (toks[k]?.pos === 'ADP' && isTime(doc, toks[k + 1])) k += 2;
  else if (isTime(doc, toks[k])) k++;
  const content = clause(doc, k, last);
  if (!content) return null;
  const r = toks[k]!.region;
  if (r >= 0 && doc.regions[r]!.open === toks[k]!.start && doc.regions[r]!.end >= content.end - 1) return [direct(doc.regions, r)];
  return onlyAdjuncts(doc, k, last) ? null : [content];
}

/** `…, she said.`: the clause before the attribution, after a comma, when the sentence ends with the attribution. */
export function backward(doc: EnglishDoc, attribution: Phrase, floor: number, last: number): Content[] | null {
  const toks = doc.toks;
  const comma = toks[attribution.first - 1];
  if (!onlyAdjuncts(doc, attribution.last, last) || !comma || (comma.text !== ',' && comma.region < 0)) return null;
  if (firstVerb(doc, floor, attribution.first) >= attribution.first) return null;
  const content = clause(doc, floor, attribution.first);
  return content ? [content] : null;
}

/** Tokens `[from, to)` that add no clause: none, or time, place and manner (`Monday in a statement`, `on Twitter`). */
function onlyAdjuncts(doc: EnglishDoc, from: number, to: number): boolean {
  const toks = doc.toks;
  while (from < to && toks[from]!.pos === 'PUNCT' && toks[from]!.region < 0 && toks[from]!.text !== ',') from++;
  while (to > from && (toks[to - 1]!.pos === 'PUNCT' || toks[to - 1]!.pos === 'SPACE') && toks[to - 1]!.region < 0) to--;
  const first = toks[from];
  if (from >= to || !first) return true;
  if (!(first.pos === 'ADP' || first.pos === 'ADV' || first.text === ',' || doc.names.kindOf(first.lower) === 'time')) return false;
  for (let k = from; k < to; k++) {
    const t = toks[k]!;
    if (t.text === ',' && toks[k + 1]?.pos === 'CCONJ') return true;
    if (t.region >= 0 || t.pos === 'VERB' || t.pos === 'AUX' || t.pos === 'SCONJ') return false;
  }
  return to - from < QUOTE_READING.englishAdverbialTokens;
}

/** Tokens `[from, to)` as content: trimmed of punctuation at both ends, kept only if a word is left. */
export function clause(doc: EnglishDoc, from: number, to: number): Content | null {
  const toks = doc.toks;
  while (from < to && ((toks[from]!.pos === 'PUNCT' && !/["“]/.test(toks[from]!.text)) || (toks[from]!.lower === 'that' && toks[from]!.pos === 'SCONJ'))) from++;
  while (to > from && (toks[to - 1]!.pos === 'PUNCT' || toks[to - 1]!.pos === 'SPACE') && !/["”]/.test(toks[to - 1]!.text)) to--;
  let words = 0;
  for (let k = from; k < to && words < 2; k++) if (toks[k]!.pos !== 'PUNCT') words++;
  if (words < 2) return null;
  return { start: toks[from]!.start, end: toks[to - 1]!.end, direct: false };
}

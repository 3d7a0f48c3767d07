/** The subject written before a cue: `ولكن عراقجي قال`, `الرئيس …، الذي قال`, `أما X فقال`, English `she said`. */
import type { Para } from './clauses.js';
import { cueOf, isComplementizer } from './cues.js';
import { FUNCTION_WORDS, HONORIFICS, PERSON_HEADS, PRONOUNS } from './lexicon.js';
import { LEADING } from './spans.js';
import { COMMA, DEFINITE, HONORIFIC, NATIONALITY, ORG, PERSON, TERMINAL, bareOf, type Tok } from './tokens.js';
import type { Cue } from './types.js';

/** Words that end the stretch before a cue: relatives, conjunctions of time and manner, a new clause. */
const BACK_STOPS = new Set(['ما', 'بما', 'مما', 'حيث', 'اذ', 'عندما', 'حين', 'بعدما', 'كما', 'ثم', 'بينما', 'فيما', 'وهو', 'وهي']);

/** The subject before a cue (`ولكن عراقجي قال`, `وكان بنس قد قال`, English `she said`), or null. */
export function subjectBefore(p: Para, i: number, cue: Cue): Tok[] | null {
  const topic = ammaTopic(p, i);
  if (topic) return topic;
  let j = i - 1;
  while (j >= 0 && /^(?:[وف]?قد|لقد)$/.test(p.words[j] ?? '')) j--;
  if (RELATIVE.test(p.words[j] ?? '')) {
    const a = agrees(p.words[j]!, cue) ? antecedent(p, j) : null;
    // A lone definite common noun (`الاتفاق الذي يقول`) is a thing, not a speaker.
    return a && (a.length > 1 || a.some((t) => t.info.kind & (PERSON | ORG | HONORIFIC | NATIONALITY) || !/^ال/.test(t.n))) ? a : null;
  }
  const end = j + 1;
  for (let n = 0; j >= 0 && n < 14; j--) {
    const t = p.toks[j]!;
    if (TERMINAL.has(t.raw) || t.raw === ':' || p.openAt.has(j) || p.pairs.some((q) => q.close === j)) break;
    if (t.word && (BACK_STOPS.has(t.n) || isComplementizer(t.n) || cueOf(t.n))) break;
    if (t.word) n++;
  }
  let start = j + 1;
  while (start < end && (!p.toks[start]!.word || LEADING.has(p.toks[start]!.n))) start++;
  const words = p.toks.slice(start, end);
  const last = words.filter((t) => t.word).pop();
  if (last && PRONOUNS.has(last.n)) return [last];
  if (last && FUNCTION_WORDS.has(last.n)) return null;
  const first = words.find((t) => t.word);
  if (first && first !== last && (fronted(first.n) || verbFirst(first))) return null;
  if (words.length === 1 && RELATIVE.test(words[0]!.n)) return agrees(words[0]!.n, cue) ? antecedent(p, start) : null;
  return words.some((t) => t.word) ? words : null;
}

/** Words that open a fronted adverbial or topic (`وعن بدايته قال`, `وحول الأحداث قال`, `حينها قال`), besides the prepositions. */
const FRONTED = new Set(['يتعلق', 'يخص', 'بخصوص', 'بشان', 'بالنسبه', 'حينها', 'حينذاك', 'عندها', 'ربما', 'اذا', 'لما', 'رغم', 'بسبب', 'ازاء', 'تجاه', 'فيما', 'بعدما', 'وقتها', 'ردا', 'تعليقا', 'تعقيبا']);
/**
 * A subject never starts with a preposition or an adverb: a stretch opening with one is a fronted
 * topic or circumstance (`وعن …`، `وفي ذات السياق`، `وبخصوص …`), and the verb after it has a dropped subject.
 */
function fronted(n: string): boolean {
  const w = /^[وف]../.test(n) && !FUNCTION_WORDS.has(n) && !FRONTED.has(n) ? n.slice(1) : n;
  return FRONTED.has(w) || (FUNCTION_WORDS.has(w) && !PRONOUNS.has(w) && !RELATIVE.test(w) && !/^[a-z]/.test(w));
}

/**
 * A sentence opening on و + a perfect verb (`وأصدر ممثل لواينستين بيانا … قال`, `وأصدرت جماعة زنكي بيانا قالت`):
 * a coordinated news sentence is verb-first, so the cue after it is in a relative clause, not after its subject.
 * (و + alif or ta + three letters or more, not definite and not ending in ة: not وليد، وائل، وزير.)
 */
const verbFirst = (t: Tok) => /^و[اتي]...+$/.test(t.n) && !/ه$/.test(t.n) && !(t.info.kind & (PERSON | ORG | HONORIFIC | NATIONALITY | DEFINITE));

/**
 * `أما X، …، فقد قال` / `أما X فقال`: the topic after أما is the subject of the verb its ف resumes with
 * (the words up to the first comma).
 */
function ammaTopic(p: Para, i: number): Tok[] | null {
  const s = p.sentence[i]!;
  let a = s;
  while (a < i && !p.toks[a]!.word) a++;
  if (!/^و?اما$/.test(p.words[a] ?? '')) return null;
  if (!/^ف/.test(p.toks[i]!.n) && !/^ف(?:قد)?$/.test(p.words[i - 1] ?? '')) return null;
  let e = a + 1;
  while (e < i && !COMMA.has(p.toks[e]!.raw) && !/^ف/.test(p.words[e] ?? '-')) e++;
  const toks = p.toks.slice(a + 1, e);
  return toks.some((t) => t.word) ? toks : null;
}

/** Relative pronouns, with their و: `والتي قال إنها …`. */
export const RELATIVE = /^و?(?:الذي|التي|الذين)$/;
/**
 * Whether a relative pronoun can be the subject of the cue after it: a verb agrees with its subject, so
 * `التي قال` (a feminine antecedent, a masculine verb) is an object relative whose subject is dropped.
 */
export const agrees = (rel: string, cue: Cue) => cue.fem === null || /التي$/.test(rel) === cue.fem;

/** The noun phrase a relative pronoun at `k` refers back to (`الرئيس فلورنتينو بيريز، الذي قال`). */
function antecedent(p: Para, k: number): Tok[] | null {
  let j = k - 1;
  while (j >= 0 && !p.toks[j]!.word) j--;
  const end = j + 1;
  for (let n = 0; j >= 0 && n < 6 && p.toks[j]!.word && !FUNCTION_WORDS.has(p.toks[j]!.n); j--, n++);
  let words = p.toks.slice(j + 1, end);
  // `وأصبح مارادونا، الذي …`: not the verb the antecedent follows.
  if (words.length > 1 && verbFirst(words[0]!)) words = words.slice(1);
  const head = words.findIndex((t) => PERSON_HEADS.has(bareOf(t)) || HONORIFICS.has(bareOf(t)));
  return words.length ? words.slice(head >= 0 ? head : Math.max(0, words.length - 2)) : null;
}

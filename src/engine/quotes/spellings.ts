import { isPlace } from './lexicon.js';
import { SPEAKERS } from '../options.js';

/** What spelling merges need to know of one speaker cluster. */
export interface SpeakerSummary {
  /** The words of its name key (its first variant). */
  words: string[];
  /** Nationality words of its titles, one spelling each (see `skeleton`). */
  nationalities: readonly string[];
  /** Role words of its titles (رييس, وزير, …). */
  roles: readonly string[];
  /** Its number of quotations. */
  size: number;
}

/**
 * Letters a transliteration writes either way, to one of them: emphatic and plain consonants (ط ت,
 * ص س, ض د, ظ ذ ز), ث س, ق ك, غ ج (for a Latin g), and Persian letters to their Arabic neighbours.
 */
const LETTER = new Map([...'طتصسثسضدظزذزقكغجپبچجژزگكڤف'.matchAll(/../g)].map(([pair]) => [pair.charCodeAt(0), pair.charCodeAt(1)]));
/** Letters that write vowels (Arabic long vowels, Latin vowels), dropped between a word's first and last letters. */
const VOWELS = new Set(Array.from('اويaeiouy', (ch) => ch.charCodeAt(0)));

/**
 * A normalised word's Latin-like skeleton: its first and last letters and the consonants between
 * (vowel letters dropped, doubled letters once, letters a transliteration confuses made one): ترامب
 * and ترمب, نتنياهو and نتانياهو, اميركي and امريكي give the same skeleton; اسراييل and اسراييلي,
 * موسكو and ماسك do not.
 */
export function skeleton(word: string): string {
  const out: number[] = [];
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    const ch = LETTER.get(code) ?? code;
    if (i > 0 && i < word.length - 1 && VOWELS.has(ch)) continue;
    if (out[out.length - 1] !== ch) out.push(ch);
  }
  return String.fromCharCode(...out);
}


/**
 * The spelling variants of one person, merged: for each speaker, the speaker it merges into (itself
 * when none). Speakers merge only on evidence, so that namesakes stay apart:
 * - names whose words have the same skeletons when their titles agree on a nationality and a role
 *   (`دونالد ترمب` into `دونالد ترامب`; `محمد عباس` and `محمود عباس`, with other roles, stay apart);
 * - a full name into a longer one ending with it (`جواد ظريف` into `محمد جواد ظريف`) on the same
 *   evidence, when that person is quoted at least half as often;
 * - a bare surname left apart (several people share it) into a person with a role whose full name
 *   ends with it (see `sameSurname`: `ترمب` into `دونالد ترامب`), quoted `DOMINANT` times as often.
 * Either of the last two only when the person has `DOMINANT` times the quotations of any other candidate.
 */
export function mergeSpellings(speakers: readonly SpeakerSummary[]): Int32Array {
  const into = Int32Array.from(speakers, (_, k) => k);
  const root = (k: number): number => (into[k] === k ? k : (into[k] = root(into[k]!)));
  const size = Float64Array.from(speakers, (s) => s.size);
  const merge = (k: number, target: number) => {
    into[k] = target;
    size[target]! += size[k]!;
  };
  const known = new Map<string, string>();
  const skeletonOf = (w: string) => known.get(w) ?? known.set(w, skeleton(w)).get(w)!;
  /** Each speaker's name as skeletons, joined by spaces. */
  const keys: string[] = [];
  const bySkeleton = new Map<string, number[]>();
  /** Speakers by the skeletons of each proper ending of their names (the last word, the last two, …). */
  const byEnding = new Map<string, number[]>();
  /** Speakers by the number of words of their names. */
  const byLength: number[][] = [];
  // Only names whose titles give a nationality and a role merge on evidence (and any bare surname may
  // join a person): only they are looked up. Every full name is a candidate for the shorter names.
  /** Names of two words or more by their whole skeleton (`عبد` joined to the next word), evidence or not. */
  const byWhole = new Map<string, number[]>();
  speakers.forEach((s, k) => {
    const { words } = s;
    const evidence = hasEvidence(s);
    if (words.length > 1) add(byWhole, joinedAbd(words).map(skeletonOf).join(' '), k);
    let key = skeletonOf(words[words.length - 1]!);
    for (let from = words.length - 2; from >= 0; from--) {
      add(byEnding, key, k);
      key = `${skeletonOf(words[from]!)} ${key}`;
    }
    if (!evidence && words.length > 1) return;
    keys[k] = key;
    if (evidence) add(bySkeleton, key, k);
    (byLength[words.length] ??= []).push(k);
  });
  const agree = (a: SpeakerSummary, b: SpeakerSummary) => shares(a.nationalities, b.nationalities) && shares(a.roles, b.roles);
  // Names of one skeleton: the most quoted first, each joining the first it agrees with.
  for (const group of bySkeleton.values()) {
    if (group.length < 2) continue;
    group.sort((a, b) => speakers[b]!.size - speakers[a]!.size || a - b);
    for (let i = 1; i < group.length; i++) {
      const k = group[i]!;
      for (let j = 0; j < i; j++) {
        if (root(group[j]!) !== group[j] || !agree(speakers[group[j]!]!, speakers[k]!)) continue;
        merge(k, group[j]!);
        break;
      }
    }
  }
  // Names of two words or more written two ways (عبدالفتاح السيسي, عبد الفتاح السيسي; الأمريكية, الأميركية): the
  // most quoted first, each joining the first whose titles do not contradict it.
  for (const group of byWhole.values()) {
    if (group.length < 2) continue;
    group.sort((a, b) => speakers[b]!.size - speakers[a]!.size || a - b);
    for (let i = 1; i < group.length; i++) {
      const k = group[i]!;
      if (root(k) !== k) continue;
      const target = group.slice(0, i).find((j) => root(j) === j && compatible(speakers[j]!, speakers[k]!));
      if (target !== undefined) merge(k, target);
    }
  }
  // Shorter names still apart, longest first: into the dominant person whose name ends with them.
  for (let length = byLength.length - 2; length >= 1; length--) {
    for (const k of byLength[length] ?? []) {
      const longer = root(k) === k ? byEnding.get(keys[k]!) : undefined;
      if (longer === undefined) continue;
      const s = speakers[k]!;
      const bare = length === 1;
      // A country or a place (روسيا) is never a surname: it does not join a longer name that happens to end with it.
      if (bare && isPlace(s.words[0]!)) continue;
      const people = new Set<number>();
      for (const j of longer) if (bare ? fits(s, speakers[j]!) && sameSurname(s.words[0]!, speakers[j]!.words.at(-1)!) : agree(s, speakers[j]!)) people.add(root(j));
      const [first, second] = [...people].sort((a, b) => size[b]! - size[a]!);
      if (first === undefined || (second !== undefined && size[first]! < SPEAKERS.dominantShare * size[second]!)) continue;
      if (bare ? speakers[first]!.roles.length && size[first]! >= SPEAKERS.dominantShare * size[k]! : size[first]! >= SPEAKERS.longerNameShare * size[k]!) merge(k, first);
    }
  }
  return into.map((_, k) => root(k));
}

/**
 * Whether a bare surname may be a full name's: the same word of three letters or more, or, from
 * four letters, the word with a vowel letter or two more or less (ترمب, ترامب; not كلاب, كلوب): `SPEAKERS.surname`.
 */
function sameSurname(a: string, b: string): boolean {
  const { minLetters, variantFrom, vowels } = SPEAKERS.surname;
  if (a === b) return a.length >= minLetters;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length < variantFrom || long.length - short.length > vowels) return false;
  let i = 0;
  for (const ch of long) {
    if (ch === short[i]) i++;
    else if (!VOWELS.has(ch.charCodeAt(0))) return false;
  }
  return i === short.length;
}

/** Adds `k` to the list of `key` in `map`. */
function add(map: Map<string, number[]>, key: string, k: number): void {
  const list = map.get(key);
  if (list) list.push(k);
  else map.set(key, [k]);
}

/** A compound name's first part, written joined to the next word or apart (عبد الفتاح, عبدالفتاح). */
const ABD = 'عبد';

/**
 * A name's words (as `nameKey` gives them: the article dropped) with `عبد` joined to the word after it, so both ways of
 * writing a compound name compare alike (`عبد فتاح` and `عبدالفتاح` are both `عبدفتاح`).
 */
export function joinedAbd(words: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (word === ABD && i + 1 < words.length) out.push(ABD + words[++i]!);
    else out.push(word.startsWith(`${ABD}ال`) && word.length > ABD.length + 3 ? ABD + word.slice(ABD.length + 2) : word);
  }
  return out;
}

/** Whether two speakers' titles do not contradict: each of nationality and role missing on one side or shared. */
const compatible = (a: SpeakerSummary, b: SpeakerSummary) =>
  (!a.nationalities.length || !b.nationalities.length || shares(a.nationalities, b.nationalities)) && (!a.roles.length || !b.roles.length || shares(a.roles, b.roles));

/** Whether a speaker's titles give both a nationality and a role (what merging on evidence compares). */
const hasEvidence = (s: SpeakerSummary) => s.nationalities.length > 0 && s.roles.length > 0;

/** Whether two lists (neither empty) share an item. */
const shares = (a: readonly string[], b: readonly string[]) => a.some((x) => b.includes(x));
/** Whether a bare surname's titles allow that person: no nationality, or one the person has. */
const fits = (bare: SpeakerSummary, person: SpeakerSummary) => !bare.nationalities.length || !person.nationalities.length || shares(bare.nationalities, person.nationalities);

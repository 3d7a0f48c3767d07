import { DOCUMENTS, FUNCTION_WORDS, GENERIC, HONORIFICS, NAME_PARTICLES, NATIONALITIES, ORG_HEADS, PERSON_HEADS, isPlace } from './lexicon.js';
import { bare, fold, stripConj } from './tokens.js';
import { normalizeText, words } from '../text/normalize.js';
import { listsByKey } from '../util/lists.js';
import { Numbering } from '../util/numbering.js';
import { mergeSpellings, skeleton } from './spellings.js';
import { SPEAKERS } from '../options.js';

/** One person (or organisation) across the archive, with the name variants merged into it. */
export interface SpeakerCluster {
  /** The fullest, most frequent name. */
  name: string;
  /** Normalised keys of every name variant (`محمد باقري`, `باقري`). */
  variants: string[];
  /** Quotation numbers in the index. */
  quotes: number[];
  /** Nationality words of the titles given with the name, to keep namesakes apart. */
  nationalities: string[];
}

/** Words of the reader's lists: a name word that is one of them after a leading و/ف had that و/ف as a conjunction. */
const KNOWN = [PERSON_HEADS, ORG_HEADS, HONORIFICS, FUNCTION_WORDS, GENERIC, DOCUMENTS, NAME_PARTICLES];
const listed = (w: string) => KNOWN.some((list) => list.has(w)) || isPlace(w) || NATIONALITIES.has(w.replace(/ه$/, ''));

/** Which words (normalised, without ال) are words of the archive's speaker names; none by default. */
export type NameWords = (word: string) => boolean;
const NO_NAMES: NameWords = () => false;

/**
 * A name word's matching form: normalised, without its article; a leading و/ف is a conjunction only when the rest is
 * still a known word, of the reader's lists or of a speaker's name (`والحكومة` → حكومه, `وفينغر` → فينغر), else it
 * is the name's own first letter (وزارة، فلاديمير، وليد).
 */
function nameWord(n: string, names: NameWords): string {
  const rest = stripConj(n);
  if (rest === n) return bare(n);
  const b = bare(rest);
  return listed(rest) || listed(b) || names(b) ? b : bare(n);
}

/** The words of a name (or of a prefix of one) as `nameKey` matches them, honorifics kept. */
export const nameWords = (text: string, names: NameWords = NO_NAMES) => words(normalizeText(text)).map((w) => nameWord(w, names));

/** A name as a matching key: normalised words without honorifics (اللواء محمد باقري → محمد باقري); `names` as in `nameWord`. */
export function nameKey(name: string, names: NameWords = NO_NAMES): string[] {
  const w = nameWords(name, names);
  let i = 0;
  while (i < w.length - 1 && (HONORIFICS.has(w[i]!) || PERSON_HEADS.has(w[i]!))) i++;
  return w.slice(i);
}

/** The nationality words of a title, each as `spelling` gives it, and its role words (رييس, وزير, …). */
function readTitle(title: string, spelling: (nationality: string) => string): { nationalities: string[]; roles: string[] } {
  const normalized = words(normalizeText(title));
  // A role word is read with its first letter (وزير: no و + زير) unless only its و/ف makes it unknown.
  const roles: string[] = [];
  const nationalities: string[] = [];
  for (const w of normalized) {
    const [b, folded] = [bare(w), fold(w)];
    if (PERSON_HEADS.has(b) || PERSON_HEADS.has(folded)) roles.push(PERSON_HEADS.has(b) ? b : folded);
    const n = folded.replace(/ه$/, '');
    if (NATIONALITIES.has(n)) nationalities.push(spelling(n));
  }
  return { nationalities, roles };
}

const NO_TITLE = { nationalities: [] as string[], roles: [] as string[] };
const NO_CLUSTERS: number[] = [];

/** Milliseconds of an ISO date's day (NaN when it does not parse). */
const timeOf = (date: string) => Date.parse(date.slice(0, 10));
const DAY = 86_400_000;

/** The days of one cluster's quotations, sorted, for the nearest-day question of a bare surname. */
class Days {
  private readonly sorted: number[] = [];
  private invalid = 0;
  add(t: number): void {
    if (Number.isNaN(t)) {
      this.invalid++;
      return;
    }
    const a = this.sorted;
    let lo = 0;
    let hi = a.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (a[mid]! <= t) lo = mid + 1;
      else hi = mid;
    }
    a.splice(lo, 0, t);
  }
  /** Days from `t` to the nearest of these (NaN when a date does not parse, Infinity when there is none). */
  gap(t: number): number {
    if (this.invalid || Number.isNaN(t)) return NaN;
    const a = this.sorted;
    let lo = 0;
    let hi = a.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (a[mid]! < t) lo = mid + 1;
      else hi = mid;
    }
    let best = Infinity;
    if (lo < a.length) best = Math.abs(t - a[lo]!) / DAY;
    if (lo > 0) best = Math.min(best, Math.abs(t - a[lo - 1]!) / DAY);
    return best;
  }
}

/**
 * Groups quotations by speaker across articles: the same full name is one person (unless their titles
 * give different nationalities); a bare surname joins the only full name ending with it, or, when
 * several people share it, the one quoted closest in time if that is within the same story period.
 * Spelling variants and shorter names of one person are then merged on evidence (see `mergeSpellings`).
 * Quotations are taken longest name key first, in quotation order within a length. Names and keys
 * are numbered once each and a title's nationalities read once, so the pass over the quotations
 * compares names and keys as numbers. `vocabulary` tells the words of the archive's speaker names
 * (a و/ف before one of them is a conjunction): by default those of `quotes`, given when they are only part of the archive.
 */
export function clusterSpeakers(quotes: ReadonlyArray<{ speaker: string | null; speakerTitle: string | null; date: string }>, vocabulary?: NameWords): SpeakerCluster[] {
  const names = new Numbering();
  const keys = new Numbering();
  const isNameWord = vocabulary ?? vocabularyOf(quotes);
  /** Per key: its words. */
  const keyWords: string[][] = [];
  /** Per name: its key's number and the key's length in words (0: no key). */
  const keyOfName: number[] = [];
  const keyLength: number[] = [];
  /** Per key: the number of its last word as a key of its own (the surname of a full name). */
  const surnameOfKey: number[] = [];
  const nameOf = new Int32Array(quotes.length).fill(-1);
  quotes.forEach((q, qi) => {
    if (!q.speaker) return;
    const n = names.number(q.speaker);
    if (n === keyOfName.length) {
      const words = nameKey(q.speaker, isNameWord);
      const k = keys.number(words.join(' '));
      keyWords[k] ??= words;
      surnameOfKey[k] ??= words.length > 1 ? keys.number(words[words.length - 1]!) : k;
      keyOfName.push(k);
      keyLength.push(words.length);
    }
    if (keyLength[n]! > 0) nameOf[qi] = n;
  });
  let longest = 0;
  for (const length of keyLength) longest = Math.max(longest, length);
  // Longest keys first, in quotation order within a length.
  const order = listsByKey(longest, (visit) =>
    nameOf.forEach((n, qi) => {
      if (n >= 0) visit(longest - keyLength[n]!, qi);
    }),
  ).items;

  const clusters: SpeakerCluster[] = [];
  /** Each cluster's name keys, in order of first use (its `variants`, numbered). */
  const variantKeys: number[][] = [];
  /** The days quoted of each full-name cluster (a bare surname's nearest-day question is only asked of them). */
  const days: Days[] = [];
  const clustersOfKey: number[][] = [];
  const fullNamesBySurname: number[][] = [];
  /** Each nationality written as its first spelling with the same skeleton (امريكي, اميركي). */
  const spellings = new Map<string, string>();
  const spelling = (n: string) => {
    const key = skeleton(n);
    return spellings.get(key) ?? (spellings.set(key, n), n);
  };
  const titles = new Map<string, { nationalities: string[]; roles: string[] }>();
  const titleOf = (title: string | null) => {
    if (title === null) return NO_TITLE;
    let read = titles.get(title);
    if (read === undefined) titles.set(title, (read = readTitle(title, spelling)));
    return read;
  };
  /** Each cluster's role words. */
  const roles: string[][] = [];
  const times = new Map<string, number>();
  const timeFor = (date: string) => {
    let t = times.get(date);
    if (t === undefined) times.set(date, (t = timeOf(date)));
    return t;
  };
  /** Whether cluster `c` may take a quotation whose title gives the nationalities `nat`. */
  const fits = (c: number, nat: readonly string[]) => {
    const own = clusters[c]!.nationalities;
    return !nat.length || !own.length || nat.some((n) => own.includes(n));
  };
  const create = (key: number, nat: readonly string[]) => {
    const c = clusters.push({ name: '', variants: [], quotes: [], nationalities: [...nat] }) - 1;
    variantKeys.push([]);
    roles.push([]);
    (clustersOfKey[key] ??= []).push(c);
    if (surnameOfKey[key] !== key) {
      (fullNamesBySurname[surnameOfKey[key]!] ??= []).push(c);
      days[c] = new Days();
    }
    return c;
  };
  for (const qi of order) {
    const q = quotes[qi]!;
    const n = nameOf[qi]!;
    const key = keyOfName[n]!;
    const title = titleOf(q.speakerTitle);
    const nat = title.nationalities;
    const t = timeFor(q.date);
    let c = (clustersOfKey[key] ?? NO_CLUSTERS).find((candidate) => fits(candidate, nat));
    // A country or a place (روسيا) is no surname: it never joins a longer name that happens to end with it.
    if (c === undefined && keyLength[n] === 1 && !isPlace(keyWords[key]![0]!)) c = nearestFullName((fullNamesBySurname[key] ?? NO_CLUSTERS).filter((i) => fits(i, nat)), days, t);
    if (c === undefined) c = create(key, nat);
    const cluster = clusters[c]!;
    for (const x of nat) if (!cluster.nationalities.includes(x)) cluster.nationalities.push(x);
    for (const x of title.roles) if (!roles[c]!.includes(x)) roles[c]!.push(x);
    cluster.quotes.push(qi);
    if (!variantKeys[c]!.includes(key)) variantKeys[c]!.push(key);
    days[c]?.add(t);
  }
  const people = mergeClusters(clusters, variantKeys, keyWords, roles);
  const counts = new Int32Array(keyOfName.length);
  people.forEach(({ cluster, variantKeys: own }) => {
    cluster.variants = own.map((k) => keys.values[k]!);
    // The fullest name, then the most quoted, then the first quoted.
    let best = -1;
    for (const qi of cluster.quotes) counts[nameOf[qi]!]!++;
    for (const qi of cluster.quotes) {
      const n = nameOf[qi]!;
      if (best < 0 || keyLength[n]! > keyLength[best]! || (keyLength[n] === keyLength[best] && counts[n]! > counts[best]!)) best = n;
    }
    for (const qi of cluster.quotes) counts[nameOf[qi]!] = 0;
    cluster.name = names.values[best]!;
  });
  return people.map((p) => p.cluster);
}

/** The clusters with spelling variants of one person merged (see `mergeSpellings`), each with its name keys. */
function mergeClusters(clusters: SpeakerCluster[], variantKeys: number[][], keyWords: string[][], roles: string[][]): Array<{ cluster: SpeakerCluster; variantKeys: number[] }> {
  const into = mergeSpellings(clusters.map((c, k) => ({ words: keyWords[variantKeys[k]![0]!]!, nationalities: c.nationalities, roles: roles[k]!, size: c.quotes.length })));
  into.forEach((target, k) => {
    if (target === k) return;
    const [from, to] = [clusters[k]!, clusters[target]!];
    for (const qi of from.quotes) to.quotes.push(qi);
    for (const key of variantKeys[k]!) if (!variantKeys[target]!.includes(key)) variantKeys[target]!.push(key);
    for (const x of from.nationalities) if (!to.nationalities.includes(x)) to.nationalities.push(x);
  });
  return clusters.flatMap((cluster, k) => (into[k] === k ? [{ cluster, variantKeys: variantKeys[k]! }] : []));
}

/** The words a speaker's name as written brings to the archive's `NameWords` (normalised, without ال). */
export const speakerNameWords = (name: string): string[] => words(normalizeText(name)).map(bare);

/** The words of every speaker's name in `quotes`, as `NameWords`. */
function vocabularyOf(quotes: ReadonlyArray<{ speaker: string | null }>): NameWords {
  const vocabulary = new Set<string>();
  for (const q of quotes) if (q.speaker) for (const w of speakerNameWords(q.speaker)) vocabulary.add(w);
  return (w) => vocabulary.has(w);
}

/** Of the full names a bare surname may stand for, the only one, or the one quoted nearest `t` within the same story period. */
function nearestFullName(full: number[], days: readonly Days[], t: number): number | undefined {
  if (full.length <= 1) return full[0];
  const gaps = new Map(full.map((i) => [i, days[i]!.gap(t)]));
  const gap = (i: number) => gaps.get(i)!;
  const near = full.filter((i) => gap(i) <= SPEAKERS.sameStoryDays).sort((a, b) => gap(a) - gap(b));
  return near.length === 1 || (near.length > 1 && gap(near[0]!) < gap(near[1]!)) ? near[0] : undefined;
}

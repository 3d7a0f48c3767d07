import { HONORIFICS, NATIONALITIES, PERSON_HEADS } from './lexicon.js';
import { matchTokens } from './fuzzy.js';

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

/** A name as a matching key: normalised words without honorifics (اللواء محمد باقري → محمد باقري). */
export function nameKey(name: string): string[] {
  const w = matchTokens(name);
  let i = 0;
  while (i < w.length - 1 && (HONORIFICS.has(w[i]!) || PERSON_HEADS.has(w[i]!))) i++;
  return w.slice(i);
}

const nationalitiesOf = (title: string | null) =>
  title ? matchTokens(title).map((w) => w.replace(/ه$/, '')).filter((w) => NATIONALITIES.has(w)) : [];

const NO_KEY: string[] = [];
const NO_CLUSTERS: number[] = [];

/** Milliseconds of an ISO date's day (NaN when it does not parse). */
const timeOf = (date: string) => Date.parse(date.slice(0, 10));
/** A bare surname joins a full name only when that person was quoted within this many days (the same story). */
const SAME_STORY_DAYS = 60;
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
 */
export function clusterSpeakers(quotes: Array<{ speaker: string | null; speakerTitle: string | null; date: string }>): { clusters: SpeakerCluster[]; of: Int32Array } {
  const clusters: SpeakerCluster[] = [];
  const byKey = new Map<string, number[]>();
  const of = new Int32Array(quotes.length).fill(-1);
  const counts: Array<Map<string, number>> = [];
  const days: Days[] = [];
  const variantSets: Array<Set<string>> = [];
  const natSets: Array<Set<string>> = [];
  const times = new Map<string, number>();
  const timeFor = (date: string) => {
    let t = times.get(date);
    if (t === undefined) times.set(date, (t = timeOf(date)));
    return t;
  };
  const assign = (c: number, qi: number, name: string, key: string, t: number) => {
    of[qi] = c;
    clusters[c]!.quotes.push(qi);
    if (!variantSets[c]!.has(key)) {
      variantSets[c]!.add(key);
      clusters[c]!.variants.push(key);
    }
    counts[c]!.set(name, (counts[c]!.get(name) ?? 0) + 1);
    days[c]!.add(t);
  };
  const create = (key: string, nat: string[]) => {
    clusters.push({ name: '', variants: [], quotes: [], nationalities: [...nat] });
    counts.push(new Map());
    days.push(new Days());
    variantSets.push(new Set());
    natSets.push(new Set(nat));
    const list = byKey.get(key);
    if (list) list.push(clusters.length - 1);
    else byKey.set(key, [clusters.length - 1]);
    return clusters.length - 1;
  };
  const keyCache = new Map<string, { words: string[]; joined: string }>();
  const keyOf = (name: string) => {
    let key = keyCache.get(name);
    if (key === undefined) {
      const words = nameKey(name);
      keyCache.set(name, (key = { words, joined: words.join(' ') }));
    }
    return key;
  };
  const natCache = new Map<string, string[]>();
  const natOf = (title: string | null) => (title === null ? [] : natCache.get(title) ?? natCache.set(title, nationalitiesOf(title)).get(title)!);
  /** Whether cluster `c` may take a quotation whose title gives the nationalities `nat`. */
  const fits = (c: number, nat: string[]) => !nat.length || !clusters[c]!.nationalities.length || nat.some((n) => natSets[c]!.has(n));
  const keys = quotes.map((q) => (q.speaker ? keyOf(q.speaker).words : NO_KEY));
  const bySurname = new Map<string, number[]>();
  // Longest keys first, in quotation order within a length (a stable sort by key length, descending).
  const byLength: number[][] = [];
  keys.forEach((k, i) => (byLength[k.length] ??= []).push(i));
  const order: number[] = [];
  for (let len = byLength.length - 1; len >= 0; len--) for (const i of byLength[len] ?? []) order.push(i);
  for (const qi of order) {
    const q = quotes[qi]!;
    const key = keys[qi]!;
    if (!q.speaker || !key.length) continue;
    const k = keyOf(q.speaker).joined;
    const nat = natOf(q.speakerTitle);
    let c: number | undefined;
    for (const candidate of byKey.get(k) ?? NO_CLUSTERS) {
      if (fits(candidate, nat)) {
        c = candidate;
        break;
      }
    }
    const t = timeFor(q.date);
    if (c === undefined && key.length === 1) {
      const full = (bySurname.get(k) ?? NO_CLUSTERS).filter((i) => fits(i, nat));
      if (full.length === 1) c = full[0];
      else if (full.length > 1) {
        const gaps = new Map(full.map((i) => [i, days[i]!.gap(t)]));
        const gap = (i: number) => gaps.get(i)!;
        const near = full.filter((i) => gap(i) <= SAME_STORY_DAYS).sort((a, b) => gap(a) - gap(b));
        if (near.length === 1 || (near.length > 1 && gap(near[0]!) < gap(near[1]!))) c = near[0];
      }
    }
    if (c === undefined) {
      c = create(k, nat);
      if (key.length > 1) {
        const list = bySurname.get(key[key.length - 1]!);
        if (list) list.push(c);
        else bySurname.set(key[key.length - 1]!, [c]);
      }
    }
    for (const n of nat) {
      if (!natSets[c]!.has(n)) {
        natSets[c]!.add(n);
        clusters[c]!.nationalities.push(n);
      }
    }
    assign(c, qi, q.speaker, k, t);
  }
  clusters.forEach((cl, i) => {
    cl.name = [...counts[i]!.entries()].sort((a, b) => keyOf(b[0]).words.length - keyOf(a[0]).words.length || b[1] - a[1])[0]![0];
  });
  return { clusters, of };
}

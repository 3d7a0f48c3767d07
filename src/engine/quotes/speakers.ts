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

/** Days between two ISO dates. */
const daysApart = (a: string, b: string) => Math.abs(Date.parse(a.slice(0, 10)) - Date.parse(b.slice(0, 10))) / 86_400_000;
/** A bare surname joins a full name only when that person was quoted within this many days (the same story). */
const SAME_STORY_DAYS = 60;

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
  const assign = (c: number, qi: number, name: string, key: string) => {
    of[qi] = c;
    clusters[c]!.quotes.push(qi);
    if (!clusters[c]!.variants.includes(key)) clusters[c]!.variants.push(key);
    counts[c]!.set(name, (counts[c]!.get(name) ?? 0) + 1);
  };
  const create = (key: string, nat: string[]) => {
    clusters.push({ name: '', variants: [], quotes: [], nationalities: nat });
    counts.push(new Map());
    byKey.set(key, [...(byKey.get(key) ?? []), clusters.length - 1]);
    return clusters.length - 1;
  };
  const keyCache = new Map<string, string[]>();
  const keyOf = (name: string) => keyCache.get(name) ?? keyCache.set(name, nameKey(name)).get(name)!;
  const keys = quotes.map((q) => (q.speaker ? keyOf(q.speaker) : []));
  const bySurname = new Map<string, number[]>();
  const order = quotes.map((_, i) => i).sort((a, b) => keys[b]!.length - keys[a]!.length);
  for (const qi of order) {
    const q = quotes[qi]!;
    const key = keys[qi]!;
    if (!q.speaker || !key.length) continue;
    const k = key.join(' ');
    const nat = nationalitiesOf(q.speakerTitle);
    const fits = (c: number) => !nat.length || !clusters[c]!.nationalities.length || nat.some((n) => clusters[c]!.nationalities.includes(n));
    let c = (byKey.get(k) ?? []).find(fits);
    if (c === undefined && key.length === 1) {
      const full = (bySurname.get(k) ?? []).filter(fits);
      const gap = (i: number) => Math.min(...clusters[i]!.quotes.map((j) => daysApart(quotes[j]!.date, q.date)));
      const near = full.filter((i) => gap(i) <= SAME_STORY_DAYS).sort((a, b) => gap(a) - gap(b));
      if (full.length === 1) c = full[0];
      else if (near.length === 1 || (near.length > 1 && gap(near[0]!) < gap(near[1]!))) c = near[0];
    }
    if (c === undefined) {
      c = create(k, nat);
      if (key.length > 1) bySurname.set(key[key.length - 1]!, [...(bySurname.get(key[key.length - 1]!) ?? []), c]);
    }
    for (const n of nat) if (!clusters[c]!.nationalities.includes(n)) clusters[c]!.nationalities.push(n);
    assign(c, qi, q.speaker, k);
  }
  clusters.forEach((cl, i) => {
    cl.name = [...counts[i]!.entries()].sort((a, b) => keyOf(b[0]).length - keyOf(a[0]).length || b[1] - a[1])[0]![0];
  });
  return { clusters, of };
}

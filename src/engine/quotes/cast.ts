import { FUNCTION_WORDS, HONORIFICS, NATIONALITIES, ORG_HEADS, PERSON_HEADS } from './lexicon.js';
import type { NounPhrase } from './nounPhrase.js';
import { QUOTE_READING } from '../options.js';

/** A person or organisation an article quotes or mentions. */
export interface Entity {
  /** Fullest name the article gives. */
  name: string;
  key: string[];
  /** First title or description given with the name. */
  title: string | null;
  titleKey: Set<string>;
  fem: boolean | null;
  org: boolean;
  /** Offsets where the entity is named or quoted. */
  seenAt: number[];
}

/** Adjectives describing a body rather than naming it (besides nationalities): `الرسمية`, `الحكومية`. */
const DESCRIBING = new Set(['رسميه', 'رسمي', 'حكوميه', 'حكومي']);
const nationalities = (key: Iterable<string>) => new Set([...key].map((w) => w.replace(/ه$/, '')).filter((w) => NATIONALITIES.has(w)));
const lastBefore = (e: Entity, at: number) => e.seenAt.reduce((m, p) => (p < at && p > m ? p : m), -1);
const genderOk = (a: boolean | null, b: boolean | null) => a === null || b === null || a === b;

/** Damerau distance ≤ 1 between two words (a surname typed `طليب` for `طيلب`). */
function nearWord(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.min(a.length, b.length) < 4 || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const rest = (x: number, y: number) => a.slice(i + x) === b.slice(i + y);
  return rest(1, 1) || rest(1, 0) || rest(0, 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
}

/** The people and organisations of one article, with the salience needed to resolve later mentions. */
export class Cast {
  readonly entities: Entity[] = [];

  /** The person named `np` (a surname joins the full name, a fuller name upgrades it), registered if new. */
  person(np: NounPhrase, at: number): Entity {
    const key = np.nameKey;
    const last = key[key.length - 1]!;
    const found = this.entities
      .filter((e) => !e.org && this.sameName(e.key, key, last))
      .sort((a, b) => lastBefore(b, at + 1) - lastBefore(a, at + 1))[0];
    const e = found ?? { name: np.name!, key, title: null, titleKey: new Set<string>(), fem: null, org: false, seenAt: [] };
    if (!found) this.entities.push(e);
    if (key.length > e.key.length) Object.assign(e, { name: np.name!, key });
    if (np.desc && !e.title && !np.descKey.every((w) => HONORIFICS.has(w))) e.title = np.desc;
    for (const w of np.descKey) if (!FUNCTION_WORDS.has(w)) e.titleKey.add(w);
    e.fem ??= np.fem;
    e.seenAt.push(at);
    return e;
  }

  /**
   * The organisation or country `name` (`phrase`: all the words of its noun phrase), registered if new;
   * a bare head word or description (المنظمة، الشركة الفرنسية) joins the latest organisation it fits.
   */
  org(name: string, key: string[], phrase: string[], at: number): Entity {
    const orgs = this.entities.filter((e) => e.org);
    const generic = ORG_HEADS.has(phrase[0] ?? '') && key.every((w) => phrase.includes(w)) && phrase.length <= 3 && key.length === phrase.length;
    const found =
      // A shorter form shares the name's first word or two of its words (`الحزب` / `الحزب الاشتراكي`, `العفو الدولية`), not just a country in it.
      orgs.find((e) => e.name === name || (key.length > 0 && key.every((w) => e.key.includes(w)) && (key[0] === e.key[0] || key.length >= 2))) ??
      (generic ? orgs.filter((e) => phrase.every((w, k) => e.titleKey.has(w) || (NATIONALITIES.has(w.replace(/ه$/, '')) ? !nationalities(e.titleKey).size : k > 0 && /يه?$/.test(w)))).sort((a, b) => lastBefore(b, at) - lastBefore(a, at))[0] : undefined);
    const e = found ?? { name, key, title: null, titleKey: new Set([...key, ...phrase]), fem: null, org: true, seenAt: [] };
    // `قناة الإخبارية السعودية الرسمية`, then `قناة "الإخبارية"`: the head and proper name without the describing adjectives.
    if (found && key.length >= 2 && key.length < found.key.length && key[0] === found.key[0] && key.every((w) => found.key.includes(w)) && found.key.every((w) => key.includes(w) || DESCRIBING.has(w) || NATIONALITIES.has(w.replace(/ه$/, '')))) Object.assign(found, { name, key });
    for (const w of phrase) e.titleKey.add(w);
    if (!found) this.entities.push(e);
    e.seenAt.push(at);
    return e;
  }

  /**
   * The entity a description refers to: the one whose stored title shares its head and words best
   * (a different nationality rules it out), else, for a person's title, the most recently seen
   * compatible person before `at`, else the first one named after it (a lead that names him later).
   */
  byDescription(np: NounPhrase, at: number, fem: boolean | null, strict = false): Entity | null {
    const key = np.descKey;
    const nat = nationalities(key);
    const compatible = (e: Entity) => {
      const other = nationalities(e.titleKey);
      return genderOk(e.fem, fem) && (!nat.size || !other.size || [...nat].some((n) => other.has(n)));
    };
    const head = key[0] ?? '';
    const orgHead = !PERSON_HEADS.has(head);
    // `قائد السبسي` after `الباجي قائد السبسي`: a title-like phrase that is the end of a known name is that person.
    if (key.length >= 2 && !orgHead) {
      const named = this.entities.find((e) => !e.org && e.key.length > key.length && key.every((w, k) => e.key[e.key.length - key.length + k] === w));
      if (named) return named;
    }
    let best: Entity | null = null;
    let bestScore = 0;
    for (const e of this.entities) {
      if (!compatible(e) || e.org !== orgHead) continue;
      if (!e.titleKey.has(head)) continue;
      // `المتحدث باسم وزارة الخارجية` is not the spokesman of another body.
      const of = key.indexOf('باسم');
      if (of >= 0 && key[of + 1] && !e.titleKey.has(key[of + 1]!)) continue;
      const score = key.filter((w) => e.titleKey.has(w) || e.key.includes(w)).length;
      if (score > bestScore || (score === bestScore && best && lastBefore(e, at) > lastBefore(best, at))) [best, bestScore] = [e, score];
    }
    if (best && bestScore >= Math.min(QUOTE_READING.titleWords, key.length)) return best;
    if (strict) return null;
    const pool = this.entities.filter((e) => compatible(e) && e.org === orgHead);
    const before = pool.filter((e) => lastBefore(e, at) >= 0).sort((a, b) => lastBefore(b, at) - lastBefore(a, at))[0];
    const first = (e: Entity) => Math.min(...e.seenAt);
    return before ?? (orgHead ? null : pool.sort((a, b) => first(a) - first(b))[0] ?? null);
  }

  /** The body whose name starts with `word` (`المرصد` for `المرصد السوري لحقوق الإنسان`), if one is known. */
  bodyNamed(word: string): Entity | null {
    return this.entities.find((e) => e.org && e.key[0] === word && e.key.length > 1) ?? null;
  }

  /** The person (other than `except`, and with a full name) last seen before `at`, else (when `after`) the first seen after it. */
  nearestPerson(at: number, fem: boolean | null, except: Entity | null, after = true): Entity | null {
    const pool = this.entities.filter((e) => !e.org && e !== except && e.key.length > 1 && genderOk(e.fem, fem));
    const before = pool.filter((e) => lastBefore(e, at) >= 0).sort((a, b) => lastBefore(b, at) - lastBefore(a, at))[0];
    const first = (e: Entity) => Math.min(...e.seenAt);
    return before ?? (after ? pool.sort((a, b) => first(a) - first(b))[0] ?? null : null);
  }

  /**
   * Completes surnames from the text: a person known as `ظريف` whose surname follows one or two
   * first names somewhere (`محمد جواد ظريف`) takes the full name; `occurrences` gives the names
   * written before each occurrence of a surname.
   */
  complete(occurrences: (surname: string) => Array<{ name: string; key: string[] }>): void {
    for (const e of this.entities) {
      if (e.org) continue;
      for (const full of occurrences(e.key[e.key.length - 1]!)) {
        // A word in -ت before a woman's name is the verb agreeing with her (`اعتذرت ليدي غاغا`), not a first name.
        if (e.fem === true && /ت$/.test(full.key[0]!)) continue;
        if (full.key.length > e.key.length && e.key.every((w) => full.key.includes(w))) Object.assign(e, { name: full.name, key: full.key });
      }
    }
  }

  /** Marks `e` as seen at `at` (a name or a quotation), for salience. */
  seen(e: Entity, at: number): void {
    e.seenAt.push(at);
  }

  /** People by surname (normalised, without ال), for surnames only one person has. */
  surnames(): Map<string, Entity> {
    const map = new Map<string, Entity | null>();
    for (const e of this.entities) {
      const last = e.key[e.key.length - 1];
      if (e.org || !last) continue;
      map.set(last, map.has(last) ? null : e);
    }
    return new Map([...map].filter((x): x is [string, Entity] => x[1] !== null));
  }

  private sameName(have: string[], key: string[], last: string): boolean {
    const haveLast = have[have.length - 1]!;
    if (!nearWord(haveLast, last) && !(key.length === 1 && have.includes(last))) return false;
    if (key.length === 1 || have.length === 1) return true;
    return key.every((w) => have.some((h) => nearWord(h, w))) || have.every((h) => key.some((w) => nearWord(h, w)));
  }
}

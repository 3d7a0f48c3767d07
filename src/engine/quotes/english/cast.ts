/**
 * The people and bodies an English article names: every capitalised name, its fullest form in the
 * article (`Mr. Trump` → `Donald J. Trump`), what it names (a person, an organisation, a place), and
 * each person's sex as told by honorifics, first names and the he/she that follow the name.
 */
import type { EnglishDoc, Tok } from './parse.js';
import { FEMALE_HONORIFICS, MALE_HONORIFICS, ORG_WORDS, TITLES } from './lexicon.js';
import { QUOTE_READING } from '../../options.js';

/** What a name names; `other` for names the article and the lexicon do not tell (`Islamic State`, a lone surname). */
export type Kind = 'person' | 'org' | 'place' | 'other';

/** One name as written: tokens `[first, last)` (titles left out) and its words. */
export interface NameRun {
  first: number;
  last: number;
  words: string[];
  kind: Kind;
  /** Sex told by an honorific in front (`Mrs.`) or the first name: true female, false male, null untold. */
  female: boolean | null;
  /** Offset of the name in the body. */
  at: number;
}

/** Someone the article names, under its fullest name. */
export interface Entity {
  name: string;
  kind: Kind;
  /** Votes for the person being female (positive) or male (negative). */
  sex: number;
  /** Offsets where the article names the entity. */
  seenAt: number[];
}

const CAPITAL = /^\p{Lu}/u;
const INITIAL = /^\p{Lu}\.$/u;
const ACRONYM = /^\p{Lu}{2,}$/u;

const stripPossessive = (w: string) => w.replace(/['’]s?$/, '');
const key = (words: string[]) => words.map((w) => stripPossessive(w).toLowerCase()).join(' ');

/** The article's names, entities by fullest name, and where each is named. */
export class Cast {
  readonly runs: NameRun[] = [];
  private readonly entities = new Map<string, Entity>();

  constructor(private readonly doc: EnglishDoc) {
    const { toks, sentences } = doc;
    for (let i = 0; i < toks.length; i++) {
      if (!this.nameWord(toks[i]!, sentences[toks[i]!.sent]!.first === i, false)) continue;
      let j = i + 1;
      while (j < toks.length && toks[j]!.para === toks[i]!.para && (this.nameWord(toks[j]!, false, true) || this.ofInName(i, j))) j++;
      this.addRun(i, j);
      i = j - 1;
    }
    for (const r of this.runs) {
      const e = this.entityOf(r, r.at);
      if (r.female !== null) e.sex += r.female ? QUOTE_READING.englishNamedSex : -QUOTE_READING.englishNamedSex;
    }
    this.voteSexes();
  }

  /** A word of a name: capitalised, a proper noun (or, inside a sentence or a name, a capitalised word), not a day or month. */
  private nameWord(t: Tok, sentenceStart: boolean, inName: boolean): boolean {
    if (!CAPITAL.test(t.text) || t.region >= 0 && !inName && t.pos !== 'PROPN') return false;
    if (t.text === 'I' || this.doc.names.kindOf(t.lower) === 'time') return false;
    if (sentenceStart && t.pos !== 'PROPN') return ['female', 'male', 'first'].includes(this.doc.names.kindOf(t.lower));
    return t.pos === 'PROPN' || INITIAL.test(t.text) || (!sentenceStart && ['NOUN', 'ADJ', 'VERB', 'AUX', 'X'].includes(t.pos)) || (inName && t.pos !== 'PUNCT');
  }

  /** `of` inside an organisation's name: `Republican Party of Wyoming`, `Communications Workers of America`. */
  private ofInName(first: number, j: number): boolean {
    const toks = this.doc.toks;
    const next = toks[j + 1];
    return toks[j]!.lower === 'of' && j > first && ORG_WORDS.has(toks[j - 1]!.lower) && next !== undefined && this.nameWord(next, false, true);
  }

  private addRun(first: number, last: number): void {
    const toks = this.doc.toks;
    const words = toks.slice(first, last).map((t) => t.text);
    const lower = words.map((w) => stripPossessive(w).toLowerCase());
    const names = this.doc.names;
    const at = (k: number) => toks[first + k]!.start;
    const tail = lower[lower.length - 1]!;
    if (ORG_WORDS.has(tail) || lower.includes('of') || names.kindOf(tail) === 'org' || names.kindOf(lower.join(' ')) === 'org' || (words.length === 1 && ACRONYM.test(words[0]!))) {
      const k = lower[0] === 'the' ? 1 : 0;
      this.runs.push({ first: first + k, last, words: words.slice(k).map(stripLast), kind: 'org', female: null, at: at(k) });
      return;
    }
    let k = words.length - 1;
    while (k > 0 && !TITLES.has(lower[k - 1]!) && !ORG_WORDS.has(lower[k - 1]!) && lower[k - 1] !== 'of' && (toks[first + k - 1]!.pos === 'PROPN' || nameLike(names.kindOf(lower[k - 1]!)))) k--;
    const titles = lower.slice(0, k);
    const kept = words.slice(k).map(stripLast);
    if (TITLES.has(lower[k]!)) return;
    const firstKind = names.kindOf(lower[k]!);
    let female = titles.some((w) => FEMALE_HONORIFICS.has(w)) ? true : titles.some((w) => MALE_HONORIFICS.has(w)) ? false : null;
    if (female === null && kept.length > 1) female = firstKind === 'female' ? true : firstKind === 'male' ? false : null;
    const place = names.kindOf(lower.slice(k).join(' ')) === 'place' || (kept.length === 1 && firstKind === 'place');
    const person = titles.some((w) => TITLES.has(w)) || (kept.length > 1 && (['female', 'male', 'first'].includes(firstKind) || names.kindOf(tail) === 'surname' || lower.slice(k).every((w) => nameLike(names.kindOf(w)))));
    const kind: Kind = place && !titles.length ? 'place' : person ? 'person' : names.kindOf(tail) === 'surname' ? 'person' : 'other';
    this.runs.push({ first: first + k, last, words: kept, kind, female, at: at(k) });
  }

  /** The entity a name stands for: the fullest name of the article containing its words (same sex when told). */
  entityOf(run: Pick<NameRun, 'words' | 'female' | 'kind'>, at: number): Entity {
    const wanted = ` ${key(run.words)} `;
    let best: NameRun | null = null;
    for (const r of this.runs) {
      if (r.words.length <= (best?.words.length ?? run.words.length) || (run.kind === 'org') !== (r.kind === 'org')) continue;
      if (run.female !== null && r.female !== null && r.female !== run.female) continue;
      if (` ${key(r.words)} `.includes(wanted)) best = r;
    }
    const words = best?.words ?? run.words;
    const kind = best?.kind ?? run.kind;
    let e = this.entities.get(key(words));
    if (!e) this.entities.set(key(words), (e = { name: words.join(' '), kind, sex: 0, seenAt: [] }));
    if (e.kind === 'other' && kind !== 'other') e.kind = kind;
    if (!e.seenAt.includes(at)) e.seenAt.push(at);
    return e;
  }

  /** `the campaign`, `the department`: the organisation named last before offset `at` whose name ends with that word. */
  bodyBefore(word: string, at: number): Entity | null {
    let best: [Entity, number] | null = null;
    for (const e of this.entities.values()) {
      if (e.kind !== 'org' || e.name.split(' ').pop()!.toLowerCase() !== word) continue;
      const last = Math.max(-1, ...e.seenAt.filter((x) => x < at));
      if (last >= 0 && (!best || last > best[1])) best = [e, last];
    }
    return best?.[0] ?? null;
  }

  /** The people named before offset `at`, nearest first. */
  peopleBefore(at: number): Entity[] {
    const seen: Array<[Entity, number]> = [];
    for (const e of this.entities.values()) {
      if (e.kind !== 'person') continue;
      const last = Math.max(-1, ...e.seenAt.filter((x) => x < at));
      if (last >= 0) seen.push([e, last]);
    }
    return seen.sort((a, b) => b[1] - a[1]).map(([e]) => e);
  }

  /** The last person named first in a sentence (outside quotations) before offset `at` that `fits`, with where. */
  subjectBefore(at: number, fits: (e: Entity) => boolean): { entity: Entity; at: number } | null {
    const toks = this.doc.toks;
    let sentence = -1;
    const firsts: NameRun[] = [];
    for (const r of this.runs) {
      if (r.at >= at) break;
      const t = toks[r.first]!;
      if (t.sent !== sentence && t.region < 0) firsts.push(r);
      sentence = t.sent;
    }
    for (const r of firsts.reverse()) {
      if (r.kind !== 'person') continue;
      const e = this.entityOf(r, r.at);
      if (fits(e)) return { entity: e, at: r.at };
    }
    return null;
  }

  /** Gives a person the sex of each he/she that follows their name within a sentence, while no other person is named between. */
  private voteSexes(): void {
    const people = this.runs.filter((r) => r.kind === 'person');
    const toks = this.doc.toks;
    let p = -1;
    for (const t of toks) {
      while (p < people.length - 1 && people[p + 1]!.at < t.start) p++;
      const sex = t.lower === 'he' ? false : t.lower === 'she' ? true : undefined;
      const near = people[p];
      if (sex === undefined || t.region >= 0 || !near || toks[near.first]!.sent < t.sent - 1) continue;
      this.entityOf(near, near.at).sex += sex ? 1 : -1;
    }
  }
}

/** A word that can make a name a person's: a name, or a word the lexicon does not know. */
const nameLike = (kind: string) => kind !== 'word' && kind !== 'place' && kind !== 'org' && kind !== 'time';
const stripLast = (w: string, n: number, all: string[]) => (n === all.length - 1 ? stripPossessive(w) : w);

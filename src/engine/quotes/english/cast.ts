/**
 * The people and bodies an English article names: every capitalised name, its fullest form in the
 * article (`Mr. Trump` → `Donald J. Trump`), whether it is an organisation, and each person's sex as
 * told by honorifics and by the he/she that follow their name.
 */
import type { EnglishDoc, Tok } from './parse.js';
import { FEMALE_HONORIFICS, GENDERED, MALE_HONORIFICS, ORG_WORDS, TITLES } from './lexicon.js';

/** One name as written: tokens `[first, last)` (titles left out), its words, and what the title before it tells. */
export interface NameRun {
  first: number;
  last: number;
  words: string[];
  /** Sex told by an honorific in front (`Mrs.`): true female, false male, null untold. */
  female: boolean | null;
  org: boolean;
  /** Offset of the name in the body. */
  at: number;
}

/** Someone the article names: a person or an organisation, under its fullest name. */
export interface Entity {
  name: string;
  org: boolean;
  /** Votes for the person being female (positive) or male (negative). */
  sex: number;
  /** Offsets where the article names the entity. */
  seenAt: number[];
}

const CAPITAL = /^\p{Lu}/u;
const INITIAL = /^\p{Lu}\.$/u;
const ACRONYM = /^\p{Lu}{2,}$/u;

/** A word of a name: capitalised, tagged a proper noun (or a capitalised noun or adjective inside a sentence). */
const nameWord = (t: Tok, sentenceStart: boolean) =>
  CAPITAL.test(t.text) && (t.pos === 'PROPN' || INITIAL.test(t.text) || (!sentenceStart && (t.pos === 'NOUN' || t.pos === 'ADJ')));

const stripPossessive = (w: string) => w.replace(/['’]s?$/, '');
const key = (words: string[]) => words.map((w) => stripPossessive(w).toLowerCase()).join(' ');

/** The article's names, entities by fullest name, and where each is named. */
export class Cast {
  readonly runs: NameRun[] = [];
  private readonly entities = new Map<string, Entity>();

  constructor(private readonly doc: EnglishDoc) {
    const { toks, sentences } = doc;
    for (let i = 0; i < toks.length; i++) {
      const sentenceStart = sentences[toks[i]!.sent]!.first === i;
      if (!nameWord(toks[i]!, sentenceStart)) continue;
      let j = i + 1;
      while (j < toks.length && (nameWord(toks[j]!, false) || (toks[j]!.lower === 'of' && toks[j + 1] && nameWord(toks[j + 1]!, false)))) j++;
      this.addRun(i, j);
      i = j - 1;
    }
    this.voteSexes();
  }

  private addRun(first: number, last: number): void {
    const toks = this.doc.toks;
    const words = toks.slice(first, last).map((t) => t.text);
    const org = words.some((w) => ORG_WORDS.has(stripPossessive(w).toLowerCase())) || (words.length === 1 && ACRONYM.test(words[0]!));
    let k = org ? 0 : Math.max(0, words.lastIndexOf('of') + 1);
    let female: boolean | null = null;
    while (!org && k < words.length - 1 && TITLES.has(words[k]!.toLowerCase())) {
      const w = words[k]!.toLowerCase();
      if (FEMALE_HONORIFICS.has(w)) female = true;
      else if (MALE_HONORIFICS.has(w)) female = false;
      k++;
    }
    if (!org && TITLES.has(words[k]!.toLowerCase())) return;
    const kept = words.slice(k).map((w, n, all) => (n === all.length - 1 ? stripPossessive(w) : w));
    this.runs.push({ first: first + k, last, words: kept, female, org, at: toks[first + k]!.start });
  }

  /** The entity a name stands for: the fullest name of the article containing its words (same sex when told). */
  entityOf(run: Pick<NameRun, 'words' | 'female' | 'org'>, at: number): Entity {
    const wanted = key(run.words);
    let best = run.words;
    for (const r of this.runs) {
      if (r.org !== run.org || r.words.length <= best.length) continue;
      if (run.female !== null && r.female !== null && r.female !== run.female) continue;
      if (` ${key(r.words)} `.includes(` ${wanted} `)) best = r.words;
    }
    const name = best.join(' ');
    let e = this.entities.get(key(best));
    if (!e) this.entities.set(key(best), (e = { name, org: run.org, sex: 0, seenAt: [] }));
    if (!e.seenAt.includes(at)) e.seenAt.push(at);
    if (run.female !== null) e.sex += run.female ? 3 : -3;
    return e;
  }

  /** The run naming the token `i`, if any. */
  runAt(i: number): NameRun | undefined {
    return this.runs.find((r) => r.first <= i && i < r.last);
  }

  /** The people named before offset `at`, nearest first. */
  peopleBefore(at: number): Entity[] {
    const seen = new Map<Entity, number>();
    for (const e of this.entities.values()) {
      if (e.org) continue;
      const last = Math.max(-1, ...e.seenAt.filter((x) => x < at));
      if (last >= 0) seen.set(e, last);
    }
    return [...seen].sort((a, b) => b[1] - a[1]).map(([e]) => e);
  }

  /** Names every run's entity, and gives a person the sex of the he/she that next refers back across a sentence to them alone. */
  private voteSexes(): void {
    const people = this.runs.filter((r) => !r.org && (r.words.length > 1 || r.female !== null)).map((r) => ({ r, e: this.entityOf(r, r.at) }));
    for (const r of this.runs) if (!people.some((p) => p.r === r) && !r.org) this.entityOf(r, r.at);
    const toks = this.doc.toks;
    let p = 0;
    for (const t of toks) {
      const sex = GENDERED.get(t.lower);
      if (sex === undefined || t.region >= 0) continue;
      while (p < people.length - 1 && people[p + 1]!.r.at < t.start) p++;
      const near = people[p];
      if (!near || near.r.at > t.start || toks[near.r.first]!.sent < t.sent - 1) continue;
      near.e.sex += sex ? 1 : -1;
    }
  }
}

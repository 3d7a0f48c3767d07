/** The English quotation reader: reports found by part of speech, speakers resolved inside the article. */
import type { Quotation } from '../types.js';
import { Cast, type Entity, type NameRun } from './cast.js';
import { GENDERED, GENERIC, MOUTHPIECES, ORG_WORDS, TITLES } from './lexicon.js';
import type { EnglishDoc, EnglishParser, Region, Tok } from './parse.js';
import { INNER, type Phrase, phraseText } from './phrases.js';
import { findReports } from './reports.js';

/** Who a report's subject names: an entity, or null for an anonymous or unresolvable source. */
interface Who {
  entity: Entity | null;
  mention: string;
}

/** Every quotation of an English body, in text order, with its speaker resolved inside the article. */
export function readEnglish(parser: EnglishParser, body: string): Quotation[] {
  const doc = parser.parse(body);
  const reports = findReports(doc);
  if (!reports.length) return [];
  const cast = new Cast(doc);
  const speakers: Spoken[] = [];
  const out: Quotation[] = [];
  for (const r of reports) {
    const who = r.subject ? resolve(doc, cast, r.subject, r.at, speakers) : { entity: speakers[speakers.length - 1]?.entity ?? null, mention: '' };
    if (who.entity?.kind === 'person') speakers.push({ entity: who.entity, at: r.at });
    const cue = doc.body.slice(doc.toks[r.cue.first]!.start, doc.toks[r.cue.last - 1]!.end);
    for (const c of r.contents) {
      out.push({ start: c.start, end: c.end, text: body.slice(c.start, c.end), direct: c.direct, speaker: who.entity?.name ?? null, speakerTitle: r.apposition ? phraseText(doc, r.apposition) : null, mention: who.mention, cue });
    }
  }
  return [...out, ...continuations(doc, out)].sort((a, b) => a.start - b.start);
}

/**
 * Quotations no cue of their own reports, after a direct quotation in their paragraph
 * (`"…," she said. "…"`) or opening the paragraph after it: the same speaker's words go on.
 */
function continuations(doc: EnglishDoc, read: Quotation[]): Quotation[] {
  const out: Quotation[] = [];
  const byStart = [...read].sort((a, b) => a.start - b.start);
  let k = 0;
  let last: Quotation | null = null;
  let lastPara = -1;
  for (const g of doc.regions) {
    while (k < byStart.length && byStart[k]!.start <= g.start) {
      const q = byStart[k++]!;
      if (q.direct) [last, lastPara] = [q, paraAt(doc, q.start)];
    }
    if (read.some((q) => q.start < g.close && g.open < q.end) || !last || g.para > lastPara + 1) continue;
    if (!sentenceLike(doc, g)) continue;
    const q: Quotation = { ...last, start: g.start, end: g.end, text: doc.body.slice(g.start, g.end), mention: '', cue: '' };
    out.push(q);
    [last, lastPara] = [q, g.para];
  }
  return out;
}

/** A quotation that says something: three words or more with a verb of its own (not a scare-quoted phrase). */
const sentenceLike = (doc: EnglishDoc, g: Region) =>
  doc.body.slice(g.start, g.end).split(/\s+/).length >= 3 && doc.toks.some((t) => t.start >= g.start && t.end <= g.end && (t.pos === 'VERB' || t.pos === 'AUX'));

const paraAt = (doc: EnglishDoc, offset: number) => doc.toks.find((t) => t.end > offset)?.para ?? -1;

/** The entity a subject phrase names: the person it names (`Jane Doe`, `Mr. Doe`, `the senator`), else the body it speaks for. */
function resolve(doc: EnglishDoc, cast: Cast, np: Phrase, at: number, speakers: Spoken[]): Who {
  const toks = doc.toks;
  const mention = phraseText(doc, np);
  if (np.last - np.first === 1 && toks[np.first]!.pos === 'PRON') {
    const female = GENDERED.get(toks[np.first]!.lower);
    return { entity: female === undefined ? null : byPronoun(cast, female, at, speakers), mention };
  }
  let cut = np.first;
  while (cut < np.last && !INNER.has(toks[cut]!.lower)) cut++;
  const head = toks[cut - 1]!;
  if (isGroup(toks, np.first, head)) return { entity: null, mention };
  const runs = cast.runs.filter((r) => r.last > np.first && r.first < cut);
  const modifies = (r: NameRun) => r.last < cut && (toks[r.last]!.pos === 'NOUN' || toks[r.last]!.lower === "'s");
  const named = runs.filter((r) => r.kind !== 'org' && !modifies(r)).pop();
  if (named && !MOUTHPIECES.has(head.lower)) return { entity: cast.entityOf(named, named.at), mention };
  const owner = cast.runs.find((r) => r.first >= cut && r.last <= np.last) ?? runs.find((r) => r.kind === 'org') ?? runs[0];
  if (owner) {
    const unit = toks[owner.last + (toks[owner.last]?.lower === "'s" ? 1 : 0)];
    const body = unit && BODIES.has(unit.lower) ? unit.text : null;
    const words = body ? [owner.words[owner.words.length - 1]!, body] : owner.words;
    return { entity: cast.entityOf({ words, female: owner.female, kind: body ? 'org' : owner.kind }, owner.at), mention };
  }
  const definite = toks[np.first]!.lower === 'the' && cut - np.first === 2;
  if (definite && (ORG_WORDS.has(head.lower) || BODIES.has(head.lower))) return { entity: cast.bodyBefore(head.lower, at), mention };
  if (TITLES.has(head.lower) && toks[np.first]!.lower === 'the') return { entity: speakers[speakers.length - 1]?.entity ?? cast.peopleBefore(at)[0] ?? null, mention };
  return { entity: null, mention };
}

/** Anonymous or generic groups (`some USDP members`, `Clinton supporters`, `79 percent of Democrats`): no one speaker. */
const isGroup = (toks: Tok[], first: number, head: Tok) =>
  GENERIC.has(head.lower) || GENERIC.has(toks[first]!.lower) || toks[first]!.pos === 'NUM' ||
  (head.lower !== head.lemma && head.lower.endsWith('s') && !MOUTHPIECES.has(head.lower) && !GROUP_NAMES.test(head.text));
/** Plural names of bodies that speak as one: `the Democrats` in a name such as `Senate Democrats` stay groups, `the Times` does not. */
const GROUP_NAMES = /^(?:Times|News|Affairs|Services|Nations|States|Partners|Industries|Brothers|Workers)$/;

/** Nouns that make a person's name a body: `the Clinton campaign`, `Obama's administration`. */
const BODIES = new Set(['campaign', 'administration']);

/** A person's report: who and where. */
interface Spoken {
  entity: Entity;
  at: number;
}

/** he/she: the person of that sex who last spoke, unless a person of that sex opened a sentence since. */
function byPronoun(cast: Cast, female: boolean, at: number, speakers: Spoken[]): Entity | null {
  const fits = (e: Entity) => (female ? e.sex > 0 : e.sex < 0);
  const last = [...speakers].reverse().find((s) => fits(s.entity));
  const subject = cast.subjectBefore(at, fits);
  if (subject && (!last || subject.at > last.at)) return subject.entity;
  return last?.entity ?? cast.peopleBefore(at).find(fits) ?? null;
}

/** The English quotation reader: reports found by part of speech, speakers resolved inside the article. */
import type { Quotation } from '../types.js';
import { Cast, type Entity } from './cast.js';
import { GENDERED, GENERIC, MOUTHPIECES, TITLES } from './lexicon.js';
import type { EnglishDoc, EnglishParser } from './parse.js';
import { type Phrase, phraseText } from './phrases.js';
import { type Report, findReports } from './reports.js';

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
  const speakers: Entity[] = [];
  const out: Quotation[] = [];
  for (const r of reports) {
    const who = r.subject ? resolve(doc, cast, r.subject, r.at, speakers) : { entity: speakers[speakers.length - 1] ?? null, mention: '' };
    if (who.entity && !who.entity.org) speakers.push(who.entity);
    const cue = doc.body.slice(doc.toks[r.cue.first]!.start, doc.toks[r.cue.last - 1]!.end);
    for (const c of r.contents) {
      out.push({ start: c.start, end: c.end, text: body.slice(c.start, c.end), direct: c.direct, speaker: who.entity?.name ?? null, speakerTitle: r.apposition ? phraseText(doc, r.apposition) : null, mention: who.mention, cue });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The entity a subject phrase names. */
function resolve(doc: EnglishDoc, cast: Cast, np: Phrase, at: number, speakers: Entity[]): Who {
  const toks = doc.toks;
  const mention = phraseText(doc, np);
  const head = toks[np.last - 1]!;
  if (np.last - np.first === 1 && head.pos === 'PRON') {
    const female = GENDERED.get(head.lower);
    return { entity: female === undefined ? null : byPronoun(cast, female, at, speakers), mention };
  }
  const runs = cast.runs.filter((r) => r.first >= np.first && r.last <= np.last);
  const mouthpiece = runs.length > 0 && MOUTHPIECES.has(head.lower);
  const personRun = runs.find((r) => !r.org && !(r.last < np.last && toks[r.last]!.pos === 'NOUN' && toks[r.last]!.lower !== "'s"));
  if (personRun && !mouthpiece) return { entity: cast.entityOf(personRun, personRun.at), mention };
  const run = runs.find((r) => r.org) ?? runs[0];
  if (run) {
    const body = toks[run.last]?.lower === 'campaign' || toks[run.last]?.lower === 'administration' ? toks[run.last]!.text : null;
    const words = body ? [...run.words, body] : run.words;
    return { entity: cast.entityOf({ words, female: null, org: run.org || body !== null }, run.at), mention };
  }
  if (GENERIC.has(head.lower) || GENERIC.has(toks[np.first]!.lower)) return { entity: null, mention };
  if (TITLES.has(head.lower) && toks[np.first]!.lower === 'the') return { entity: speakers[speakers.length - 1] ?? cast.peopleBefore(at)[0] ?? null, mention };
  return { entity: null, mention };
}

/** he/she: the last speaker of that sex, else the nearest person of that sex named before. */
function byPronoun(cast: Cast, female: boolean, at: number, speakers: Entity[]): Entity | null {
  const fits = (e: Entity) => (female ? e.sex > 0 : e.sex < 0);
  const last = speakers[speakers.length - 1];
  if (last && fits(last)) return last;
  const people = cast.peopleBefore(at);
  return people.find(fits) ?? people.find((e) => e.sex === 0) ?? null;
}

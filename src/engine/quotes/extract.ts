import type { Article } from '../types.js';
import { normalizeText, words } from '../text/normalize.js';
import { paragraphs } from '../text/sentences.js';
import { Cast, type Entity } from './cast.js';
import { readParagraph, subjectEnd, type Para } from './clauses.js';
import { HONORIFICS, NATIONALITIES, PERSON_HEADS } from './lexicon.js';
import { parseNounPhrase, type NounPhrase, type WordCounts } from './names.js';
import { findReports, type Report } from './reports.js';
import { bare } from './tokens.js';
import type { Quotation } from './types.js';

/** Speaker of a report: an entity, or null for an anonymous source. */
type Who = { entity: Entity | null; mention: string };

/** Every quotation of an article body, in text order, with its speaker resolved inside the article. */
export function extractQuotations(article: Pick<Article, 'id' | 'title' | 'body' | 'lang'>): Quotation[] {
  const body = article.body;
  const paras = paragraphs(body).map((s) => readParagraph(s.text, s.start));
  const counts: WordCounts = new Map();
  for (const p of paras) for (const w of p.words) if (w) counts.set(w, (counts.get(w) ?? 0) + 1);
  const reports = paras.map((p) => findReports(p));
  const cast = new Cast();
  const phrases = new Map<Report, NounPhrase>();
  paras.forEach((p, k) => {
    registerTitled(body, p, counts, cast);
    for (const r of reports[k]!) {
      if (!r.subject) continue;
      const np = parseNounPhrase(body, r.subject, counts);
      phrases.set(r, np);
      if (np.name) cast.person(np, r.at);
    }
  });
  markSightings(paras, cast);
  return attribute(body, reports.flat(), phrases, cast);
}

/** Names introduced by a title anywhere in the article (`وزير الخارجية السعودي عادل الجبير`), so later titles find them. */
function registerTitled(body: string, p: Para, counts: WordCounts, cast: Cast): void {
  p.toks.forEach((t, i) => {
    const b = bare(t.n);
    const titled = t.word && (PERSON_HEADS.has(b) || HONORIFICS.has(b) || NATIONALITIES.has(b));
    const prev = p.toks[i - 1];
    if (!titled || (prev?.word && (PERSON_HEADS.has(bare(prev.n)) || /^ال/.test(prev.n)))) return;
    const np = parseNounPhrase(body, p.toks.slice(i, subjectEnd(p, i - 1)), counts);
    if (np.name && np.desc) cast.person(np, t.start);
  });
}

/** Records where each person's surname appears, for salience. */
function markSightings(paras: Para[], cast: Cast): void {
  for (const p of paras) {
    for (const t of p.toks) {
      if (!t.word) continue;
      const e = cast.bySurname(bare(t.n)) ?? (/^[وبل]/.test(t.n) ? cast.bySurname(bare(t.n.slice(1))) : null);
      if (e) cast.seen(e, t.start);
    }
  }
}

function attribute(body: string, reports: Report[], phrases: Map<Report, NounPhrase>, cast: Cast): Quotation[] {
  const history: Entity[] = [];
  const bySentence = new Map<number, Who>();
  const out: Quotation[] = [];
  for (const r of reports) {
    const fem = r.cue?.fem ?? null;
    const np = phrases.get(r);
    let who: Who;
    if (np) who = explicit(np, r, cast, fem) ?? inherit(r, history, bySentence, cast, fem);
    else who = inherit(r, history, bySentence, cast, fem);
    if (who.entity) {
      history.push(who.entity);
      cast.seen(who.entity, r.at);
    }
    if (!bySentence.has(r.sentenceAt)) bySentence.set(r.sentenceAt, who);
    for (const s of r.spans) {
      out.push({
        start: s.start, end: s.end, text: body.slice(s.start, s.end), direct: s.direct,
        speaker: who.entity?.name ?? null, speakerTitle: who.entity?.title ?? null, mention: who.mention, cue: r.cueText,
      });
    }
  }
  return dedupe(out);
}

function explicit(np: NounPhrase, r: Report, cast: Cast, fem: boolean | null): Who | null {
  if (np.generic) return { entity: null, mention: np.mention };
  let entity: Entity | null = null;
  if (np.name) entity = cast.person(np, r.at);
  else if (np.org && (!np.desc || !PERSON_HEADS.has(np.descKey[0] ?? '') || /باسم|في|عن/.test(np.desc))) {
    entity = cast.org(np.org, words(normalizeText(np.org)).map(bare), r.at);
  } else if (np.desc) entity = cast.byDescription(np, r.at, np.fem ?? fem);
  if (!entity) return null;
  if (!entity.org && fem !== null) entity.fem ??= fem;
  return { entity, mention: np.mention };
}

function inherit(r: Report, history: Entity[], bySentence: Map<number, Who>, cast: Cast, fem: boolean | null): Who {
  if (r.fromSentence) {
    const same = bySentence.get(r.sentenceAt);
    if (same) return { entity: same.entity, mention: '' };
    const named = cast.entities
      .filter((e) => e.seenAt.some((at) => at >= r.sentenceAt && at < r.at))
      .sort((a, b) => Math.min(...a.seenAt.filter((x) => x >= r.sentenceAt)) - Math.min(...b.seenAt.filter((x) => x >= r.sentenceAt)))[0];
    if (named) return { entity: named, mention: '' };
  }
  for (let k = history.length - 1; k >= 0; k--) {
    const e = history[k]!;
    if (fem === null || e.fem === null || e.fem === fem || e.org) return { entity: e, mention: '' };
  }
  return { entity: history[history.length - 1] ?? null, mention: '' };
}

/** Identical quotations repeated in an article are kept once: the one with a cue, else the first. */
function dedupe(quotes: Quotation[]): Quotation[] {
  const seen = new Map<string, Quotation>();
  for (const q of quotes) {
    const key = words(normalizeText(q.text)).join(' ');
    const had = seen.get(key);
    if (!had || (!had.cue && q.cue)) seen.set(key, q);
  }
  const keep = new Set(seen.values());
  return quotes.filter((q) => keep.has(q)).sort((a, b) => a.start - b.start || b.end - a.end);
}

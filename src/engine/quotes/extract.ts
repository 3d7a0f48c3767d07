import type { Article } from '../types.js';
import { paragraphs } from '../text/sentences.js';
import { normalizeText } from '../text/normalize.js';
import { Cast, type Entity } from './cast.js';
import { addressee, readParagraph } from './clauses.js';
import { DOCUMENTS, FIGURES, PERSON_HEADS, isPlace } from './lexicon.js';
import { parseNounPhrase } from './names.js';
import type { NounPhrase } from './nounPhrase.js';
import { findReports } from './reports.js';
import type { Report } from './spans.js';
import { WordBook, bare, bareOf, type ArticleWords } from './tokens.js';
import { mayAttribute } from './cues.js';
import { issuer, represented, representedKey, statementIssuer } from './issuers.js';
import { fullNames, markSightings, orgOf, registerTitled } from './castnames.js';
import { dedupe, spanInfos, type Found } from './found.js';
import { EnglishParser } from './english/parse.js';
import { readEnglish } from './english/read.js';
import { detectLang } from '../corpus/lang.js';
import type { Quotation } from './types.js';
import { QUOTE_READING } from '../options.js';

/** Cheap test before reading an article: a quote mark, or a letter sequence every reporting cue contains. */
const MAY_QUOTE = /["«»“”‹›]|ق[اؤ]?[لو]|[اأإ]?ض[اي]ف|[أاؤ]?ك[دّ]|ش[اي]?ر|و[ضص]|ع[لت]ن|لف?ت|شدد|عتبر|تابع|ذكر|صرح|ردف|زاد|حذر|ف[اي]د|كشف|[رى]أ?[ىيت]|توقع|عترف|نف[يىت]|نكر|دحض|كتب|ساءل|كمل|طرد|نوه|لمح|قترح|بين|عتقد|غرد|ختم|تتم|وصف|دع[اوت]|طالب|ناشد|نصح|وعد|شاد|تهم|عز[اوت]|وص[ىي]|عبر|ستهل|فتتح|نقل|حسب|وفق|لسان|said|told|added|according|wrote|گفت|افزود|کرد|گفته/i;

/**
 * An article as quotation reading takes it: only its body is read (so articles with the same body
 * have the same quotations: see `firstCopies`).
 */
export type ReadArticle = Pick<Article, 'body'> & Partial<Article>;

/** Speaker of a report: an entity, or null for an anonymous source. */
type Who = { entity: Entity | null; mention: string };

/**
 * Reads the quotations of articles one after another, keeping what it works out about the words it meets (and, from
 * the first English article on, the English model): one reader per build thread, dropped with the build.
 */
export class QuoteReader {
  private readonly words = new WordBook(QUOTE_READING.readerWords);
  /** English is parsed with wink-nlp, loaded at the first English article. */
  private readonly english = new EnglishParser();

  /** Every quotation of an article body, in text order, with its speaker resolved inside the article. */
  quotations(article: ReadArticle): Quotation[] {
    return this.find(article).map((f) => f.quote);
  }

  /** The quotations `quotations` gives, each with the word information of its words. */
  find(article: ReadArticle): Found[] {
    const body = article.body;
    if ((article.lang ?? detectLang(body)) === 'en') return dedupe(readEnglish(this.english, body).map((quote) => ({ quote, words: null })));
    return MAY_QUOTE.test(body) ? readArabic(body, this.words.article()) : [];
  }
}

/** The quotations of an Arabic or Persian body, its words read through `counts`. */
function readArabic(body: string, counts: ArticleWords): Found[] {
  const paras = paragraphs(body).map((s) => readParagraph(counts, s.text, s.start));
  const reports = paras.map((p) => findReports(p));
  if (reports.every((r) => !r.length)) return [];
  const cast = new Cast();
  const phrases = new Map<Report, NounPhrase>();
  /** A country whose statement the article says a body issued (`استنكرت تونس، في بيان صادر عن رئاسة الجمهورية`). */
  const issuedBy = new Map<string, NounPhrase>();
  paras.forEach((p, k) => {
    registerTitled(body, p, counts, cast);
    for (const r of reports[k]!) {
      if (!r.subject) continue;
      const parsed = parseNounPhrase(body, r.subject, counts);
      const head = bareOf(r.subject.find((t) => t.word) ?? r.subject[0]!);
      const figure = FIGURES.has(head);
      const np = mayAttribute(normalizeText(r.cueText)) || DOCUMENTS.has(head) || figure ? issuer(body, parsed, r.subject, counts) : parsed;
      // Figures no one is said to have issued (`وكشفت بيانات حديثة`) speak for no one.
      if (figure && np === parsed) Object.assign(np, { name: null, nameKey: [], org: null, orgKey: [], generic: true });
      const via = np.org && isPlace(normalizeText(np.org)) ? (issuedBy.get(np.org) ?? statementIssuer(body, p, r, counts)) : null;
      if (via) issuedBy.set(np.org!, via);
      const fuller = !via && np.org && !np.name && !np.desc ? longerName(body, np.org) : null;
      const lone = via || fuller ? null : loneBody(np);
      const full = lone ? namedInFull(body, lone, r.at) : null;
      if (full) phrases.set(r, { ...np, name: null, nameKey: [], org: full, orgKey: full.split(' ').map((w) => bare(normalizeText(w))) });
      else phrases.set(r, via ? { ...via, mention: np.mention } : fuller ? { ...np, org: fuller } : np);
      // The person an unnamed representative speaks for, so that name completion finds their full name.
      const rep = representedKey(np);
      if (rep && !represented(np, cast) && (counts.get(rep) ?? 0) > 0) {
        const raw = np.desc!.split(/\s+/)[np.descKey.indexOf(rep) >= 0 ? np.descKey.indexOf(rep) : 1]!.replace(/^ل/, '');
        cast.person({ ...np, name: raw, nameKey: [rep], desc: null, descKey: [], mention: raw }, r.at);
      }
      if (np.name && !np.joint && !r.nested && !describesObject(np, r)) {
        const e = cast.person(np, r.at);
        if (r.cue?.fem != null && !np.desc) e.fem ??= r.cue.fem;
      }
    }
  });
  cast.complete(fullNames(body, paras, counts, cast));
  markSightings(paras, cast);
  return dedupe(attribute(body, reports.flat(), phrases, cast).map((quote) => ({ quote, words: spanInfos(body, paras, quote.start, quote.end) })));
}

/**
 * `الأكاديمية التشيكية`, which the article gives elsewhere as `الأكاديمية التشيكية للعلوم`: a body of two
 * words or more is named with the definite ل-complement that completes it (only the first such mention is looked for).
 */
function longerName(body: string, org: string): string | null {
  if (!/\s/.test(org.trim())) return null;
  const at = body.indexOf(`${org} لل`);
  if (at < 0) return null;
  const m = /^لل\p{L}{3,}(?=[\s.,،؛:!?؟)]|$)/u.exec(body.slice(at + org.length + 1, at + org.length + 30));
  return m ? `${org} ${m[0]}` : null;
}

/** The one definite word (not a country) a subject is when it is a body named by its head alone (`السلطات`, `الشرطة`, `المرصد`), else null. */
function loneBody(np: NounPhrase): string | null {
  const word = np.desc ? null : np.name && !np.org ? np.name : !np.name ? np.org : null;
  const n = word ? normalizeText(word) : '';
  return word && !/\s/.test(word.trim()) && /^ال/.test(n) && !isPlace(n) && /^\p{L}+$/u.test(word.trim()) ? word.trim() : null;
}

/**
 * A body the article names in full where it is given with its adjectives of nationality or kind and a ل complement
 * (`المرصد السوري لحقوق الإنسان`, `الشرطة البريطانية`, `السلطات التايلاندية`): the mention of `word` so completed
 * nearest before `at` (else the first after it), or null.
 */
function namedInFull(body: string, word: string, at: number): string | null {
  let best: string | null = null;
  // Each mention of `word` (a word of letters) not inside a longer word, and what completes it; read on after a completed one.
  for (let i = body.indexOf(word); i >= 0; ) {
    NOT_AFTER_LETTER.lastIndex = i;
    COMPLETION.lastIndex = i + word.length;
    const m = NOT_AFTER_LETTER.test(body) ? COMPLETION.exec(body) : null;
    if (!m) {
      i = body.indexOf(word, i + 1);
      continue;
    }
    if (best && i > at) break;
    const complement = m[2] && !addressee(normalizeText(m[2].trim().split(/\s+/)[0]!)) ? m[2] : '';
    best = `${word}${m[1]}${complement}`.replace(/\s+/g, ' ');
    i = body.indexOf(word, COMPLETION.lastIndex);
  }
  return best;
}

/** Matches (empty) where the character before is not a letter. */
const NOT_AFTER_LETTER = /(?<!\p{L})/uy;
/** A body's adjectives of nationality or kind and its optional ل complement, right after its head word. */
const COMPLETION = /((?:\s+ال\p{L}{2,}(?:ي|ية|يه))+)(\s+ل\p{L}{3,}\s+ال\p{L}{2,})?(?!\p{L})/uy;

function attribute(body: string, reports: Report[], phrases: Map<Report, NounPhrase>, cast: Cast): Quotation[] {
  const history: Entity[] = [];
  const bySentence = new Map<number, Who>();
  const out: Quotation[] = [];
  let lastSource: Entity | null = null;
  for (const r of reports) {
    const fem = r.cue?.fem ?? null;
    const np = phrases.get(r);
    if (r.nested && !(np?.name || (np?.org && !np.byForm))) continue;
    let named = np ? explicit(np, r, cast, fem) : null;
    if (named === 'skip') continue;
    // `وقالت المصادر` after `قالت مصادر قضائية فرنسية`: the sources already described, and the body they speak for.
    const source = np && /^(?:مصدر|مصادر)$/.test(np.descKey[0] ?? '');
    if (np && named && !named.entity && /^(?:ال)(?:مصدر|مصادر)$/.test(normalizeText(np.mention)) && lastSource) named = { entity: lastSource, mention: np.mention };
    else if (source && named) lastSource = named.entity;
    const who = named ?? inherit(r, history, bySentence, cast, fem);
    if (who.entity && !r.nested) {
      history.push(who.entity);
      cast.seen(who.entity, r.at);
    }
    if (!bySentence.has(r.sentenceAt)) bySentence.set(r.sentenceAt, who);
    for (const s of r.spans) {
      const q: Quotation = {
        start: s.start, end: s.end, text: body.slice(s.start, s.end), direct: s.direct,
        speaker: who.entity?.name ?? null, speakerTitle: who.entity?.title ?? null, mention: who.mention, cue: r.cueText,
      };
      if (r.cue?.denial) q.polarity = 'denial';
      out.push(q);
    }
  }
  return out;
}

/** The speaker a subject names; null when it names nobody usable (the cue then inherits), 'skip' for joint subjects. */
function explicit(np: NounPhrase, r: Report, cast: Cast, fem: boolean | null): Who | null | 'skip' {
  if (np.joint) return 'skip';
  if (np.generic) return { entity: null, mention: np.mention };
  if (np.epithet) return null;
  let entity: Entity | null = null;
  const personTitle = np.desc !== null && PERSON_HEADS.has(np.descKey[0] ?? '');
  if (DOCUMENTS.has(np.descKey[0] ?? np.orgKey[0] ?? '') && !np.name) {
    entity = np.orgKey.length > 1 ? orgOf({ ...np, org: np.org!.split(/\s+/).slice(1).join(' '), orgKey: np.orgKey.slice(1) }, cast, r.at) : null;
    return entity && /\p{L}/u.test(entity.name) ? { entity, mention: np.mention } : null;
  }
  if (np.name) {
    if (describesObject(np, r)) return null;
    entity = cast.person(np, r.at);
    // A lone definite word that starts a known body's name is that body (`المرصد`); one the article never
    // gives with a first name and that heads a complement is a role (`أكد القيادي عن حركة …`), not a surname.
    if (entity.key.length === 1 && !entity.title && /^ال/.test(normalizeText(np.name))) {
      entity = cast.bodyNamed(np.nameKey[0]!) ?? (r.role ? cast.nearestPerson(r.at, fem, entity) : null) ?? entity;
    }
  } else if (personTitle && represented(np, cast)) {
    entity = represented(np, cast);
  } else if (personTitle) {
    entity = cast.byDescription(np, r.at, np.fem ?? fem, true) ?? (np.org ? orgOf(np, cast, r.at) : cast.byDescription(np, r.at, np.fem ?? fem));
  } else if (np.org) entity = orgOf(np, cast, r.at);
  else if (np.desc) entity = cast.byDescription(np, r.at, np.fem ?? fem);
  // A phrase whose name came out empty (a document's words only, quote marks) names no one.
  if (!entity || !/\p{L}/u.test(entity.name)) return null;
  if (!entity.org && fem !== null) entity.fem ??= fem;
  if (!np.name && personTitle) for (const w of np.descKey) entity.titleKey.add(w);
  return { entity, mention: np.mention };
}

/** `ووعد الكونغرس بـ"…"`: after وصف/دعا/وعد a lone definite word is the object, not the speaker. */
const describesObject = (np: NounPhrase, r: Report) =>
  r.cue?.kind === 'describe' && np.nameKey.length === 1 && !np.desc && /^ال/.test(normalizeText(np.name ?? ''));


const firstIn = (e: Entity, from: number) => Math.min(...e.seenAt.filter((x) => x >= from));

function inherit(r: Report, history: Entity[], bySentence: Map<number, Who>, cast: Cast, fem: boolean | null): Who {
  if (r.fromSentence) {
    const same = bySentence.get(r.sentenceAt);
    if (same) return { entity: same.entity, mention: '' };
    const named = cast.entities
      .filter((e) => e.seenAt.some((at) => at >= r.sentenceAt && at < r.at))
      .sort((a, b) => Number(a.org) - Number(b.org) || firstIn(a, r.sentenceAt) - firstIn(b, r.sentenceAt))[0];
    if (named) return { entity: named, mention: '' };
  }
  for (let k = history.length - 1; k >= 0; k--) {
    const e = history[k]!;
    if (fem === null || e.fem === null || e.fem === fem || e.org) return { entity: e, mention: '' };
  }
  if (history.length) return { entity: history[history.length - 1]!, mention: '' };
  // No one has spoken yet: a dropped subject refers to the person in focus (an interviewee named once as the object of التقت).
  return { entity: cast.nearestPerson(r.at, fem, null, false), mention: '' };
}



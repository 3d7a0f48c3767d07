import type { Article } from '../types.js';
import { normalizeText, words } from '../text/normalize.js';
import { paragraphs } from '../text/sentences.js';
import { Cast, type Entity } from './cast.js';
import { readParagraph, subjectEnd, type Para } from './clauses.js';
import { CAPITALS, DOCUMENTS, FIGURES, FUNCTION_WORDS, ORG_HEADS, PERSON_HEADS, isPlace } from './lexicon.js';
import { parseNounPhrase, type NounPhrase, type WordCounts } from './names.js';
import { findReports, type Report } from './reports.js';
import { COMMA, DEFINITE, HONORIFIC, NATIONALITY, ORG, PERSON, bare, bareOf, countOf, infoOfNormalized, partsOf, trimWordCaches, type Tok, type WordInfo } from './tokens.js';
import { attributionAt, cueOf, mayAttribute } from './cues.js';
import { EnglishParser } from './english/parse.js';
import { readEnglish } from './english/read.js';
import { detectLang } from '../corpus/lang.js';
import type { Quotation } from './types.js';

/** Cheap test before reading an article: a quote mark, or a letter sequence every reporting cue contains. */
const MAY_QUOTE = /["«»“”‹›]|ق[اؤ]?[لو]|[اأإ]?ض[اي]ف|[أاؤ]?ك[دّ]|ش[اي]?ر|و[ضص]|ع[لت]ن|لف?ت|شدد|عتبر|تابع|ذكر|صرح|ردف|زاد|حذر|ف[اي]د|كشف|[رى]أ?[ىيت]|توقع|عترف|نف[يىت]|نكر|دحض|كتب|ساءل|كمل|طرد|نوه|لمح|قترح|بين|عتقد|غرد|ختم|تتم|وصف|دع[اوت]|طالب|ناشد|نصح|وعد|شاد|تهم|عز[اوت]|وص[ىي]|عبر|ستهل|فتتح|نقل|حسب|وفق|لسان|said|told|added|according|wrote|گفت|افزود|کرد|گفته/i;

/**
 * An article as quotation reading takes it: only its body is read (so articles with the same body
 * have the same quotations: see `firstCopies`).
 */
export type ReadArticle = Pick<Article, 'body'> & Partial<Article>;

/** Speaker of a report: an entity, or null for an anonymous source. */
type Who = { entity: Entity | null; mention: string };

/** English is parsed with wink-nlp, loaded at the first English article. */
const english = new EnglishParser();

/** Numbers the articles read, for the word counts kept in the word information. */
let articleStamp = 0;

/** A quotation with the word information of its words, in order (null when its text must be normalised as a whole). */
export interface Found {
  quote: Quotation;
  words: WordInfo[] | null;
}

/** Every quotation of an article body, in text order, with its speaker resolved inside the article. */
export function extractQuotations(article: ReadArticle): Quotation[] {
  return findQuotations(article).map((f) => f.quote);
}

/** The quotations `extractQuotations` gives, each with the word information of its words. */
export function findQuotations(article: ReadArticle): Found[] {
  const body = article.body;
  if ((article.lang ?? detectLang(body)) === 'en') return dedupe(readEnglish(english, body).map((quote) => ({ quote, words: null })));
  if (!MAY_QUOTE.test(body)) return [];
  trimWordCaches();
  const stamp = ++articleStamp;
  const paras = paragraphs(body).map((s) => readParagraph(s.text, s.start, stamp));
  const counts: WordCounts = { get: (n) => countOf(n, stamp) };
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
      phrases.set(r, via ? { ...via, mention: np.mention } : np);
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

/** A verb issuing a document, with its pronoun object (`أصدرها`، `نشره`، `أعدته`). */
const ISSUED = /^(?:اصدر|نشر|اعد|وزع|بث)ت?(?:ه|ها)$/;

/**
 * The issuer of a document or figure named by its ل-complement after بحسب/وفق or a document word (`وفق حصيلة
 * جديدة للمرصد`, `بحسب المؤشرات اليومية للبنك المركزي`, `بيان للخارجية`): names no title or body head itself, so
 * the body or person after ل speaks.
 */
function issuer(body: string, np: NounPhrase, subject: Tok[], counts: WordCounts): NounPhrase {
  if ((np.org && !np.byForm) || np.generic || np.joint || (np.desc && PERSON_HEADS.has(np.descKey[0] ?? ''))) return np;
  const words = subject.filter((t) => t.word);
  const document = (t: Tok) => DOCUMENTS.has(bareOf(t)) || FIGURES.has(bareOf(t));
  const verb = document(words[0]!) ? words.findIndex((t, k) => k >= 1 && k <= 2 && ISSUED.test(t.n)) : -1;
  if (verb > 0 && words[verb + 1]) {
    // `نشرية أصدرها البنك المركزي`, `بيانات حديثة نشرها البنك الدولي`: the subject of the verb that issued it.
    const owner = parseNounPhrase(body, subject.slice(subject.indexOf(words[verb + 1]!)), counts);
    if (owner.name || owner.org) return { ...owner, mention: np.mention };
  }
  const issued = document(words[0]!) ? words.findIndex((t, k) => k >= 1 && k <= 2 && /^(?:ال)?صادره?$/.test(t.n)) : -1;
  if (issued > 0 && /^(?:عن|من)$/.test(words[issued + 1]?.n ?? '') && words[issued + 2]) {
    // `بلاغ صادر عن وزارة الداخلية`, `البيان الصادر عن الرئاسة`: the body it was issued by.
    const owner = parseNounPhrase(body, subject.slice(subject.indexOf(words[issued + 2]!)), counts);
    if (owner.name || owner.org) return { ...owner, mention: np.mention };
  }
  if (document(words[0]!) && !/^ال/.test(words[0]!.n) && words[1] && /^ال/.test(words[1].n) && !document(words[1])) {
    // `بيان المنظمة الأممية` (the head in construct, without ال): the document's genitive issued it.
    const owner = parseNounPhrase(body, subject.slice(subject.indexOf(words[1])), counts);
    if (owner.name || owner.org) return { ...owner, mention: np.mention };
  }
  const k = subject.findIndex((t, j) => j > 0 && t.word && /^لل..|^لـ./.test(t.raw));
  if (k < 0) return np;
  const t = subject[k]!;
  const cut = t.raw.startsWith('لـ') ? 2 : 1;
  // `للمرصد` is ل + `المرصد` with one lam written: the owner's words start one letter in, with ا put back.
  const article = t.raw.startsWith('لل');
  const n = article ? `ا${t.n.slice(1)}` : t.n.slice(1);
  const head: Tok = { ...t, raw: t.raw.slice(cut), n, start: t.start + cut, info: infoOfNormalized(n) };
  const owner = parseNounPhrase(body, [head, ...subject.slice(k + 1)], counts);
  const fix = (x: string | null) => (x && article && x.startsWith('ل') ? `ا${x}` : x);
  return owner.name || owner.org ? { ...owner, name: fix(owner.name), org: fix(owner.org), mention: np.mention } : np;
}

/**
 * `استنكرت تونس، في بيان صادر اليوم السبت عن رئاسة الجمهورية، …`: the body that issued the statement a country
 * makes, read between the cue and the quotation (a few words at most); null when none is named.
 */
function statementIssuer(body: string, p: Para, r: Report, counts: WordCounts): NounPhrase | null {
  const end = r.spans[0]?.start ?? r.at;
  let i = p.toks.findIndex((t) => t.start >= r.at);
  if (i < 0) return null;
  for (let seen = 0; i < p.toks.length && p.toks[i]!.start < end && seen < 12; i++, seen++) {
    if (!DOCUMENTS.has(bareOf(p.toks[i]!))) continue;
    for (let j = i + 1; j < p.toks.length && j <= i + 8 && p.toks[j]!.start < end; j++) {
      if (!/^(?:عن|من)$/.test(p.toks[j]!.n) || !p.toks.slice(i + 1, j).some((t) => /^(?:ال)?صادره?$/.test(t.n))) continue;
      const owner = parseNounPhrase(body, p.toks.slice(j + 1, subjectEnd(p, j)), counts);
      return owner.org || owner.name ? owner : null;
    }
    return null;
  }
  return null;
}

/** Names introduced by a title anywhere in the article (`وزير الخارجية السعودي عادل الجبير`), so later titles find them. */
function registerTitled(body: string, p: Para, counts: WordCounts, cast: Cast): void {
  const toks = p.toks;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (!t.word) continue;
    const kind = t.info.kind;
    if (!(kind & (PERSON | HONORIFIC | NATIONALITY | ORG)) || /^(?:لل|بال)/.test(t.n)) continue;
    const prev = toks[i - 1];
    if (prev?.word && prev.info.kind & (PERSON | ORG | DEFINITE)) continue;
    const titled = (kind & (PERSON | HONORIFIC | NATIONALITY)) !== 0;
    const np = parseNounPhrase(body, toks.slice(i, subjectEnd(p, i - 1)), counts);
    // A one-word name after a title must recur (`الرئيس ترامب`); else it may be a verb (`وكان رئيس الجمهورية حل …`).
    if (titled && np.name && np.desc && (np.nameKey.length > 1 || (counts.get(normalizeText(np.name)) ?? 0) > 1)) cast.person(np, t.start);
    else if (titled && np.desc && !np.name && prev && COMMA.has(prev.raw)) appositive(body, p, i - 1, np, counts, cast);
    else if (!titled && np.org && (np.orgKey.length > words(normalizeText(np.org)).length || np.orgKey.length >= 2)) orgOf(np, cast, t.start);
  }
}

/** `حسن نصرالله، الأمين العام لحزب الله،`: a full name then its title in apposition after the comma at `comma`. */
function appositive(body: string, p: Para, comma: number, title: NounPhrase, counts: WordCounts, cast: Cast): void {
  const last = comma - 1;
  const t = p.toks[last];
  if (!t?.word || p.sentence[last] === last || !firstName(t, counts, p, last) && !/^ال/.test(t.n)) return;
  let k = last;
  while (k > 0 && last - k < 3 && p.toks[k - 1]!.word && firstName(p.toks[k - 1]!, counts, p, k - 1)) k--;
  if (k === last) return;
  const np = parseNounPhrase(body, p.toks.slice(k, comma), counts);
  if (np.name && !np.desc && !np.org && np.nameKey.length > 1) cast.person({ ...np, desc: title.desc, descKey: title.descKey, fem: title.fem }, p.toks[k]!.start);
}

/** The names written with first names before a surname somewhere in the article (`محمد جواد ظريف`), by surname (of the cast's people). */
function fullNames(body: string, paras: Para[], counts: WordCounts, cast: Cast): (surname: string) => Array<{ name: string; key: string[] }> {
  const wanted = new Set<string>();
  for (const e of cast.entities) if (!e.org) wanted.add(e.key[e.key.length - 1]!);
  const at = new Map<string, Array<[Para, number]>>();
  if (wanted.size) {
    for (const p of paras) {
      const toks = p.toks;
      for (let i = 0; i < toks.length; i++) {
        const t = toks[i]!;
        if (!t.word) continue;
        const b = t.info.b;
        if (!wanted.has(b)) continue;
        const list = at.get(b);
        if (list) list.push([p, i]);
        else at.set(b, [[p, i]]);
      }
    }
  }
  return (surname) => {
    const list = at.get(surname) ?? [];
    const before = list.slice(0, 1).flatMap(([p, i]) => {
      let k = i;
      while (k > 0 && i - k < 2 && p.toks[k - 1]!.word && p.toks[k - 1]!.end + 1 >= p.toks[k]!.start && firstName(p.toks[k - 1]!, counts, p, k - 1)) k--;
      return k < i ? [{ name: body.slice(p.toks[k]!.start, p.toks[i]!.end), key: p.toks.slice(k, i + 1).map(bareOf) }] : [];
    });
    if (before.length) return before;
    // A person known by a first name (`وقالت إيمان`) written somewhere with a nisba surname after it (`إيمان الفجاري`).
    for (const [p, i] of list) {
      const t = p.toks[i]!;
      const next = p.toks[i + 1];
      if (next?.word && next.start <= t.end + 1 && nisba(next)) return [{ name: body.slice(t.start, next.end), key: [bareOf(t), bareOf(next)] }];
    }
    return [];
  };
}

/** A definite nisba (`الفجاري`, `الحمزاوي`), no title, body, nationality or place: a family name. */
const nisba = (t: Tok) => /^ال..+ي$/.test(t.n) && !(t.info.kind & (PERSON | ORG | HONORIFIC | NATIONALITY)) && !isPlace(t.n) && !FUNCTION_WORDS.has(t.n);

/** A word that can be a first name: name-like, no article, no plural or feminine noun ending, not opening its sentence (a verb there). */
const firstName = (t: Tok, counts: WordCounts, p: Para, k: number) =>
  p.sentence[k] !== k &&
  !/^(?:يدعي|يدعى|يسمى|يسمي)$/.test(t.n) &&
  !attributionAt(p.words, k) &&
  !(/^[بل]/.test(t.n) && (isPlace(t.n.slice(1)) || (t.info.tail !== null && ORG_HEADS.has(t.info.tail)))) &&
  !(t.raw === 'على' && !titleBefore(p, k)) &&
  !(/(?:ه|ها|هم)$/.test(t.raw) && t.n.length >= 5 && !/الله$/.test(t.n)) &&
  (t.n === 'علي' || (!FUNCTION_WORDS.has(t.n) && !/^ال|^[وبل]ال/.test(t.n) && !/(?:ات|ون|ين|ة)$/.test(t.raw) && !cueOf(t.n) && parseNounPhrase('', [t], counts).nameKey.length === 1));

/**
 * `على` is a first name (`المرشد الإيراني على خامنئي`) only after a title or at a phrase boundary;
 * elsewhere it is the preposition (`حسابهم على غوغل`).
 */
function titleBefore(p: Para, k: number): boolean {
  const prev = p.toks[k - 1];
  return !prev?.word || (prev.info.kind & (PERSON | HONORIFIC | NATIONALITY)) !== 0;
}

/** Records where each person's surname appears, for salience. */
function markSightings(paras: Para[], cast: Cast): void {
  const surnames = cast.surnames();
  if (!surnames.size) return;
  for (const p of paras) {
    for (let i = 0; i < p.toks.length; i++) {
      const t = p.toks[i]!;
      if (!t.word) continue;
      const w = t.info;
      const e = surnames.get(w.b) ?? (w.tail !== null ? surnames.get(w.tail) : undefined);
      if (e) cast.seen(e, t.start);
    }
  }
}

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

/**
 * `ممثل لواينستين`: an unnamed representative of a person the article names speaks for that
 * person (the words are the represented person's statement); null when the complement names no known person.
 */
function represented(np: NounPhrase, cast: Cast): Entity | null {
  const who = representedKey(np);
  return who ? (cast.entities.find((e) => !e.org && e.key[e.key.length - 1] === who) ?? null) : null;
}
/** The normalised word naming whom an unnamed representative speaks for, and that word as written; null when none. */
function representedKey(np: NounPhrase): string | null {
  const [head, of, next] = np.descKey;
  // After متحدث/ناطق a ل-complement is whom the words were said to (`المتحدث لفوكس نيوز`); باسم + body is read as the body.
  if (np.name || !/^(?:ممثل|ممثله)$/.test(head ?? '') || !of) return null;
  const who = of.startsWith('ل') && !of.startsWith('لل') && !next ? of.slice(1) : null;
  return who && who.length >= 3 && !ORG_HEADS.has(who) && !isPlace(who) && !FUNCTION_WORDS.has(who) ? who : null;
}

/** `ووعد الكونغرس بـ"…"`: after وصف/دعا/وعد a lone definite word is the object, not the speaker. */
const describesObject = (np: NounPhrase, r: Report) =>
  r.cue?.kind === 'describe' && np.nameKey.length === 1 && !np.desc && /^ال/.test(normalizeText(np.name ?? ''));

function orgOf(np: NounPhrase, cast: Cast, at: number): Entity {
  const key = words(normalizeText(np.org!)).map(bare);
  const country = CAPITALS.get(key.join(' '));
  if (country) return cast.org(country, words(normalizeText(country)).map(bare), np.orgKey, at);
  return cast.org(np.org!, key, np.orgKey, at);
}

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

/**
 * The word information of the words of `body[start, end)`, a run of whole tokens of one paragraph,
 * when the words of the normalised text are theirs in turn: between the tokens only printable ASCII,
 * which normalisation leaves alone and composes with nothing; else null.
 */
function spanInfos(body: string, paras: Para[], start: number, end: number): WordInfo[] | null {
  const p = paras.find((x) => x.toks.length && x.toks[x.toks.length - 1]!.end >= end);
  if (!p) return null;
  const toks = p.toks;
  let k = 0;
  for (let hi = toks.length; k < hi; ) {
    const mid = (k + hi) >> 1;
    if (toks[mid]!.start < start) k = mid + 1;
    else hi = mid;
  }
  if (toks[k]?.start !== start) return null;
  const out: WordInfo[] = [];
  for (const from = k; k < toks.length; k++) {
    const t = toks[k]!;
    if (k > from) for (let c = toks[k - 1]!.end; c < t.start; c++) if (body.charCodeAt(c) < 0x20 || body.charCodeAt(c) > 0x7e) return null;
    if (t.word) {
      const w = t.info;
      if (!partsOf(w)) return null;
      out.push(w);
    }
    if (t.end >= end) return t.end === end ? out : null;
  }
  return null;
}

/** The normalised words of a quotation's text, joined by spaces (`words(normalizeText(text)).join(' ')`). */
function normalKey(f: Found): string {
  if (!f.words) return words(normalizeText(f.quote.text)).join(' ');
  const key: string[] = [];
  for (const w of f.words) for (const x of partsOf(w)!.words) key.push(x);
  return key.join(' ');
}

/** Identical quotations repeated in an article are kept once: the one with a cue, else the first. */
function dedupe(found: Found[]): Found[] {
  if (found.length < 2) return found;
  const seen = new Map<string, Found>();
  for (const f of found) {
    const key = normalKey(f);
    const had = seen.get(key);
    if (!had || (!had.quote.cue && f.quote.cue)) seen.set(key, f);
  }
  const keep = new Set(seen.values());
  return found.filter((f) => keep.has(f)).sort((a, b) => a.quote.start - b.quote.start || b.quote.end - a.quote.end);
}

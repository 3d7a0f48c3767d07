/** Who issued a document or statement, and whom an unnamed representative speaks for. */
import { DOCUMENTS, FIGURES, FUNCTION_WORDS, ORG_HEADS, PERSON_HEADS, isPlace } from './lexicon.js';
import { subjectEnd, type Para } from './clauses.js';
import type { Cast, Entity } from './cast.js';
import { parseNounPhrase } from './names.js';
import type { NounPhrase, WordCounts } from './nounPhrase.js';
import type { Report } from './spans.js';
import { bareOf, type ArticleWords, type Tok } from './tokens.js';

/** A verb issuing a document, with its pronoun object (`أصدرها`، `نشره`، `أعدته`). */
const ISSUED = /^(?:اصدر|نشر|اعد|وزع|بث)ت?(?:ه|ها)$/;

/**
 * The issuer of a document or figure named by its ل-complement after بحسب/وفق or a document word (`وفق حصيلة
 * جديدة للمرصد`, `بحسب المؤشرات اليومية للبنك المركزي`, `بيان للخارجية`): names no title or body head itself, so
 * the body or person after ل speaks.
 */
export function issuer(body: string, np: NounPhrase, subject: Tok[], counts: ArticleWords): NounPhrase {
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
  const head: Tok = { ...t, raw: t.raw.slice(cut), n, start: t.start + cut, info: counts.info(n) };
  const owner = parseNounPhrase(body, [head, ...subject.slice(k + 1)], counts);
  const fix = (x: string | null) => (x && article && x.startsWith('ل') ? `ا${x}` : x);
  return owner.name || owner.org ? { ...owner, name: fix(owner.name), org: fix(owner.org), mention: np.mention } : np;
}

/**
 * `استنكرت تونس، في بيان صادر اليوم السبت عن رئاسة الجمهورية، …`: the body that issued the statement a country
 * makes, read between the cue and the quotation (a few words at most); null when none is named.
 */
export function statementIssuer(body: string, p: Para, r: Report, counts: WordCounts): NounPhrase | null {
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

/**
 * `ممثل لواينستين`: an unnamed representative of a person the article names speaks for that
 * person (the words are the represented person's statement); null when the complement names no known person.
 */
export function represented(np: NounPhrase, cast: Cast): Entity | null {
  const who = representedKey(np);
  return who ? (cast.entities.find((e) => !e.org && e.key[e.key.length - 1] === who) ?? null) : null;
}
/** The normalised word naming whom an unnamed representative speaks for, and that word as written; null when none. */
export function representedKey(np: NounPhrase): string | null {
  const [head, of, next] = np.descKey;
  // After متحدث/ناطق a ل-complement is whom the words were said to (`المتحدث لفوكس نيوز`); باسم + body is read as the body.
  if (np.name || !/^(?:ممثل|ممثله)$/.test(head ?? '') || !of) return null;
  const who = of.startsWith('ل') && !of.startsWith('لل') && !next ? of.slice(1) : null;
  return who && who.length >= 3 && !ORG_HEADS.has(who) && !isPlace(who) && !FUNCTION_WORDS.has(who) ? who : null;
}


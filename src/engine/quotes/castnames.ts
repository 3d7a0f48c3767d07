/** The people an article names with a title, their full names, and where their surnames recur. */
import { normalizeText, words } from '../text/normalize.js';
import type { Cast, Entity } from './cast.js';
import { subjectEnd, type Para } from './clauses.js';
import { CAPITALS, FUNCTION_WORDS, ORG_HEADS, isPlace } from './lexicon.js';
import { parseNounPhrase } from './names.js';
import type { NounPhrase, WordCounts } from './nounPhrase.js';
import { COMMA, DEFINITE, HONORIFIC, NATIONALITY, ORG, PERSON, bare, bareOf, type Tok } from './tokens.js';
import { attributionAt, cueOf } from './cues.js';

/** Names introduced by a title anywhere in the article (`وزير الخارجية السعودي عادل الجبير`), so later titles find them. */
export function registerTitled(body: string, p: Para, counts: WordCounts, cast: Cast): void {
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
export function fullNames(body: string, paras: Para[], counts: WordCounts, cast: Cast): (surname: string) => Array<{ name: string; key: string[] }> {
  const wanted = new Set<string>();
  for (const e of cast.entities) if (!e.org) wanted.add(e.key[e.key.length - 1]!);
  const at = new Map<string, Array<[Para, number]>>();
  if (wanted.size) {
    for (const p of paras) {
      const toks = p.toks;
      for (let i = 0; i < toks.length; i++) {
        const t = toks[i]!;
        if (!t.word) continue;
        const b = t.info.bareForm;
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
export function markSightings(paras: Para[], cast: Cast): void {
  const surnames = cast.surnames();
  if (!surnames.size) return;
  for (const p of paras) {
    for (let i = 0; i < p.toks.length; i++) {
      const t = p.toks[i]!;
      if (!t.word) continue;
      const w = t.info;
      const e = surnames.get(w.bareForm) ?? (w.tail !== null ? surnames.get(w.tail) : undefined);
      if (e) cast.seen(e, t.start);
    }
  }
}

/** The entity an organisation phrase names; a capital stands for its country (`موسكو` → `روسيا`). */
export function orgOf(np: NounPhrase, cast: Cast, at: number): Entity {
  const key = words(normalizeText(np.org!)).map(bare);
  const country = CAPITALS.get(key.join(' '));
  if (country) return cast.org(country, words(normalizeText(country)).map(bare), np.orgKey, at);
  return cast.org(np.org!, key, np.orgKey, at);
}

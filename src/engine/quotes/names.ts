/** Reads a noun phrase (a subject, or what follows بحسب/عن) as a name, a title, an organisation or an anonymous source. */
import { DOCUMENTS, NATIONALITIES, TIME_WORDS, FUNCTION_WORDS, GENERIC, OPINION_HOLDERS, HONORIFICS, ORG_HEADS, PERSON_HEADS, isNationality, isPlace } from './lexicon.js';
import { definiteToken, descToken, isName, text, type NounPhrase, type WordCounts } from './nounPhrase.js';
import { orgName } from './orgName.js';
import { readTitled, setName, takeName } from './titled.js';
import { COMMA, HONORIFIC, ORG, PERSON, bare, bareOf, type Tok } from './tokens.js';

/** A definite cardinal after a noun (`السبعة`، `الثلاث`). */
const COUNTED = /^ال(?:اثنان|اثنين|ثلاث|ثلاثه|اربع|اربعه|خمس|خمسه|ست|سته|سبع|سبعه|ثماني|ثمانيه|تسع|تسعه|عشر|عشره)$/;

/** Reads the noun phrase `toks` (a subject, or what follows بحسب/عن) as name, title, organisation or anonymous source. */
export function parseNounPhrase(body: string, toks: Tok[], counts: WordCounts): NounPhrase {
  const np: NounPhrase = { name: null, nameKey: [], desc: null, descKey: [], org: null, orgKey: [], byForm: false, joint: false, generic: false, fem: null, mention: '' };
  const parts = splitParts(toks);
  for (const [k, part] of parts.entries()) {
    const words = part.filter((t) => t.word || t.raw === '-');
    // `أحد المشرعين`، `إحدى الناشطات`، `عدد من أتباع الحركة`، `62٪ منهم`: some of a group, an anonymous source.
    // `المدعون السبعة`، `الأشخاص الثلاثة`: a group counted, not named, is an anonymous source too.
    if (k === 0 && (/^(?:احد|احدي|عدد|عددا|بعض)$/.test(words[0]?.n ?? '') || /^\d/.test(words[0]?.n ?? '') || COUNTED.test(words[1]?.n ?? ''))) {
      np.generic = true;
      break;
    }
    while (k === 0 && words.length > 1 && FUNCTION_WORDS.has(words[0]!.n)) words.shift();
    const first = words[0];
    if (!first || (k > 0 && FUNCTION_WORDS.has(first.n))) break;
    const b = bareOf(first);
    if (GENERIC.has(b) || GENERIC.has(first.n)) {
      const body_ = !np.name && !np.org ? bodyOfSource(words) : -1;
      if (body_ > 0) {
        const rest = words.slice(body_).map((t, k) => (k === 0 && /^ب[^ا]/.test(t.n) ? withoutPrefix(t) : t));
        const upTo = rest.findIndex((t) => FUNCTION_WORDS.has(t.n));
        np.org = text(body, upTo > 0 ? rest.slice(0, upTo) : rest);
        np.orgKey = words.slice(body_).map(bareOf);
        np.desc = text(body, words);
        np.descKey = words.map(bareOf);
      }
      if (body_ < 0 && !np.name && !np.org) {
        const inst = institutionOf(words);
        if (inst) [np.org, np.orgKey, np.desc, np.descKey] = [inst, inst.split(' ').map((w) => bare(w.replace(/^ال/, ''))), text(body, words), words.map(bareOf)];
      }
      np.generic = !np.name && !np.org;
    } else if (PERSON_HEADS.has(b) || HONORIFICS.has(b) || (isNationality(first.n) && !(words.length === 1 && isPlace(first.n)))) {
      readTitled(body, part.slice(part.indexOf(first)), counts, np);
    } else if (k === 0 && !np.name && !ORG_HEADS.has(b) && !isPlace(first.n) && namedBody(words) && namesPerson(words, counts)) {
      // An unlisted title then a name (`السكرتير الدائم بالنيابة أنديرس أولسون`).
      readTitled(body, part.slice(part.indexOf(first)), counts, np);
    } else if (ORG_HEADS.has(b) || isPlace(first.n) || (k === 0 && !np.name && namedBody(words))) {
      np.byForm = !ORG_HEADS.has(b) && !isPlace(first.n);
      if (!np.org) [np.org, np.orgKey] = [orgName(body, part), words.map(bareOf)];
    } else if (!np.name && (isName(first, counts) || loneSurname(words, k)) && !(k > 0 && /^ل/.test(first.n))) {
      const name = loneSurname(words, k) ? words : takeName(words, 0, counts);
      if (k > 0 && name.length < words.length) break;
      const second = words[1];
      const third = words[2];
      if (k === 0 && name.length === 1 && second && !definiteToken(first) && definiteToken(second) && !FUNCTION_WORDS.has(second.n) && !TIME_WORDS.has(second.n) &&
        !descToken(second) && third && definiteToken(third) && !descToken(third) && !FUNCTION_WORDS.has(third.n) && !TIME_WORDS.has(third.n) &&
        (!words[3] || FUNCTION_WORDS.has(words[3].n)) && (counts.get(first.n) ?? 0) <= Math.min(3, counts.get(second.n) ?? 0)) {
        // `محرك البحث العملاق`: noun + definite genitive + definite adjective, the noun used no more than its genitive,
        // is a description (an epithet of whoever is in focus), not a one-word name.
        const upTo = words.findIndex((t, j) => j > 0 && (FUNCTION_WORDS.has(t.n) || !definiteToken(t)));
        const desc = upTo > 0 ? words.slice(0, upTo) : words;
        [np.desc, np.descKey, np.epithet] = [text(body, desc), desc.map(bareOf), true];
        break;
      }
      setName(body, np, name);
      const rest = words.slice(name.length);
      if (rest[0] && PERSON_HEADS.has(bareOf(rest[0]))) readTitled(body, part.slice(part.indexOf(rest[0])), counts, np);
    }
    if (np.name && np.desc && !np.descKey.every((w) => HONORIFICS.has(w))) break;
  }
  if (np.generic && (np.name || np.org)) np.generic = false;
  const firstPart = parts[0]?.filter((t) => t.word) ?? [];
  np.joint = firstPart.slice(1).some((t) => /^و/.test(t.n) && (JOINED_HEADS.some((l) => l.has(bare(t.n.slice(1)))) || isPlace(t.n.slice(1))));
  if (firstPart.length && OPINION_HOLDERS.has(bareOf(firstPart[0]!))) np.joint = true;
  // A dual title in construct (`وزيرا الخارجية والتنمية`): two speakers at once.
  if (firstPart.length > 1 && /^(?:[وف]?ال)?..+ا$/.test(firstPart[0]!.n) && PERSON_HEADS.has(bareOf(firstPart[0]!).slice(0, -1))) np.joint = true;
  np.mention = np.name ?? np.desc ?? np.org ?? text(body, toks.filter((t) => t.word).slice(0, 4));
  return np;
}

/** Words after which an anonymous source is not of the body named next (`مصادر مقربة من التحقيق`). */
const NEAR = /^(?:مقرب|مقربه|قريب|قريبه|مطلع|مطلعه|مطلعون|مقربون)$/;
/**
 * Where the body an anonymous source belongs to starts (`مصدر في الدفاع المدني`, `مصدر أمني بمنطقة أمن صفاقس`,
 * `مسؤولون في الحزب`), or -1: rule 6 gives an unnamed official's words to the body they speak for.
 */
function bodyOfSource(words: Tok[]): number {
  for (let k = 1; k < words.length && k <= 4; k++) {
    const t = words[k]!;
    if (NEAR.test(bare(t.n))) return -1;
    if ((t.n === 'في' || t.n === 'من' || t.n === 'لدي' || t.n === 'داخل') && words[k + 1]) return definiteToken(words[k + 1]!) || ORG_HEADS.has(bareOf(words[k + 1]!)) || isPlace(words[k + 1]!.n) ? k + 1 : -1;
    if (/^ب[^ا]../.test(t.n) && (ORG_HEADS.has(t.n.slice(1)) || isPlace(t.n.slice(1)) || (words[k + 1] && !FUNCTION_WORDS.has(words[k + 1]!.n)))) return k;
    if (FUNCTION_WORDS.has(t.n) || !(/^ال|ي$|يه$|يين$|يون$/.test(t.n) || PERSON_HEADS.has(bareOf(t)))) return -1;
  }
  return -1;
}

/** The institution a relational adjective names (`قضائي` → `القضاء`), by the adjective's stem without ي/ية. */
const INSTITUTIONS = new Map([['قضاي', 'القضاء']]);
/**
 * `مصادر قضائية فرنسية`, `مصدر قضائي`: an anonymous source described by an institution's relational adjective
 * speaks for that institution (rule 6), with the country's adjective when given (`القضاء الفرنسي`); null otherwise.
 */
function institutionOf(words: Tok[]): string | null {
  if (!/^(?:مصدر|مصادر)$/.test(bareOf(words[0]!)) || !words[1]) return null;
  const inst = INSTITUTIONS.get(bareOf(words[1]).replace(/يه?$/, ''));
  if (!inst || !/يه?$/.test(bareOf(words[1]))) return null;
  const nat = words[2] && !/^ال/.test(words[2].n) && NATIONALITIES.has(bareOf(words[2]).replace(/ه$/, '')) ? words[2].raw.replace(/ة$/, '') : '';
  return nat ? `${inst} ال${nat}` : inst;
}

/** `بمنطقة` → `منطقة` (a body after an anonymous source), offsets kept inside the word. */
function withoutPrefix(t: Tok): Tok {
  return { ...t, raw: t.raw.slice(1), n: t.n.slice(1), start: t.start + 1 };
}

/**
 * A definite noun with a definite adjective or a ل-complement (`المرصد السوري لحقوق الإنسان`, `الدفاع المدني`),
 * or a noun phrase closed by a feminine nisba (`موانئ دبي العالمية`): the name of a body, not of a person.
 */
function namedBody(words: Tok[]): boolean {
  const [a, b] = words;
  if (!a || !b || descToken(a) || FUNCTION_WORDS.has(a.n)) return false;
  if (definiteToken(a) && !/^(?:بال|لل)/.test(a.n)) return (definiteToken(b) && !(b.info.kind & (PERSON | ORG | HONORIFIC)) && !FUNCTION_WORDS.has(b.n)) || (/^لل/.test(b.n) && b.n.length > 4);
  const last = words[Math.min(words.length, 4) - 1]!;
  return words.length <= 4 && words.length >= 2 && /^ال..+يه$/.test(last.n) && !definiteToken(a);
}

/** Two name words in a row after the first two words of a phrase (no article, no ل/ب prefix): a person's name. */
function namesPerson(words: Tok[], counts: WordCounts): boolean {
  for (let k = 2; k + 1 < words.length; k++) {
    const [a, b] = [words[k]!, words[k + 1]!];
    if (!definiteToken(a) && !/^[لب]/.test(a.n) && isName(a, counts) && isName(b, counts) && !definiteToken(b)) return true;
  }
  return false;
}

/** Word lists whose words, after و, join a second subject (`أكدت أوبك وروسيا`). */
const JOINED_HEADS = [GENERIC, ORG_HEADS, PERSON_HEADS];

/** `وقال الجبير إن`: a lone definite word that is no title, body or document is a surname. */
const loneSurname = (words: Tok[], k: number) =>
  k === 0 && words.length === 1 && definiteToken(words[0]!) && !descToken(words[0]!) && !DOCUMENTS.has(bareOf(words[0]!)) &&
  !FUNCTION_WORDS.has(words[0]!.n) && !GENERIC.has(bareOf(words[0]!)) && !OPINION_HOLDERS.has(bareOf(words[0]!)) && !/^(?:بال|لل)/.test(words[0]!.n);

function splitParts(toks: Tok[]): Tok[][] {
  const parts: Tok[][] = [[]];
  for (const t of toks) {
    if (COMMA.has(t.raw) || t.raw === '(' || t.raw === ')') parts.push([]);
    else parts[parts.length - 1]!.push(t);
  }
  return parts.filter((p) => p.length);
}

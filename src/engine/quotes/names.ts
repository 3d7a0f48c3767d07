import { DOCUMENTS, NATIONALITIES, TIME_WORDS, FUNCTION_WORDS, GENERIC, OPINION_HOLDERS, HONORIFICS, NAME_PARTICLES, ORG_HEADS, PERSON_HEADS, feminineTitle, isNationality, isPlace } from './lexicon.js';
import { cueOf, isComplementizer } from './cues.js';
import { COMMA, HONORIFIC, ORG, PERSON, bare, bareOf, type Tok } from './tokens.js';

/** Who a stretch of words refers to: a name, a description, an organisation, or an anonymous source. */
export interface NounPhrase {
  /** The person's name as written, honorifics removed. */
  name: string | null;
  /** Normalised name words without ال. */
  nameKey: string[];
  /** The title or description as written (`رئيس الأركان …`, `المدرب الأرجنتيني`). */
  desc: string | null;
  descKey: string[];
  /** The organisation or country that speaks (or that an unnamed spokesperson speaks for). */
  org: string | null;
  /** Normalised words of the whole organisation phrase (head word included: منظمة، الشركة الفرنسية). */
  orgKey: string[];
  /** The organisation is read from the phrase's form only (`المرصد السوري …`, no head word such as منظمة): not enough inside a quotation. */
  byForm: boolean;
  /** Two subjects joined by و (`أكدت أوبك وروسيا`), or general opinion (`يرى الكثيرون`): not attributed. */
  joint: boolean;
  /** An anonymous source (مصدر، محللون، الكثيرون): the speaker is unknown. */
  generic: boolean;
  /** Gender from the title (رئيسة، الأميرة), null when unmarked. */
  fem: boolean | null;
  /** The words referring to the speaker, as written. */
  mention: string;
  /** A description no title or body heads (`محرك البحث العملاق`): it refers to whoever is in focus. */
  epithet?: boolean;
}

/** Counts of each normalised word in the article: a third name word must recur or end the phrase. */
export interface WordCounts {
  get(n: string): number | undefined;
}

const DEFINITE_FORM = 1;
const DESC_WORD = 2;
const NAME_LIKE = 4;
const traits = new Map<string, number>();
/** What a normalised word is to a noun phrase, memoised (the cache is bounded): bits DEFINITE_FORM, DESC_WORD, NAME_LIKE (a name word whatever the counts). */
function traitsOf(n: string): number {
  let x = traits.get(n);
  if (x === undefined) {
    if (traits.size > 500_000) traits.clear();
    traits.set(n, (x = wordTraits(n)));
  }
  return x;
}
/** `traitsOf(t.n)`, kept with the token's word information when it is the token's own. */
function tokenTraits(t: Tok): number {
  const w = t.info;
  if (w.normalized !== t.n) return traitsOf(t.n);
  if (w.traits < 0) w.traits = wordTraits(w.normalized, w.bareForm);
  return w.traits;
}
/** `traitsOf` worked out (not memoised); `b` is `bare(n)`. */
function wordTraits(n: string, b = bare(n)): number {
  const definite = /^(?:ال|لل|بال|وال|كال)/.test(n);
  const desc = describes(n, b);
  const unjoined = n.replace(/^[وفبل](?=...)/, '');
  const nameLike = n.length >= 2 && !(unjoined === n ? desc : describes(unjoined)) && !/^\d/.test(n) && !FUNCTION_WORDS.has(n) && !desc && !GENERIC.has(b) && !/^(?:بال|لل)/.test(n) && !/^م..+ا$/.test(n);
  return (definite ? DEFINITE_FORM : 0) | (desc ? DESC_WORD : 0) | (nameLike ? NAME_LIKE : 0);
}
/** A title, organisation, document, nationality or place word; `b` is `bare(n)`. */
function describes(n: string, b = bare(n)): boolean {
  return PERSON_HEADS.has(b) || ORG_HEADS.has(b) || HONORIFICS.has(b) || DOCUMENTS.has(b) || isNationality(n) || isPlace(n);
}
const isDefinite = (n: string) => (traitsOf(n) & DEFINITE_FORM) !== 0;
const definiteToken = (t: Tok) => (tokenTraits(t) & DEFINITE_FORM) !== 0;
const descToken = (t: Tok) => (tokenTraits(t) & DESC_WORD) !== 0;
const isName = (t: Tok, counts: WordCounts) => {
  if (!t.word) return false;
  const x = tokenTraits(t);
  return (x & NAME_LIKE) !== 0 && (!(x & DEFINITE_FORM) || (counts.get(t.n) ?? 0) > 1);
};
const text = (body: string, toks: Tok[]) =>
  toks.length ? body.slice(toks[0]!.start, toks[toks.length - 1]!.end).replace(/["«»“”]/g, '').replace(/\s+/g, ' ').trim() : '';

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

/**
 * A definite word after a complete definite phrase that is no adjective (`… للطفولة اليونيسيف`, `… لكرة القدم
 * الفيفا`): the acronym or short name in apposition, not part of the name. Adjectives end in a nisba or
 * plural ending, or have the elative/colour form أفعل (`البيت الأبيض`).
 */
function apposition(words: Tok[], t: Tok): boolean {
  const prev = words[words.length - 1]!;
  return words.length >= 2 && /^ال/.test(t.n) && /^(?:ال|لل)/.test(prev.n) && !/(?:ي|ه|ين|ون|ات|يا|ي)$/.test(t.n) && !/^ال[اي]...$/.test(t.n) && !FUNCTION_WORDS.has(t.n);
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

function setName(body: string, np: NounPhrase, name: Tok[]): void {
  let from = 0;
  while (from < name.length - 1 && HONORIFICS.has(bareOf(name[from]!))) from++;
  const kept = name.slice(from).filter((t) => t.word);
  if (!kept.length) return;
  np.name = text(body, name.slice(from));
  np.nameKey = kept.map(bareOf);
}

/** `TITLE [NAME]`: description words up to a name that follows a definite word, a place or a nationality. */
function readTitled(body: string, toks: Tok[], counts: WordCounts, np: NounPhrase): void {
  const words = toks.filter((t) => t.word || t.raw === '-');
  const quoted = new Set<Tok>();
  let open = false;
  for (const t of toks) {
    if (/^["«»“”]$/.test(t.raw)) open = !open;
    else if (open) quoted.add(t);
  }
  const desc: Tok[] = [];
  let closed = false;
  let phrase = false;
  for (let i = 0; i < words.length; i++) {
    const t = words[i]!;
    if (t.n === 'يدعي' || t.n === 'يدعى') {
      setName(body, np, takeName(words, i + 1, counts));
      break;
    }
    if (i === 1 && /^مراسل/.test(bareOf(desc[0] ?? t)) && definiteToken(t) && !PERSON_HEADS.has(bareOf(t))) {
      // `مراسل الوكالة الفرنسية للأنباء`: a reporter speaks for the outlet.
      np.org ??= orgName(body, toks.slice(toks.indexOf(t)));
      desc.push(...words.slice(i));
      break;
    }
    if (t.n === 'باسم' || ((t.n === 'في' || t.n === 'عن') && desc.length && /^مسوول|^مصدر|^مصادر/.test(bareOf(desc[0]!)))) {
      // `الناطق باسم وزارة الداخلية خليفة الشيباني`: the body, then the spokesperson's own name when given.
      const named = words.findIndex((w, k) => k > i + 1 && !definiteToken(w) && !descToken(w) && !/^[لب]/.test(w.n) && definiteToken(words[k - 1]!) && isName(w, counts) && !!words[k + 1] && (isName(words[k + 1]!, counts) || /^ال..+ي$/.test(words[k + 1]!.n)));
      const end = named > 0 ? toks.indexOf(words[named]!) : toks.length;
      np.org ??= orgName(body, toks.slice(toks.indexOf(t) + 1, end));
      desc.push(...words.slice(i, named > 0 ? named : words.length));
      if (named > 0 && !np.name) setName(body, np, takeName(words, named, counts));
      break;
    }
    // `المسؤول … بصفة "رياضي أولمبي محايد" كونستانتين فيبورنوف`: a capacity in marks, then the name.
    if (t.n === 'بصفه' && words[i + 1] && quoted.has(words[i + 1]!)) {
      while (words[i + 1] && quoted.has(words[i + 1]!)) i++;
      continue;
    }
    if (!quoted.has(t) && FUNCTION_WORDS.has(t.n) && !(t.n === 'علي' && closed && isName(words[i + 1] ?? t, counts))) break;
    // `الهولندي لويس فان غال`: after a nationality, a ل-word that no place follows and that a name word or
    // particle follows starts the name (a ل-complement hangs on a head noun: `ممثل لواينستين`, `المبعوث الأممي لسوريا`).
    const lName = i > 0 && isNationality(words[i - 1]!.n) && !isPlace(t.n.slice(1)) && !!words[i + 1]?.word && !definiteToken(words[i + 1]!) &&
      (NAME_PARTICLES.has(words[i + 1]!.n) || isName(words[i + 1]!, counts)) && !FUNCTION_WORDS.has(t.n);
    if (i > 0 && /^ل[^ل]/.test(t.n) && !definiteToken(t) && !lName) phrase = true;
    // `… بصفاقس عبد الرزاق كرشان`: a ب/ل-prefixed word before a compound first name is the place, not the name.
    const placeBefore = /^[بل][^ال]/.test(t.n) && /^(?:عبد|ابو|ابن|ام)$/.test(words[i + 1]?.n ?? '');
    const startsName = !placeBefore && (t.n === 'علي' || (isName(t, counts) && !definiteToken(t)) || (/^(?:عبد|ابو)$/.test(t.n) && !!words[i + 1]?.word));
    // `رئيس الجمهورية الباجي قائد السبسي`: a definite name word after a closed title, then a title word and a
    // name word, is a name that holds a title word (قائد، أمير); a title cannot follow a title unjoined.
    const next = words[i + 1];
    const after = words[i + 2];
    if (i > 0 && closed && !phrase && !quoted.has(t) && definiteToken(t) && !descToken(t) && (tokenTraits(t) & NAME_LIKE) && !FUNCTION_WORDS.has(t.n) &&
      next?.word && !definiteToken(next) && PERSON_HEADS.has(bareOf(next)) && !/^[وفبل]/.test(next.n) &&
      after?.word && definiteToken(after) && !descToken(after) && (tokenTraits(after) & NAME_LIKE) && !FUNCTION_WORDS.has(after.n)) {
      if (!np.name) setName(body, np, [t, next, after]);
      break;
    }
    if (i > 0 && closed && !phrase && !quoted.has(t) && startsName) {
      if (!np.name) setName(body, np, takeName(words, i, counts));
      break;
    }
    desc.push(t);
    closed = definiteToken(t) || isPlace(t.n) || quoted.has(t) || placeBefore;
  }
  if (!desc.length || (np.desc && !np.descKey.every((w) => HONORIFICS.has(w)))) return;
  np.desc = text(body, desc);
  np.descKey = desc.filter((t) => t.word).map(bareOf);
  const head = bareOf(desc[0]!);
  np.fem ??= PERSON_HEADS.has(head) ? feminineTitle(head) : null;
}

/** A name starting at `words[i]`: two words freely, more only when joined by a particle or ending the phrase. */
export function takeName(words: Tok[], i: number, counts: WordCounts): Tok[] {
  const name: Tok[] = [];
  let groups = 0;
  for (let j = i; j < words.length && groups < 5; j++) {
    const t = words[j]!;
    const prev = name[name.length - 1];
    if (t.raw === '-' && prev && words[j + 1] && words[j + 1]!.start === t.end) {
      name.push(t, words[j + 1]!);
      j++;
      continue;
    }
    const particle = NAME_PARTICLES.has(t.n);
    const linked = prev && NAME_PARTICLES.has(prev.n);
    const after = words[j + 1];
    const ends = !after || !after.word || FUNCTION_WORDS.has(after.n) || cueOf(after.n) !== null || isComplementizer(after.n);
    if (!particle && !linked) {
      // A common noun closing a first name is a family name (`يوسف الشاهد إن`: الشاهد 'the witness').
      const surname = groups >= 1 && /^ال/.test(t.n) && ends && !FUNCTION_WORDS.has(t.n) && (isName({ ...t, n: bareOf(t) }, counts) || (GENERIC.has(bareOf(t)) && !/^(?:بال|لل)/.test(t.n)));
      // `علي` spelt with ي inside a name (`عبدالعزيز علي إبراهيم`) is the name, not the preposition على.
      if (!(isName(t, counts) || surname || (t.n === 'علي' && (j === i || t.raw !== 'على')))) break;
      // A definite word after a first name is its surname when it ends the phrase, or when it is a nisba
      // (-ي) the article uses again (`ليلى العياشي المرشحة …`, then `وأوضحت العياشي`); it closes the name.
      if (groups >= 1 && definiteToken(t) && !ends && !(/ي$/.test(t.n) && (counts.get(t.n) ?? 0) > 1 && !descToken(t))) break;
      if (groups >= 1 && /(?:ه|ها|هم)$/.test(t.raw) && t.n.length >= 5 && !/الله$/.test(t.n)) break;
      if (groups >= 2 && !ends) break;
    }
    name.push(t);
    if (!particle) groups++;
    if (groups >= 2 && definiteToken(t) && !particle) break;
  }
  while (name.length && NAME_PARTICLES.has(name[name.length - 1]!.n)) name.pop();
  return name;
}

/** `في الجهة`, `بالمنطقة`: where a reporter works, no part of the outlet's name. */
const isRegion = (n: string) => /^(?:ال|بال)(?:جهه|منطقه|ولايه|مدينه|بلاد|عاصمه)$/.test(n);

/** One indefinite head word so far: the next definite word is its genitive (`رئاسة الجمهورية`, `رئاسة الحكومة`). */
const construct = (words: Tok[]) => words.length === 1 && ORG_HEADS.has(bareOf(words[0]!)) && !definiteToken(words[0]!);

/** The name an organisation goes by: its quoted or proper name after the head word when it has one (شركة سانوفي → سانوفي). */
/** An indefinite head noun alone (`موقع`، `صحيفة`): its genitive follows, so a و after it is the name's (`موقع ويكيليكس`), no conjunction. */
const construct1 = (words: Tok[]) => words.length === 1 && ORG_HEADS.has(bareOf(words[0]!)) && !definiteToken(words[0]!);

function orgName(body: string, toks: Tok[]): string | null {
  const words: Tok[] = [];
  for (const [k, t] of toks.entries()) {
    if (!t.word || (!words.length && /^(?:هذه|هذا|تلك|ذلك)$/.test(t.n))) continue;
    const place = (n: string) => isPlace(n) || (isDefinite(n) && !isRegion(n)) || ORG_HEADS.has(bare(n));
    const last = words[words.length - 1];
    // A proper name runs over indefinite words (`صحيفة نيويورك تايمز`), but not over a verb or plural in -ت (`بولوريه استخدمت نشاطات`).
    const loose = (words.length >= 4 || (words.length >= 2 && /ت$/.test(t.n)) || (words.length >= 2 && !!last && definiteToken(last) && (words.length >= 3 || /يه?$/.test(last.n)))) && !definiteToken(t) && !isPlace(t.n) && !(/^[لب]/.test(t.n) && isDefinite(toks[k + 1]?.n ?? '')) && !/^["«“”]$/.test(toks[k - 1]?.raw ?? '') && words[words.length - 1]!.n !== 'بلا' && t.n !== 'بلا';
    if (words.length && (loose || isRegion(t.n) || apposition(words, t) || (/^و/.test(t.n) && !isDefinite(t.n.slice(1)) && !construct1(words)) || (FUNCTION_WORDS.has(t.n) && !(t.n === 'في' && place(toks[k + 1]?.n ?? ''))) || (ORG_HEADS.has(bareOf(t)) && /^ال/.test(t.n) && !construct(words)))) break;
    words.push(t);
    if (words.length >= 8) break;
  }
  const head = words[0];
  if (!head) return null;
  if (!ORG_HEADS.has(bareOf(head))) return text(body, words);
  let mark = toks.indexOf(head) + 1;
  // `وكالة أنباء "إنترفاكس"`: the quoted name after the head's genitive.
  if (toks[mark]?.word && toks[mark + 1] && /^["«“”]$/.test(toks[mark + 1]!.raw) && !definiteToken(toks[mark]!)) mark++;
  if (toks[mark] && /^["«“”]$/.test(toks[mark]!.raw)) {
    const quoted: Tok[] = [];
    for (let k = mark + 1; k < toks.length && toks[k]!.word; k++) quoted.push(toks[k]!);
    if (quoted.length) return quoted.length >= 2 || !definiteToken(quoted[0]!) ? text(body, quoted) : text(body, [head, ...quoted]);
  }
  const run: Tok[] = [];
  // `وكالة الأنباء رويترز`: the proper name after the head and its definite genitive.
  let from = 1;
  if (words.length === 3 && definiteToken(words[1]!) && !/يه?$/.test(words[1]!.n) && !definiteToken(words[2]!) && !descToken(words[2]!) && !/^[لب]/.test(words[2]!.n)) from = 2;
  for (const t of words.slice(from)) {
    if ((definiteToken(t) || FUNCTION_WORDS.has(t.n) || descToken(t)) && run[run.length - 1]?.n !== 'بلا') break;
    run.push(t);
  }
  // `وكالة أنباء الإمارات`: a run in construct with a definite noun (not an adjective) is no proper name; the phrase is.
  const next = words[from + run.length];
  // `تحالف دعم الشرعية`: a one-word run of three consonants (an Arabic common noun, not a foreign name) in
  // construct with a definite noun is no proper name; the phrase is.
  if (run.length === 1 && next && definiteToken(next) && !FUNCTION_WORDS.has(next.n) && /^[^اويى]{3}$/.test(run[0]!.n)) return text(body, words);
  if (run.length && next && definiteToken(next) && !/[يه]$/.test(next.n) && !FUNCTION_WORDS.has(next.n)) return text(body, words);
  // `معهد أوسلو لأبحاث السلام`: a name with a ل/ب-complement is the whole phrase.
  if (run.some((t, k) => k > 0 && /^[لب]/.test(t.n) && t.n !== 'بلا')) return text(body, words);
  return text(body, run.length ? run : words);
}

/** A person's title or description and the name that follows it (`رئيس الأركان محمد باقري`). */
import { FUNCTION_WORDS, GENERIC, HONORIFICS, NAME_PARTICLES, PERSON_HEADS, feminineTitle, isNationality, isPlace } from './lexicon.js';
import { cueOf, isComplementizer } from './cues.js';
import { NAME_LIKE, definiteToken, descToken, isName, text, tokenTraits, type NounPhrase, type WordCounts } from './nounPhrase.js';
import { orgName } from './orgName.js';
import { bareOf, type Tok } from './tokens.js';
import { QUOTE_READING } from '../options.js';

/** Sets the person's name of `np` from `name`, its leading honorifics left out. */
export function setName(body: string, np: NounPhrase, name: Tok[]): void {
  let from = 0;
  while (from < name.length - 1 && HONORIFICS.has(bareOf(name[from]!))) from++;
  const kept = name.slice(from).filter((t) => t.word);
  if (!kept.length) return;
  np.name = text(body, name.slice(from));
  np.nameKey = kept.map(bareOf);
}

/** `TITLE [NAME]`: description words up to a name that follows a definite word, a place or a nationality. */
export function readTitled(body: string, toks: Tok[], counts: WordCounts, np: NounPhrase): void {
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
  for (let j = i; j < words.length && groups < QUOTE_READING.nameGroups; j++) {
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

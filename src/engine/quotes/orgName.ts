/** The name an organisation goes by, read from the words that give it. */
import { FUNCTION_WORDS, ORG_HEADS, isPlace } from './lexicon.js';
import { definiteToken, descToken, isDefinite, text } from './nounPhrase.js';
import { bare, bareOf, type Tok } from './tokens.js';

/**
 * A definite word after a complete definite phrase that is no adjective (`… للطفولة اليونيسيف`, `… لكرة القدم
 * الفيفا`): the acronym or short name in apposition, not part of the name. Adjectives end in a nisba or
 * plural ending, or have the elative/colour form أفعل (`البيت الأبيض`).
 */
function apposition(words: Tok[], t: Tok): boolean {
  const prev = words[words.length - 1]!;
  return words.length >= 2 && /^ال/.test(t.n) && /^(?:ال|لل)/.test(prev.n) && !/(?:ي|ه|ين|ون|ات|يا|ي)$/.test(t.n) && !/^ال[اي]...$/.test(t.n) && !FUNCTION_WORDS.has(t.n);
}

/** `في الجهة`, `بالمنطقة`: where a reporter works, no part of the outlet's name. */
const isRegion = (n: string) => /^(?:ال|بال)(?:جهه|منطقه|ولايه|مدينه|بلاد|عاصمه)$/.test(n);

/**
 * One indefinite head word so far (`رئاسة`، `موقع`، `صحيفة`): its genitive follows, so the next definite word is
 * its genitive (`رئاسة الجمهورية`) and a و after it is the name's own (`موقع ويكيليكس`), no conjunction.
 */
const construct = (words: Tok[]) => words.length === 1 && ORG_HEADS.has(bareOf(words[0]!)) && !definiteToken(words[0]!);

/** The name an organisation goes by: its quoted or proper name after the head word when it has one (شركة سانوفي → سانوفي). */
export function orgName(body: string, toks: Tok[]): string | null {
  const words: Tok[] = [];
  for (const [k, t] of toks.entries()) {
    if (!t.word || (!words.length && /^(?:هذه|هذا|تلك|ذلك)$/.test(t.n))) continue;
    const place = (n: string) => isPlace(n) || (isDefinite(n) && !isRegion(n)) || ORG_HEADS.has(bare(n));
    const last = words[words.length - 1];
    // A proper name runs over indefinite words (`صحيفة نيويورك تايمز`), but not over a verb or plural in -ت (`بولوريه استخدمت نشاطات`).
    const loose = (words.length >= 4 || (words.length >= 2 && /ت$/.test(t.n)) || (words.length >= 2 && !!last && definiteToken(last) && (words.length >= 3 || /يه?$/.test(last.n)))) && !definiteToken(t) && !isPlace(t.n) && !(/^[لب]/.test(t.n) && isDefinite(toks[k + 1]?.n ?? '')) && !/^["«“”]$/.test(toks[k - 1]?.raw ?? '') && words[words.length - 1]!.n !== 'بلا' && t.n !== 'بلا';
    if (words.length && (loose || isRegion(t.n) || apposition(words, t) || (/^و/.test(t.n) && !isDefinite(t.n.slice(1)) && !construct(words)) || (FUNCTION_WORDS.has(t.n) && !(t.n === 'في' && place(toks[k + 1]?.n ?? ''))) || (ORG_HEADS.has(bareOf(t)) && /^ال/.test(t.n) && !construct(words)))) break;
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

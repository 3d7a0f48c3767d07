/** Guesses an article's language from the characters it is written in. */
import { CORPUS_HEURISTICS } from '../options.js';

/** Letters Persian writes and Arabic does not: پ چ ژ گ (kept even by sites that type Arabic ي and ك), ک ی. */
const PERSIAN_CONSONANTS = new Set([0x067e, 0x0686, 0x0698, 0x06af]);
const PERSIAN_KAF_YEH = new Set([0x06a9, 0x06cc]);
/** Letters Arabic writes and Persian does not: ي ك ى ة. */
const ARABIC_ONLY = new Set([0x064a, 0x0643, 0x0649, 0x0629]);
/** Other scripts and the language they most likely stand for. */
const OTHER_SCRIPTS: Array<[RegExp, string]> = [
  [/\p{Script=Latin}/u, 'en'],
  [/\p{Script=Cyrillic}/u, 'ru'],
  [/\p{Script=Hebrew}/u, 'he'],
  [/\p{Script=Greek}/u, 'el'],
  [/\p{Script=Devanagari}/u, 'hi'],
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/u, 'ja'],
  [/\p{Script=Hangul}/u, 'ko'],
  [/\p{Script=Han}/u, 'zh'],
];
const LETTER = /\p{L}/u;

/** The script of a letter (by code point): `arabic`, or the language a script stands for; null for digits, marks, punctuation. */
function scriptOf(code: number): string | null {
  if (code < 0x80) return (code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a ? 'en' : null;
  const arabicLetter =
    (code >= 0x0621 && code <= 0x064a) || (code >= 0x066e && code <= 0x06d3) || (code >= 0x06fa && code <= 0x06ff) ||
    (code >= 0x0750 && code <= 0x077f) || (code >= 0xfb50 && code <= 0xfdff) || (code >= 0xfe70 && code <= 0xfefc);
  if (arabicLetter) return 'arabic';
  if (code >= 0x0600 && code <= 0x06ff) return null;
  const char = String.fromCodePoint(code);
  return LETTER.test(char) ? (OTHER_SCRIPTS.find(([letters]) => letters.test(char))?.[1] ?? null) : null;
}

/** Letters counted by script and the Persian and Arabic marker letters. */
function letterCounts(sample: string): { scripts: Map<string, number>; persianConsonants: number; persian: number; arabic: number } {
  const counts = { scripts: new Map<string, number>(), persianConsonants: 0, persian: 0, arabic: 0 };
  for (let i = 0; i < sample.length; i++) {
    const code = sample.codePointAt(i)!;
    if (code > 0xffff) i++;
    const script = scriptOf(code);
    if (!script) continue;
    counts.scripts.set(script, (counts.scripts.get(script) ?? 0) + 1);
    if (PERSIAN_CONSONANTS.has(code)) counts.persianConsonants++;
    if (PERSIAN_CONSONANTS.has(code) || PERSIAN_KAF_YEH.has(code)) counts.persian++;
    else if (ARABIC_ONLY.has(code)) counts.arabic++;
  }
  return counts;
}

/**
 * `ar`, `fa` or `en` from character statistics (Persian: پ چ ژ گ ک ی against Arabic ي ك ى ة;
 * Latin script: `en`), a guess from the script for other writing systems, `und` without letters.
 */
export function detectLang(text: string): string {
  const { scripts, persianConsonants, persian, arabic } = letterCounts(text.slice(0, CORPUS_HEURISTICS.languageSample));
  const [script, letters] = [...scripts].reduce((best, next) => (next[1] > best[1] ? next : best), ['und', 0]);
  if (script !== 'arabic') return script;
  return persian > arabic || persianConsonants >= letters * CORPUS_HEURISTICS.persianConsonantShare ? 'fa' : 'ar';
}

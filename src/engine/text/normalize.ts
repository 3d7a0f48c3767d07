/**
 * Character normalisation shared by indexing, querying, quotation matching and ROUGE:
 * one function so that the same word always has the same form everywhere.
 */

const TASHKEEL = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED]/g;
const TATWEEL = /\u0640/g;
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF\u00AD]/g;
const ALEF = /[\u0622\u0623\u0625\u0671\u0672\u0673]/g;

const CHAR_MAP: Record<string, string> = {
  '\u0649': '\u064A', // ى → ي
  '\u06CC': '\u064A', // Persian ی → ي
  '\u06D2': '\u064A', // ے → ي
  '\u0629': '\u0647', // ة → ه
  '\u06C0': '\u0647', // ۀ → ه
  '\u06A9': '\u0643', // Persian ک → ك
  '\u06AA': '\u0643', // ڪ → ك
  '\u0624': '\u0648', // ؤ → و
  '\u0626': '\u064A', // ئ → ي
};
const MAPPED = new RegExp(`[${Object.keys(CHAR_MAP).join('')}]`, 'g');
const DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;

/** Arabic-Indic (٠–٩) and Persian (۰–۹) digits to ASCII. */
export function asciiDigits(text: string): string {
  return text.replace(DIGITS, (d) => String((d.charCodeAt(0) & 0xf) % 10));
}

/**
 * Normalises text for matching: NFKC, no tashkeel/tatweel/zero-width marks, one alef,
 * ى/ی → ي, ة → ه, ک → ك, ASCII digits, lower-case Latin. Length may change: never use the
 * result to compute offsets into the original.
 */
export function normalizeText(text: string): string {
  return asciiDigits(
    text
      .normalize('NFKC')
      .replace(INVISIBLE, '')
      .replace(TASHKEEL, '')
      .replace(TATWEEL, '')
      .replace(ALEF, '\u0627')
      .replace(MAPPED, (c) => CHAR_MAP[c] ?? c),
  ).toLowerCase();
}

/** Letters and digits of any script, with in-word marks (tashkeel, ZWNJ) and apostrophes kept together. */
export const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}\u0640\u200C\u200D'’]*/gu;

/** Splits normalised text into word tokens (numbers kept). */
export function words(normalized: string): string[] {
  const found = normalized.match(WORD);
  if (!found) return [];
  // Apostrophes are rare: only the words that have one are rewritten (this runs on every passage).
  for (let i = 0; i < found.length; i++) if (APOSTROPHE.test(found[i]!)) found[i] = found[i]!.replace(APOSTROPHES, '');
  return found;
}

const APOSTROPHE = /['’]/;
const APOSTROPHES = /['’]/g;

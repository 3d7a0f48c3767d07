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
  return normalizedInOnePass(text) ?? normalizedInSteps(text);
}

/** `normalizeText` step by step, for any text. */
function normalizedInSteps(text: string): string {
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

/** In `ONE_PASS`: a code unit that no step of `normalizeText` changes. */
const KEPT = 0xffff;
/** In `ONE_PASS`: a code unit that `normalizeText` removes. */
const DROPPED = 0xfffe;
/** In `ONE_PASS`: a code unit whose text must go step by step. */
const STEPWISE = 0xfffd;
/** The code units `ONE_PASS` covers: ASCII and the Arabic block. */
const ONE_PASS_UNITS = 0x700;

/**
 * What `normalizeText` does to each code unit of ASCII and the Arabic block, worked out from the steps themselves:
 * kept, dropped, or the one unit it becomes. Text holding any other unit goes step by step (`STEPWISE`), and so does
 * text holding a mark NFKC composes with the letter before it (madda and hamza above and below, U+0653–U+0655) or a
 * unit that does not become one unit or none (the high hamza letters, U+0675–U+0678, which NFKC decomposes): there
 * NFKC is not a unit-by-unit change.
 */
const ONE_PASS: Uint16Array = (() => {
  const table = new Uint16Array(ONE_PASS_UNITS).fill(STEPWISE);
  for (let unit = 0; unit < ONE_PASS_UNITS; unit++) {
    if ((unit >= 0x80 && unit < 0x600) || (unit >= 0x653 && unit <= 0x655)) continue;
    const result = normalizedInSteps(String.fromCharCode(unit));
    if (result.length === 0) table[unit] = DROPPED;
    else if (result.length === 1) table[unit] = result.charCodeAt(0) === unit ? KEPT : result.charCodeAt(0);
  }
  return table;
})();

/**
 * `normalizeText` of a text made of ASCII and the Arabic block (most words and passages), in one pass over its code
 * units, with no copy when nothing changes; null for a text that must go step by step.
 */
function normalizedInOnePass(text: string): string | null {
  let out: string | null = null;
  // The units from `from` on are still to be copied as they are.
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const to = unit < ONE_PASS_UNITS ? ONE_PASS[unit]! : STEPWISE;
    if (to === KEPT) continue;
    if (to === STEPWISE) return null;
    out = (out ?? '') + text.slice(from, i);
    if (to !== DROPPED) out += String.fromCharCode(to);
    from = i + 1;
  }
  return out === null ? text : out + text.slice(from);
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

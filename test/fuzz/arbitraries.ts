/**
 * Text arbitraries for the fuzz suite: Arabic letters with tashkeel and tatweel, quote marks,
 * colons, digits of three scripts, newlines, ZWNJ, bidi controls, Discord markup, and long runs of one
 * character (the inputs that make a badly written regular expression backtrack for ever).
 */
import fc from 'fast-check';
import { expect } from 'vitest';

const range = (from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i));

export const ARABIC_LETTERS = range(0x0621, 0x064a);
export const TASHKEEL = [...range(0x064b, 0x0652), '\u0670'];
export const QUOTE_MARKS = ['«', '»', '“', '”', '"', '‹', '›', '„', "'", '’'];
export const BIDI_CONTROLS = ['\u061C', '\u200E', '\u200F', ...range(0x202a, 0x202e), ...range(0x2066, 0x2069)];
const DIGITS = [...range(0x30, 0x39), ...range(0x0660, 0x0669), ...range(0x06f0, 0x06f9)];
const PUNCTUATION = [':', '،', '؛', '؟', '.', '!', '?', '…', '-', '/', '(', ')', '[', ']'];
const WHITESPACE = [' ', ' ', '\n', '\n\n', '\r\n', '\t', '\u00A0', '\u2028'];
const INVISIBLE = ['\u200C', '\u200D', '\u0640', '\uFEFF', '\u200B', '\u0000', '\u001B'];
const MARKUP = ['*', '_', '`', '~', '|', '>', '#', '@', '<', '>', '\\', '@everyone', '@here', '<@123456789012345678>', '<#1>', '[x](https://a.b)', 'https://discord.gg/x'];
const ASTRAL = ['😀', '𝐀', '🇮🇷'];

/** Whole words that drive the parsers down their interesting paths. */
const WORDS = [
  'قال', 'وأضاف', 'وقال', 'أكد', 'مضيفا', 'مؤكدا', 'وأشار إلى أن', 'گفت', 'said', 'told', 'added',
  'رئيس الأركان', 'محمد باقري', 'اللواء', 'باقري', 'ظريف', 'الرئيس الإيراني',
  'أكتوبر', 'Wednesday,', 'Sat, 07 Apr 2018 13:39:43 GMT', '2021-10-20', '10/20/2021', '20 أكتوبر 2021', '۲۸ مهر ۱۴۰۰', '12:30 pm',
  'Mr.', 'U.S.', 'Dr.', '3.5', 'المزيد من الأخبار', 'شارك', 'Iran International',
];

const pick = (items: readonly string[]) => fc.constantFrom(...items);

/** One piece of text: a character of one of the classes above, or a whole word. */
export const piece: fc.Arbitrary<string> = fc.oneof(
  { weight: 10, arbitrary: pick(ARABIC_LETTERS) },
  { weight: 3, arbitrary: pick(TASHKEEL) },
  { weight: 3, arbitrary: pick(QUOTE_MARKS) },
  { weight: 2, arbitrary: pick(BIDI_CONTROLS) },
  { weight: 3, arbitrary: pick(DIGITS) },
  { weight: 3, arbitrary: pick(PUNCTUATION) },
  { weight: 5, arbitrary: pick(WHITESPACE) },
  { weight: 2, arbitrary: pick(INVISIBLE) },
  { weight: 2, arbitrary: pick(MARKUP) },
  { weight: 1, arbitrary: pick(ASTRAL) },
  { weight: 4, arbitrary: pick(WORDS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 4 }) },
);

/** A long run of one piece (up to a few thousand characters). */
export const longRun: fc.Arbitrary<string> = fc
  .tuple(fc.oneof(piece, pick([' ', '\n', 'ا', '.', '"', '«', ':', '0', 'a', 'قال ', '\u0640', '\u064E'])), fc.integer({ min: 50, max: 3000 }))
  .map(([unit, times]) => unit.repeat(times).slice(0, 6000));

/** Text made of pieces, sometimes with a long run in it. */
export const hostileText: fc.Arbitrary<string> = fc
  .array(fc.oneof({ weight: 12, arbitrary: piece }, { weight: 1, arbitrary: longRun }), { maxLength: 60 })
  .map((parts) => parts.join(''));

/** Text of pieces only (short), for the properties that run on many small inputs. */
export const shortText: fc.Arbitrary<string> = fc.array(piece, { maxLength: 30 }).map((parts) => parts.join(''));

/**
 * How long one call may take on one input: a guard against runaway (quadratic or worse) behaviour on hostile text, not a
 * speed test (speed lives in `npm run bench`), so generous enough that a loaded machine never trips it (a 3,000-character
 * input took 250 ms once with both cores busy).
 */
export const TIME_LIMIT_MS = 2000;

/** Runs `fn`, asserts it took under the time limit, and returns its result. */
export function timed<T>(fn: () => T, limit = TIME_LIMIT_MS): T {
  const started = performance.now();
  const result = fn();
  expect(performance.now() - started, 'time for one input (ms)').toBeLessThan(limit);
  return result;
}

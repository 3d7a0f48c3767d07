import { CORPUS_HEURISTICS } from '../options.js';
/**
 * Turns a corpus file's bytes into text: UTF-8 (with or without BOM), UTF-16 LE/BE (BOM, or NUL
 * bytes in the pattern UTF-16 leaves) or Windows-1256 Arabic; anything else (binary files, empty
 * files, other 8-bit encodings) is rejected with a reason a person can act on.
 */

/** The encodings a corpus file may be in. */
export type CorpusEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1256';

/** A file's text and the encoding it was read in, or why it cannot be read. */
export type Decoded = { text: string; encoding: CorpusEncoding } | { reason: string };

const RESAVE = 're-save it as UTF-8 text';
/** UTF-16 without a BOM: at least this share of the 16-bit units have a NUL high byte (spaces, digits, Latin). */
const MIN_UTF16_NUL_SHARE = 0.05;

/** Decodes a corpus file (see the module comment); pure, never throws. */
export function decodeCorpusBytes(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) return { reason: 'empty file (0 bytes): nothing to load; delete it or add an article' };
  const decoded = decodeBytes(bytes);
  if ('reason' in decoded) return decoded;
  if (decoded.text.trim() === '') return { reason: `empty file: only whitespace (${bytes.length} bytes); delete it or add an article` };
  const controls = countControls(decoded.text);
  if (controls > Math.max(1, decoded.text.length * CORPUS_HEURISTICS.maxControlShare)) {
    const share = Math.round((100 * controls) / decoded.text.length);
    return { reason: `binary file, not text: ${controls} control characters (${share}%); corpus files must be text articles (${RESAVE})` };
  }
  return decoded;
}

function decodeBytes(bytes: Uint8Array): Decoded {
  const [b0, b1, b2, b3] = bytes;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return strict(bytes, 'utf-8', 'starts with a UTF-8 byte order mark');
  if ((b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) || (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff)) {
    return { reason: `UTF-32 text is not supported; ${RESAVE}` };
  }
  if (b0 === 0xff && b1 === 0xfe) return strict(bytes, 'utf-16le', 'starts with a UTF-16 LE byte order mark');
  if (b0 === 0xfe && b1 === 0xff) return strict(bytes, 'utf-16be', 'starts with a UTF-16 BE byte order mark');

  const firstNul = bytes.indexOf(0);
  if (firstNul >= 0) {
    const utf16 = utf16ByNulPattern(bytes);
    if (utf16) return strict(bytes, utf16, `looks like ${utf16 === 'utf-16le' ? 'UTF-16 LE' : 'UTF-16 BE'} without a byte order mark`);
    return { reason: `binary file, not text: NUL byte at offset ${firstNul} (an image, archive or word-processor file?); corpus files must be text articles (${RESAVE})` };
  }

  const utf8 = tryDecode(bytes, 'utf-8');
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8' };
  const bad = firstInvalidUtf8(bytes);
  const where = `byte 0x${bytes[bad.offset]!.toString(16).toUpperCase().padStart(2, '0')} at offset ${bad.offset}`;
  if (bad.validSequences > bad.invalidBytes) {
    return { reason: `invalid UTF-8: ${bad.invalidBytes} bad byte(s), the first ${where} (a damaged or truncated file?); ${RESAVE}` };
  }
  const cp1256 = new TextDecoder('windows-1256').decode(bytes);
  if (arabicShare(cp1256) >= CORPUS_HEURISTICS.minArabicShare) return { text: cp1256, encoding: 'windows-1256' };
  return { reason: `not UTF-8 (${where}) and does not read as Windows-1256 Arabic (another 8-bit encoding such as Latin-1?); ${RESAVE}` };
}

/** Decodes with a fatal decoder; a failure names what the file claimed to be. */
function strict(bytes: Uint8Array, encoding: CorpusEncoding, claim: string): Decoded {
  const text = tryDecode(bytes, encoding);
  if (text === null) return { reason: `${claim} but is not valid ${encoding.toUpperCase()}; ${RESAVE}` };
  return { text, encoding };
}

function tryDecode(bytes: Uint8Array, encoding: CorpusEncoding): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * UTF-16 without a BOM: an even length, NUL bytes on one side of the 16-bit units only (the high
 * byte of spaces, digits and Latin letters) and never on the other. Arabic letters (U+06xx) have no NUL.
 */
function utf16ByNulPattern(bytes: Uint8Array): CorpusEncoding | null {
  if (bytes.length % 2 !== 0) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0) i % 2 === 0 ? even++ : odd++;
  const units = bytes.length / 2;
  if (even === 0 && odd >= units * MIN_UTF16_NUL_SHARE) return 'utf-16le';
  if (odd === 0 && even >= units * MIN_UTF16_NUL_SHARE) return 'utf-16be';
  return null;
}

/** The first byte that breaks UTF-8, how many bytes do, and how many well-formed multi-byte sequences there are. */
function firstInvalidUtf8(bytes: Uint8Array): { offset: number; invalidBytes: number; validSequences: number } {
  let offset = -1;
  let invalidBytes = 0;
  let validSequences = 0;
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    let ok = length > 0 && i + length <= bytes.length;
    for (let k = 1; ok && k < length; k++) ok = (bytes[i + k]! & 0xc0) === 0x80;
    const second = bytes[i + 1] ?? 0;
    if (ok && ((lead === 0xe0 && second < 0xa0) || (lead === 0xed && second >= 0xa0) || (lead === 0xf0 && second < 0x90) || (lead === 0xf4 && second >= 0x90))) ok = false;
    if (ok) {
      if (length > 1) validSequences++;
      i += length;
    } else {
      if (offset < 0) offset = i;
      invalidBytes++;
      i++;
    }
  }
  return { offset: Math.max(offset, 0), invalidBytes: Math.max(invalidBytes, 1), validSequences };
}

/** The share of Arabic-script characters among the non-ASCII characters of a text (0 when there are none). */
function arabicShare(text: string): number {
  let nonAscii = 0;
  let arabic = 0;
  for (const char of text) {
    if (char.charCodeAt(0) < 0x80) continue;
    nonAscii++;
    if (/\p{Script=Arabic}/u.test(char)) arabic++;
  }
  return nonAscii === 0 ? 0 : arabic / nonAscii;
}

/** C0 and C1 control characters other than tab, line feed, carriage return and form feed. */
function countControls(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x0c) || (code >= 0x7f && code <= 0x9f)) count++;
  }
  return count;
}

/** A file's text with a UTF-8 byte order mark removed and `\r\n` line endings made `\n`. */
export function cleanText(content: string): string {
  return content.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

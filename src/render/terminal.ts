/** Text made safe for a terminal: what a crafted article could use to make a reader see something else is removed. */

/**
 * Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), which reorder what a reader sees; C0 and C1
 * control characters other than tab and newline; and escape sequences other than the colours this program prints
 * (`ESC [ … m`), which could move the cursor, retitle the window or hide lines. The RLM this program puts before
 * right-to-left lines (U+200F) is a mark, not an override, and stays.
 */
const UNSAFE = /[\u202A-\u202E\u2066-\u2069]|\u001B(?!\[[0-9;]*m)|[\u0000-\u0008\u000B-\u001A\u001C-\u001F\u007F-\u009F]/g;

/** Removes bidi overrides and isolates, control characters and foreign escape sequences from text bound for a terminal. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, '');
}

/** Reads a raw scraped article: title line, date line, body, and the site's furniture to drop. */
import { parseLooseDate } from './dates.js';
import { dropTrailingFurniture } from './furniture.js';

/** What a raw `.txt` article gives: its title, its date if a line holds one, its body. */
export interface RawArticle {
  title: string;
  /** `YYYY-MM-DD` or a UTC ISO date-time; null when no line is a date. */
  date: string | null;
  body: string;
}

/**
 * Splits a scraped article: the first non-empty line is the title, the first later line that is a
 * date is the date, the rest is the body (lines kept verbatim) without trailing site furniture.
 */
export function parseRawText(content: string): RawArticle {
  const lines = content.split(/\r\n?|\n/);
  const titleIndex = lines.findIndex((line) => line.trim() !== '');
  const dateLine = firstDateLine(lines, titleIndex + 1);
  const bodyLines = lines.filter((_, i) => i > titleIndex && i !== dateLine?.index);
  return {
    title: titleIndex < 0 ? '' : lines[titleIndex]!.trim(),
    date: dateLine?.date ?? null,
    body: dropTrailingFurniture(bodyLines).join('\n').trim(),
  };
}

/** The first line from `start` on that is a date, with the date it gives. */
function firstDateLine(lines: string[], start: number): { index: number; date: string } | null {
  for (let index = start; index < lines.length; index++) {
    const date = parseLooseDate(lines[index]!);
    if (date) return { index, date };
  }
  return null;
}

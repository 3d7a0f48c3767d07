import { WORD } from '../text/normalize.js';
import { BoundedMemo } from '../util/memo.js';
import { stemsOf } from './terms.js';

/** The stem of each word as written (null for a stop word): every answer highlights the same common words again. */
const STEM_OF = new BoundedMemo((word: string): string | null => stemsOf(word)[0] ?? null, 200_000);

/** Character ranges `[start, end)` of the words of `text` whose stem is one of `stems`. */
export function highlightRanges(text: string, stems: ReadonlySet<string>): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const match of text.matchAll(WORD)) {
    const stemmed = STEM_OF.get(match[0]);
    if (stemmed === null || !stems.has(stemmed)) continue;
    ranges.push([match.index, match.index + match[0].length]);
  }
  return ranges;
}

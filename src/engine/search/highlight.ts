import { WORD } from '../text/normalize.js';
import type { Analyzer } from './terms.js';

/** Character ranges `[start, end)` of the words of `text` whose stem is one of `stems`. */
export function highlightRanges(text: string, stems: ReadonlySet<string>, analyzer: Analyzer): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const match of text.matchAll(WORD)) {
    const stemmed = analyzer.stemOfWritten(match[0]);
    if (stemmed === null || !stems.has(stemmed)) continue;
    ranges.push([match.index, match.index + match[0].length]);
  }
  return ranges;
}

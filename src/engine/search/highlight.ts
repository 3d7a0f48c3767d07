import { stem } from '../text/stem.js';
import { WORD, normalizeText } from '../text/normalize.js';
import { isStopWord } from '../text/stopwords.js';

/** Character ranges `[start, end)` of the words of `text` whose stem is one of `stems`. */
export function highlightRanges(text: string, stems: ReadonlySet<string>): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const match of text.matchAll(WORD)) {
    const normalized = normalizeText(match[0]).replace(/['’]/g, '');
    if (isStopWord(normalized) || !stems.has(stem(normalized))) continue;
    ranges.push([match.index, match.index + match[0].length]);
  }
  return ranges;
}

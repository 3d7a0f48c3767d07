/**
 * Finds where a scraped article ends and the site around it begins: "more news" lists,
 * share prompts, programme and presenter names left at the bottom of the page.
 */
import { normalizeText } from '../text/normalize.js';
import { CORPUS_HEURISTICS } from '../options.js';

/** Lines that open the furniture at the bottom of a page (a line equal to one, or starting with one). */
const FURNITURE_MARKERS = [
  'مزيد من الأخبار', 'المزيد من الأخبار', 'المزيد', 'اقرأ أيضا', 'اقرأ أيضاً', 'إقرأ أيضا', 'اقرأ المزيد',
  'أخبار ذات صلة', 'مواضيع ذات صلة', 'ذات صلة', 'الأكثر قراءة', 'الأكثر مشاهدة', 'شارك', 'شاركوا',
  'تابعونا', 'تابعنا', 'الوسوم', 'كلمات مفتاحية', 'سمات', 'رابط الخبر', 'انتهى',
  'خبرها', 'بیشتر بخوانید', 'بیشتر', 'مطالب مرتبط', 'اخبار مرتبط', 'پربیننده‌ترین', 'به اشتراک بگذارید', 'هم‌رسانی',
  'read more', 'more news', 'more on this story', 'related', 'related articles', 'related stories', 'most read',
  'share this', 'share', 'tags', 'advertisement',
].map(normalizeText);

const CLOSING_PUNCTUATION = /[.!?؟…。]['"»”’)\]]*$/;
const OUTER_MARKS = /^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu;

const isBlank = (line: string): boolean => line.trim() === '';
const wordCount = (line: string): number => line.trim().split(/\s+/).length;

/** A line that reads as article prose: it ends a sentence, or it is as long as a paragraph. */
function isProse(line: string): boolean {
  const text = line.trim();
  return CLOSING_PUNCTUATION.test(text) || text.length > CORPUS_HEURISTICS.proseLength;
}

/** A heading or prompt that sites put around articles (`مزيد من الأخبار`, `شارك بآرائك…`, `Read more`). */
function isFurnitureMarker(line: string): boolean {
  const text = normalizeText(line).replace(OUTER_MARKS, '').replace(/\s+/g, ' ');
  return FURNITURE_MARKERS.some((marker) => text === marker || text.startsWith(`${marker} `));
}

/**
 * The lines of a scraped body without the site furniture after it: after the last line of prose,
 * everything from the first furniture marker on, then any trailing run of blank or short lines.
 * A body with no prose line at all is left as it is.
 */
export function dropTrailingFurniture(lines: string[]): string[] {
  let lastProse = lines.length - 1;
  while (lastProse >= 0 && !isProse(lines[lastProse]!)) lastProse--;
  if (lastProse < 0) return lines;
  const marker = lines.findIndex((line, i) => i > lastProse && isFurnitureMarker(line));
  let end = marker < 0 ? lines.length : marker;
  while (end > lastProse + 1 && (isBlank(lines[end - 1]!) || wordCount(lines[end - 1]!) < CORPUS_HEURISTICS.shortLineWords)) end--;
  return lines.slice(0, end);
}

/**
 * Month and weekday names of the calendars news sites print (Arabic, Levantine, Maghrebi,
 * Persian, English) and the Solar Hijri (Jalali) to Gregorian conversion.
 */
import { normalizeText } from '../text/normalize.js';

/** The calendar a month name belongs to. */
export type Calendar = 'gregorian' | 'jalali';

/** A month named in a date line. */
export interface NamedMonth {
  month: number;
  calendar: Calendar;
}

const GREGORIAN_NAMES: string[][] = [
  ['january', 'jan', 'يناير', 'كانون الثاني', 'جانفي', 'ژانویه'],
  ['february', 'feb', 'فبراير', 'شباط', 'فيفري', 'فوریه'],
  ['march', 'mar', 'مارس', 'آذار'],
  ['april', 'apr', 'أبريل', 'إبريل', 'نيسان', 'أفريل', 'آوریل'],
  ['may', 'مايو', 'أيار', 'ماي', 'مه'],
  ['june', 'jun', 'يونيو', 'يونيه', 'حزيران', 'جوان', 'ژوئن'],
  ['july', 'jul', 'يوليو', 'يوليه', 'تموز', 'جويلية', 'ژوئیه'],
  ['august', 'aug', 'أغسطس', 'آب', 'أوت', 'اوت'],
  ['september', 'sep', 'sept', 'سبتمبر', 'أيلول', 'سپتامبر'],
  ['october', 'oct', 'أكتوبر', 'تشرين الأول', 'اکتبر'],
  ['november', 'nov', 'نوفمبر', 'تشرين الثاني', 'نوامبر'],
  ['december', 'dec', 'ديسمبر', 'كانون الأول', 'دسامبر'],
];

const JALALI_NAMES = ['فروردین', 'اردیبهشت', 'خرداد', 'تیر', 'مرداد', 'شهریور', 'مهر', 'آبان', 'آذر', 'دی', 'بهمن', 'اسفند'];

/** Month names, normalised with `normalizeText`, to their month and calendar. */
export const MONTHS: ReadonlyMap<string, NamedMonth> = new Map<string, NamedMonth>([
  ...GREGORIAN_NAMES.flatMap((names, i) => names.map((name): [string, NamedMonth] => [normalizeText(name), { month: i + 1, calendar: 'gregorian' }])),
  ...JALALI_NAMES.map((name, i): [string, NamedMonth] => [normalizeText(name), { month: i + 1, calendar: 'jalali' }]),
]);

/** Weekday names (full and abbreviated), normalised with `normalizeText`. */
export const WEEKDAYS: readonly string[] = [
  'sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday',
  'sun', 'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat',
  'الأحد', 'الاثنين', 'الإثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت',
  'یکشنبه', 'دوشنبه', 'سه شنبه', 'سه‌شنبه', 'چهارشنبه', 'پنجشنبه', 'پنج‌شنبه', 'جمعه', 'شنبه',
].map(normalizeText);

/** Day number of a Jalali date on a scale that counts days continuously (33-year leap cycle). */
function jalaliDayNumber(year: number, month: number, day: number): number {
  const y = year + 1595;
  const dayOfYear = month < 7 ? (month - 1) * 31 : (month - 7) * 30 + 186;
  return 365 * y + Math.floor(y / 33) * 8 + Math.floor(((y % 33) + 3) / 4) + dayOfYear + day;
}

const DAY_MS = 86_400_000;
/** 1 Farvardin 1400 was 21 March 2021. */
const JALALI_ANCHOR = { dayNumber: jalaliDayNumber(1400, 1, 1), utc: Date.UTC(2021, 2, 21) };

/** The Gregorian `Date` (UTC midnight) of a Solar Hijri date. */
export function jalaliToGregorian(year: number, month: number, day: number): Date {
  return new Date(JALALI_ANCHOR.utc + (jalaliDayNumber(year, month, day) - JALALI_ANCHOR.dayNumber) * DAY_MS);
}

/** Recognises the date lines of scraped articles in the many ways news sites print them. */
import { normalizeText } from '../text/normalize.js';
import { MONTHS, WEEKDAYS, jalaliToGregorian, type NamedMonth } from './calendars.js';

const alternation = (names: Iterable<string>): string =>
  [...names]
    .sort((a, b) => b.length - a.length)
    .map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s*'))
    .join('|');

const MONTH = `(${alternation(MONTHS.keys())})\\.?`;
const LABEL = /^(?:published|updated|date|تاريخ النشر|اخر تحديث|تاريخ|نشر في|نشر|تاريخ انتشار|انتشار)\s*:?\s*/;
const WEEKDAY = new RegExp(`^(?:${alternation(WEEKDAYS)})(?!\\p{L})\\.?\\s*[,،-]?\\s*`, 'u');
/** Day, month name (optionally a second name: `تشرين الأول/أكتوبر`), year: `20 أكتوبر 2021`, `07 Apr 2018`. */
const DAY_MONTH_YEAR = new RegExp(`^(\\d{1,2})[\\s-]*${MONTH}(?:\\s*[/(]\\s*${MONTH}\\s*\\)?)?[\\s,،-]*(\\d{4})`);
/** Month name, day, year: `October 20, 2021`. */
const MONTH_DAY_YEAR = new RegExp(`^${MONTH}\\s*(\\d{1,2})(?:st|nd|rd|th)?\\s*[,،]?\\s*(\\d{4})`);
const YEAR_FIRST = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/;
const YEAR_LAST = /^(\d{1,2})([-/.])(\d{1,2})[-/.](\d{4})/;
/** What may follow the date: an era mark, then a time with an optional meridiem and UTC offset. */
const REST =
  /^(?:\s*(?:م|ad))?(?:(?:t|[\s,،|-]+)(?:at\s+|الساعه\s+|ساعت\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(am|pm|ص|م)?\s*(?:z|gmt|utc)?\s*(?:([+-])(\d{1,2}):?(\d{2})?)?)?\s*$/;

interface CalendarDate {
  year: number;
  month: number;
  day: number;
  calendar: NamedMonth['calendar'];
  rest: string;
}

/**
 * Parses a line that is nothing but a date (`Wednesday, 10/20/2021`, `2021-10-20`, `20 أكتوبر 2021`,
 * `Sat, 07 Apr 2018 13:39:43 GMT`, `۲۸ مهر ۱۴۰۰`) to `YYYY-MM-DD`, or to a UTC ISO date-time
 * (`2018-04-07T13:39:43Z`) when it gives a time; null for anything else, such as a sentence with a date inside.
 * `a/b/yyyy` is month/day (US) unless `a` is over 12; `a-b-yyyy` and `a.b.yyyy` are day-month.
 */
export function parseLooseDate(line: string): string | null {
  const text = normalizeText(line).replace(/\s+/g, ' ').trim().replace(LABEL, '').replace(WEEKDAY, '');
  const date = calendarDate(text);
  const time = date && REST.exec(date.rest);
  if (!date || !time) return null;
  const day = utcMidnight(date);
  if (!day) return null;
  const [, hour, minute, second = '0', meridiem, sign, offsetHours, offsetMinutes = '0'] = time;
  if (hour === undefined || minute === undefined) return day.toISOString().slice(0, 10);
  const hours = meridiem ? twelveHourClock(+hour, meridiem) : +hour;
  if (hours === null || hours > 23 || +minute > 59 || +second > 59) return null;
  const offset = sign ? (sign === '-' ? -1 : 1) * (+offsetHours! * 60 + +offsetMinutes) : 0;
  const utc = day.getTime() + ((hours * 60 + +minute - offset) * 60 + +second) * 1000;
  return new Date(utc).toISOString().replace('.000Z', 'Z');
}

/** `12 am` → 0, `1 pm` / `1 م` → 13; null for an hour a 12-hour clock does not show. */
function twelveHourClock(hour: number, meridiem: string): number | null {
  if (hour < 1 || hour > 12) return null;
  return (hour % 12) + (meridiem === 'pm' || meridiem === 'م' ? 12 : 0);
}

/** The calendar date at the start of a normalised line, with what follows it. */
function calendarDate(text: string): CalendarDate | null {
  let m: RegExpExecArray | null;
  const rest = (match: RegExpExecArray) => text.slice(match[0].length);
  if ((m = DAY_MONTH_YEAR.exec(text))) return named(m[2]!, m[1]!, m[4]!, rest(m));
  if ((m = MONTH_DAY_YEAR.exec(text))) return named(m[1]!, m[2]!, m[3]!, rest(m));
  if ((m = YEAR_FIRST.exec(text))) return { year: +m[1]!, month: +m[2]!, day: +m[3]!, calendar: 'gregorian', rest: rest(m) };
  if ((m = YEAR_LAST.exec(text))) {
    const [first, second] = [+m[1]!, +m[3]!];
    const monthFirst = m[2] === '/' ? first <= 12 : second > 12;
    const [month, day] = monthFirst ? [first, second] : [second, first];
    return { year: +m[4]!, month, day, calendar: 'gregorian', rest: rest(m) };
  }
  return null;
}

/** Month names without their spaces, as a month name may be written with or without them (`تشرين الأول`). */
const MONTH_BY_KEY = new Map([...MONTHS].map(([name, month]) => [name.replace(/\s/g, ''), month]));

/** A date with a month name, or null when the name is not a month's. */
function named(monthName: string, day: string, year: string, rest: string): CalendarDate | null {
  const month = MONTH_BY_KEY.get(monthName.replace(/\s/g, ''));
  return month ? { year: +year, month: month.month, day: +day, calendar: month.calendar, rest } : null;
}

/** The UTC midnight of a date, or null when the day does not exist (31 April) or the year is implausible. */
function utcMidnight({ year, month, day, calendar }: CalendarDate): Date | null {
  if (calendar === 'jalali') return year >= 1200 && day >= 1 && day <= (month <= 6 ? 31 : 30) ? jalaliToGregorian(year, month, day) : null;
  const date = new Date(Date.UTC(year, month - 1, day));
  const exists = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return exists && year >= 1800 ? date : null;
}

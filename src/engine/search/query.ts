import { z } from 'zod';
import { analyze } from '../text/analyzer.js';
import { type Failure, failure } from '../types.js';


/** A calendar day as typed by a person: `YYYY-MM-DD`, a real date. */
export const Day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD, e.g. 2021-10-20')
  .refine((d) => {
    const time = Date.parse(`${d}T00:00:00Z`);
    return !Number.isNaN(time) && new Date(time).toISOString().startsWith(d);
  }, 'a real calendar date written YYYY-MM-DD, e.g. 2021-10-20');

/** The options of an `/ask` question, validated at every front end. */
export const AskQuery = z
  .object({
    question: z.string().trim().min(2, '2 to 300 characters').max(300, '2 to 300 characters'),
    source: z.string().trim().min(1, 'the name of a source').optional(),
    from: Day.optional(),
    to: Day.optional(),
    limit: z.number().int('a whole number from 1 to 100').min(1, 'a whole number from 1 to 100').max(100, 'a whole number from 1 to 100').default(10),
    offset: z.number().int('a whole number, 0 or more').min(0, 'a whole number, 0 or more').default(0),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.from > q.to) ctx.addIssue({ code: 'custom', message: `a day on or before \`to\` (${q.to})`, path: ['from'] });
  });
export type AskQuery = z.input<typeof AskQuery>;

/** The first problem of a question's options, naming the option, the value given and what is expected. */
export function askQueryFailure(input: AskQuery, error: z.ZodError, option = (name: string) => name): Failure {
  const issue = error.issues[0];
  const name = String(issue?.path[0] ?? 'question');
  const given = (input as Record<string, unknown>)[name];
  return failure({ kind: 'bad-option', option: option(name), given: typeof given === 'string' ? given.trim() : given, expected: issue?.message ?? 'a valid value' });
}

/** A question taken apart: the words to rank by and the phrases that must appear as typed. */
export interface ParsedQuestion {
  /** The question's text for ranking (quote marks removed). */
  text: string;
  /** Stems of its content words. */
  terms: string[];
  /** Stem sequences a passage must contain, from `"…"`, `«…»` or `“…”` (stop words skipped). */
  phrases: string[][];
  /** The phrases as typed, for messages. */
  phraseTexts: string[];
}

const PHRASE = /"([^"]+)"|«([^»]+)»|“([^”]+)”/g;

/** Splits a question into ranking terms and required phrases. */
export function parseQuestion(question: string): ParsedQuestion {
  const phrases: string[][] = [];
  const phraseTexts: string[] = [];
  for (const match of question.matchAll(PHRASE)) {
    const typed = (match[1] ?? match[2] ?? match[3] ?? '').trim();
    const phrase = analyze(typed);
    if (phrase.length) {
      phrases.push(phrase);
      phraseTexts.push(typed);
    }
  }
  const text = question.replace(/["«»“”]/g, ' ');
  return { text, terms: analyze(text), phrases, phraseTexts };
}

/** The stems of a passage, space-padded, for phrase containment tests. */
export function phraseHaystack(text: string): string {
  return ` ${analyze(text).join(' ')} `;
}

/** True when the haystack contains every phrase as a whole-word sequence. */
export function containsPhrases(haystack: string, phrases: string[][]): boolean {
  return phrases.every((phrase) => haystack.includes(` ${phrase.join(' ')} `));
}

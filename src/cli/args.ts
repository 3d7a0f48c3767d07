import { parseArgs } from 'node:util';
import { z } from 'zod';

/** The CLI's commands (CONTRACTS §2), with what each needs when it is not run with `--batch`. */
const COMMAND_TEXT = {
  ask: { needs: 'a question', byArticle: false, jsonBatch: false },
  whosaid: { needs: 'a quote', byArticle: false, jsonBatch: false },
  quotes: { needs: 'a speaker name or --article ID', byArticle: true, jsonBatch: true },
  summary: { needs: 'a topic or --article ID', byArticle: true, jsonBatch: true },
} as const;
export type CommandName = keyof typeof COMMAND_TEXT;
const COMMANDS = Object.keys(COMMAND_TEXT) as CommandName[];

const count = (min: number, max: number) => {
  const expected = `a whole number from ${min} to ${max}`;
  return z.coerce.number({ error: expected }).int(expected).min(min, expected).max(max, expected);
};

/** A flag's problem in a person's words: the flag, the value given and what is expected. */
function flagProblem(issue: z.core.$ZodIssue, values: Record<string, unknown>, prefix = '--'): string {
  const name = issue.path.map(String).join('.');
  const given = values[name];
  return `${prefix}${name}: got ${typeof given === 'string' ? JSON.stringify(given) : String(given)}; expected ${issue.message}`;
}

/** Flags common to every command, and each command's own. */
export const CliFlags = z.object({
  json: z.boolean().default(false),
  corpus: z.string().min(1).optional(),
  limit: count(1, 100).optional(),
  batch: z.string().min(1).optional(),
  source: z.string().min(1).optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  article: z.string().min(1).optional(),
  sentences: count(1, 10).optional(),
});
export type CliFlags = z.infer<typeof CliFlags>;

/** How the command line names an option the engine's messages mention: `--from` for a flag, the bare word for the positional text. */
export function cliOptionName(option: string): string {
  return option in CliFlags.shape ? `--${option}` : option;
}

/** A parsed command line: what to run, on what text, with which flags. */
export interface CliInvocation {
  command: CommandName;
  /** The question, quote, speaker or topic (the positional words joined). */
  text: string;
  flags: CliFlags;
}

/** One line of a `--batch` file of a command that takes JSON objects (CONTRACTS §2). */
const BatchObject = z
  .object({
    topic: z.string({ error: 'the topic as text' }).optional(),
    speaker: z.string({ error: 'the name as text' }).optional(),
    article: z.string({ error: 'an article id as text' }).min(1, 'an article id').optional(),
    sentences: count(1, 10).optional(),
  })
  .strict();

/**
 * The request of one `--batch` line: the line itself for `ask`/`whosaid`, a JSON object
 * (`{"topic": …}`, `{"article": …, "sentences": N}`, `{"speaker": …}`) for the others.
 */
export function batchRequest(command: CommandName, line: string, flags: CliFlags): { text: string; flags: CliFlags } {
  if (!COMMAND_TEXT[command].jsonBatch) return { text: line, flags };
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new UsageError(`batch line is not JSON: ${line.slice(0, 80)}`);
  }
  const parsed = BatchObject.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const fields = issue.code === 'unrecognized_keys' ? `unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}; expected "topic", "speaker", "article" or "sentences"` : flagProblem(issue, value as Record<string, unknown>, '');
    throw new UsageError(`batch line ${line.slice(0, 80)}: ${fields}`);
  }
  const { topic, speaker, article, sentences } = parsed.data;
  return { text: topic ?? speaker ?? '', flags: { ...flags, article: article ?? flags.article, sentences: sentences ?? flags.sentences } };
}

/** Usage text printed with `--help` and after a usage error. */
export const USAGE = `Usage: npm run --silent cli -- <command> [options]
  ask "<question>" [--source S] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--limit N]
  whosaid "<quote or part of it>" [--limit N]
  quotes "<speaker name>" | quotes --article ID
  summary "<topic>" | summary --article ID   [--sentences N]
  feeds fetch [URL] [--source NAME] [--lang CODE]   (fetch followed news feeds once; feeds --help)
Common: --json (one JSON document on stdout), --corpus DIR,
  --batch FILE: one request per line; for ask and whosaid the line is the question or quote, for quotes
  and summary a JSON object: {"speaker": "…"} or {"article": "ID"}; {"topic": "…"} or {"article": "ID", "sentences": 3}.
  A bad line is answered on its own line ({"error": {"code", "message"}} with --json) and the batch goes on.`;

/** A command line that cannot be run; the message says why. */
export class UsageError extends Error {}

/** Parses argv (without node and script) into an invocation, or throws a UsageError. */
export function parseCommandLine(argv: string[]): CliInvocation {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: 'boolean' },
        corpus: { type: 'string' },
        limit: { type: 'string' },
        batch: { type: 'string' },
        source: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        article: { type: 'string' },
        sentences: { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const [command, ...words] = parsed.positionals;
  if (!command) throw new UsageError('no command given');
  if (!(COMMANDS as string[]).includes(command)) throw new UsageError(`unknown command "${command}"; expected one of ${COMMANDS.join(', ')}`);
  const flags = CliFlags.safeParse(parsed.values);
  if (!flags.success) {
    throw new UsageError(flagProblem(flags.error.issues[0]!, parsed.values));
  }
  const text = words.join(' ').trim();
  const spec = COMMAND_TEXT[command as CommandName];
  const byArticle = spec.byArticle && flags.data.article !== undefined;
  if (!text && !flags.data.batch && !byArticle) throw new UsageError(`"${command}" needs ${spec.needs}`);
  return { command: command as CommandName, text, flags: flags.data };
}

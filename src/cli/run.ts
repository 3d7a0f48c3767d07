import { existsSync, readFileSync, statSync } from 'node:fs';
import { createEngine } from '../engine/engine.js';
import { v8BuildTuning } from '../buildTuning.js';
import { terminalSafe } from '../render/terminal.js';
import { ANSI, PLAIN, type TextStyle, renderFailureText } from '../render/text.js';
import type { FailureCode } from '../engine/index.js';
import type pg from 'pg';
import { postgresArchive } from '../pg/archive.js';
import { createPool } from '../pg/pool.js';
import { type CliInvocation, USAGE, UsageError, batchRequest, cliOptionName, parseCommandLine } from './args.js';
import { runFeedsCli } from './feeds.js';
import type { CliIo } from './io.js';

export type { CliIo } from './io.js';
import { type CliBadInput, type CliFailure, type CliOutput, type CliRequest, HANDLERS, askOutput, askQuery, quotesOutput, summaryOutput, whosaidOutput } from './handlers.js';

/** Runs one command line and returns the exit status: 0 success (also no results), 2 bad input or unreadable corpus. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  if (argv[0] === 'feeds') return runFeedsCli(argv.slice(1), io);
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(USAGE);
    return 0;
  }
  let invocation: CliInvocation;
  try {
    invocation = parseCommandLine(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return fail(io, argv.includes('--json'), 'bad-query', error.message, `\n\n${USAGE}`);
  }
  const { flags } = invocation;
  let lines: string[] | null = null;
  if (flags.batch) {
    try {
      lines = readFileSync(flags.batch, 'utf8').split(/\r?\n/).filter((l) => l.trim());
    } catch (error) {
      return fail(io, flags.json, 'bad-query', `cannot read the batch file ${flags.batch}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  }
  if (io.env.DATABASE_URL) return runOnPostgres(io.env.DATABASE_URL, invocation, lines, io);
  const corpusDir = flags.corpus ?? io.env.CORPUS_DIR ?? 'corpus';
  if (!existsSync(corpusDir) || !statSync(corpusDir).isDirectory()) {
    return fail(io, flags.json, 'corpus-invalid', `the corpus folder "${corpusDir}" does not exist`);
  }
  const engine = await createEngine({ corpusDir, cacheDir: io.env.INDEX_CACHE_DIR || '.cache', logger: io.logger, buildTuning: v8BuildTuning() });
  let status = 0;
  for (const line of lines ?? [null]) status = Math.max(status, await runOne(invocation, line, io, (request, style) => HANDLERS[invocation.command](engine, request, style)));
  return status;
}

/**
 * A command on the PostgreSQL archive `DATABASE_URL` names (no corpus is loaded): `ask` awaits its
 * search, the quotation commands read the quotations it stores, `summary` its stored articles.
 */
async function runOnPostgres(url: string, invocation: CliInvocation, lines: string[] | null, io: CliIo): Promise<number> {
  const pool = createPool(url, io.logger, 1);
  try {
    const answer = postgresAnswer(pool, invocation.command);
    let status = 0;
    for (const line of lines ?? [null]) status = Math.max(status, await runOne(invocation, line, io, answer));
    return status;
  } catch (error) {
    return fail(io, invocation.flags.json, 'corpus-invalid', `the PostgreSQL archive is unavailable: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await pool.end();
  }
}

/** How a command answers on PostgreSQL: through the PostgreSQL archive's queries (no engine is made). */
function postgresAnswer(pool: pg.Pool, command: CliInvocation['command']): Answer {
  const archive = postgresArchive(pool);
  if (command === 'summary') return (request, style) => summaryOutput(archive, request, style);
  if (command === 'whosaid') return (request, style) => whosaidOutput(archive, request, style);
  if (command === 'quotes') return (request, style) => quotesOutput(archive, request, style);
  return async ({ text, flags }, style) => askOutput(text, await archive.ask(askQuery(text, flags)), style);
}

/** Answers one request, with an engine's handler or PostgreSQL's `ask`. */
type Answer = (request: CliRequest, style: TextStyle) => CliOutput | CliBadInput | Promise<CliOutput | CliBadInput>;

async function runOne(invocation: CliInvocation, line: string | null, io: CliIo, answer: Answer): Promise<number> {
  let request: CliRequest;
  try {
    request = line === null ? { text: invocation.text, flags: invocation.flags } : batchRequest(invocation.command, line, invocation.flags);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return reportBad(invocation, line ?? '', { code: 'bad-query', message: error.message, hints: [] }, io);
  }
  const output = await answer(request, io.isTTY ? ANSI : PLAIN);
  if ('bad' in output) return reportBad(invocation, request.text, output.bad, io);
  // JSON keeps the verbatim text; a person's terminal gets it without bidi overrides or control characters.
  io.stdout(invocation.flags.json ? JSON.stringify(output.json, null, invocation.flags.batch ? undefined : 2) : terminalSafe(output.text));
  return 0;
}

/** A run that cannot start: the message on stderr (and as `{"error"}` on stdout with `--json`), status 2. */
function fail(io: CliIo, json: boolean, code: FailureCode, message: string, more = ''): number {
  io.stderr(`error: ${terminalSafe(message)}${more}`);
  if (json) io.stdout(JSON.stringify({ error: { code, message } }));
  return 2;
}

/**
 * Reports bad input on stderr and, with `--json`, as `{"input", "error": {"code", "message"}}` on stdout. A bad line of
 * a batch is answered on its own line and the batch goes on with status 0 (CONTRACTS §2); a single request's is status 2.
 */
function reportBad(invocation: CliInvocation, input: string, bad: CliFailure, io: CliIo): number {
  const text = renderFailureText(bad, cliOptionName);
  io.stderr(`error: ${terminalSafe(text)}`);
  if (invocation.flags.json) io.stdout(JSON.stringify({ input, error: { code: bad.code, message: renderFailureText({ ...bad, hints: [] }, cliOptionName) } }));
  return invocation.flags.batch ? 0 : 2;
}

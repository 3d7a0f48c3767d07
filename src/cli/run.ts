import { existsSync, readFileSync, statSync } from 'node:fs';
import { terminalSafe } from '../render/terminal.js';
import { ANSI, PLAIN, renderFailureText } from '../render/text.js';
import type { FailureCode } from '../engine/index.js';
import type { ArchiveService } from '../engine/summary/service.js';
import { openArchive } from '../openArchive.js';
import { READER_LIMITS, createPool } from '../pg/pool.js';
import { type CliInvocation, USAGE, UsageError, batchRequest, cliOptionName, parseCommandLine } from './args.js';
import { runFeedsCli } from './feeds.js';
import type { CliIo } from './io.js';

export type { CliIo } from './io.js';
import { type CliFailure, type CliRequest, HANDLERS } from './handlers.js';

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
  const { search } = await openArchive({ corpusDir, cacheDir: io.env.INDEX_CACHE_DIR || '.cache' }, io.logger);
  return runAll(invocation, lines, io, search);
}

/**
 * The command on the PostgreSQL archive `DATABASE_URL` names (no corpus is loaded); a database that
 * cannot be reached, or fails while answering, ends the run with status 2.
 */
async function runOnPostgres(url: string, invocation: CliInvocation, lines: string[] | null, io: CliIo): Promise<number> {
  const pool = createPool(url, io.logger, 1, READER_LIMITS);
  try {
    const { search } = await openArchive({ pool }, io.logger);
    return await runAll(invocation, lines, io, search);
  } catch (error) {
    return fail(io, invocation.flags.json, 'corpus-invalid', `the PostgreSQL archive is unavailable: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await pool.end();
  }
}

/** Answers the request, or each line of the batch, from `search`: the worst line's status. */
async function runAll(invocation: CliInvocation, lines: string[] | null, io: CliIo, search: ArchiveService): Promise<number> {
  let status = 0;
  for (const line of lines ?? [null]) status = Math.max(status, await runOne(invocation, line, io, search));
  return status;
}

async function runOne(invocation: CliInvocation, line: string | null, io: CliIo, search: ArchiveService): Promise<number> {
  let request: CliRequest;
  try {
    request = line === null ? { text: invocation.text, flags: invocation.flags } : batchRequest(invocation.command, line, invocation.flags);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return reportBad(invocation, line ?? '', { code: 'bad-query', message: error.message, hints: [] }, io);
  }
  const output = await HANDLERS[invocation.command](search, request, io.isTTY ? ANSI : PLAIN);
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

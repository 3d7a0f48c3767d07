import { existsSync, readFileSync, statSync } from 'node:fs';
import { type Engine, type Logger, createEngine } from '../engine/engine.js';
import { ANSI, PLAIN, renderFailureText } from '../render/text.js';
import { failure, type Failure } from '../engine/index.js';
import { type CliInvocation, USAGE, UsageError, batchRequest, parseCommandLine } from './args.js';
import { type CliRequest, HANDLERS } from './handlers.js';

/** Where the CLI writes and what it runs with (injected so tests run it in-process). */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  isTTY: boolean;
  logger: Logger;
}

/** Runs one command line and returns the exit status: 0 success (also no results), 2 bad input or unreadable corpus. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(USAGE);
    return 0;
  }
  let invocation: CliInvocation;
  try {
    invocation = parseCommandLine(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`error: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  const { flags } = invocation;
  let lines: string[] | null = null;
  if (flags.batch) {
    try {
      lines = readFileSync(flags.batch, 'utf8').split(/\r?\n/).filter((l) => l.trim());
    } catch (error) {
      io.stderr(`error: cannot read the batch file ${flags.batch}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      return 2;
    }
  }
  const corpusDir = flags.corpus ?? io.env.CORPUS_DIR ?? 'corpus';
  if (!existsSync(corpusDir) || !statSync(corpusDir).isDirectory()) {
    io.stderr(`error: the corpus folder "${corpusDir}" does not exist`);
    return 2;
  }
  const engine = await createEngine({ corpusDir, cacheDir: io.env.INDEX_CACHE_DIR || '.cache', logger: io.logger });
  let status = 0;
  for (const line of lines ?? [null]) status = Math.max(status, runOne(engine, invocation, line, io));
  return status;
}

function runOne(engine: Engine, invocation: CliInvocation, line: string | null, io: CliIo): number {
  let request: CliRequest;
  try {
    request = line === null ? { text: invocation.text, flags: invocation.flags } : batchRequest(invocation.command, line, invocation.flags);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return reportBad(invocation, line ?? '', failure('bad-query', error.message), io);
  }
  const output = HANDLERS[invocation.command](engine, request, io.isTTY ? ANSI : PLAIN);
  if ('bad' in output) return reportBad(invocation, request.text, output.bad, io);
  io.stdout(invocation.flags.json ? JSON.stringify(output.json, null, invocation.flags.batch ? undefined : 2) : output.text);
  return 0;
}

function reportBad(invocation: CliInvocation, input: string, bad: Failure, io: CliIo): number {
  io.stderr(`error: ${renderFailureText(bad)}`);
  if (invocation.flags.json && invocation.flags.batch) io.stdout(JSON.stringify({ input, error: { code: bad.code, message: bad.message } }));
  return 2;
}

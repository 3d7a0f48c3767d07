/** `cli feeds fetch [URL] [--source S] [--lang L]`: fetches the followed feeds (or one URL) once, printing progress. */
import { existsSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createFetcher } from '../feeds/fetcher.js';
import { FeedListError, FeedSpec } from '../feeds/feedList.js';
import type { FeedReport } from '../feeds/ingest.js';
import { createFeedService } from '../feeds/service.js';
import { terminalSafe } from '../render/terminal.js';
import type { CliIo } from './io.js';

/** Usage of the feeds commands, printed after a usage error. */
const FEEDS_USAGE = `Usage: npm run --silent cli -- feeds fetch [URL] [--source NAME] [--lang CODE] [--corpus DIR] [--json]
  Fetches every feed in <corpus>/feeds.yaml once (or only URL, followed or not) and writes new articles
  under <corpus>/feeds/. Progress goes to stdout (stderr with --json, whose stdout is one JSON document).`;

const FeedsFlags = z.object({
  json: z.boolean().default(false),
  corpus: z.string().min(1, 'a folder').optional(),
  source: FeedSpec.shape.source.optional(),
  lang: FeedSpec.shape.lang,
});

/** One line of progress per fetch. */
function reportLine(report: FeedReport): string {
  if (report.outcome === 'error') return `✗ ${report.url}: ${report.error}`;
  if (report.outcome === 'not-modified') return `· ${report.url}: not modified since the last fetch`;
  const partial = report.partial ? ` (${report.partial} from the feed's text only: page not readable)` : '';
  return `✓ ${report.url}: ${report.items} items, ${report.added} new, ${report.updated} updated, ${report.duplicates} duplicates${partial}`;
}

/** Runs `feeds <subcommand> …`; returns the exit status: 0 done, 1 when a feed failed (its status says why), 2 bad input. */
export async function runFeedsCli(argv: string[], io: CliIo): Promise<number> {
  const usage = (message: string) => {
    io.stderr(`error: ${terminalSafe(message)}\n\n${FEEDS_USAGE}`);
    return 2;
  };
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(FEEDS_USAGE);
    return 0;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { json: { type: 'boolean' }, corpus: { type: 'string' }, source: { type: 'string' }, lang: { type: 'string' } } });
  } catch (error) {
    return usage((error as Error).message);
  }
  const [sub, url, ...extra] = parsed.positionals;
  if (sub !== 'fetch') return usage(sub ? `unknown feeds command "${sub}"; expected fetch` : 'feeds needs a command: fetch');
  if (extra.length) return usage(`unexpected words after the URL: ${extra.join(' ')}`);
  const flags = FeedsFlags.safeParse(parsed.values);
  if (!flags.success) {
    const issue = flags.error.issues[0]!;
    return usage(`--${issue.path.join('.')}: ${issue.message}`);
  }
  if (url !== undefined && !FeedSpec.shape.url.safeParse(url).success) return usage(`not an http:// or https:// URL: ${url}`);
  const corpusDir = flags.data.corpus ?? io.env.CORPUS_DIR ?? 'corpus';
  if (!existsSync(corpusDir) || !statSync(corpusDir).isDirectory()) return usage(`the corpus folder "${corpusDir}" does not exist`);
  const progress = flags.data.json ? io.stderr : io.stdout;
  const fetcher = createFetcher({ allowPrivate: io.env.FEEDS_ALLOW_PRIVATE === 'true' });
  const service = createFeedService({
    corpusDir,
    fetcher,
    logger: io.logger,
    onArticle: (title, kind, partial) => progress(terminalSafe(`  ${kind === 'added' ? '+' : '~'} ${title}${partial ? ' (partial)' : ''}`)),
  });
  let reports: FeedReport[];
  try {
    const ad = { ...(flags.data.source ? { source: flags.data.source } : {}), ...(flags.data.lang ? { lang: flags.data.lang } : {}) };
    if (!url) progress('Fetching the feeds of feeds.yaml…');
    reports = await service.fetchNow(url, ad);
  } catch (error) {
    if (!(error instanceof FeedListError)) throw error;
    return usage(error.message);
  }
  for (const report of reports) progress(terminalSafe(reportLine(report)));
  if (!reports.length) progress('No feed to fetch: list feeds in feeds.yaml (see the README, "Following news feeds") or give a URL.');
  if (flags.data.json) io.stdout(JSON.stringify({ feeds: reports }, null, 2));
  return reports.some((r) => r.outcome === 'error') ? 1 : 0;
}

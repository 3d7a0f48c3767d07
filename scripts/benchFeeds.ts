/**
 * `npm run bench:feeds`: what following FEEDS feeds costs the bot. A child process serves them on 127.0.0.1 (every
 * feed on one host, so the per-host spacing is set to 0 here; real feeds live on many hosts). Measured in this process
 * with process.cpuUsage: the first fetch of everything (pages read, articles written), a poll where nothing changed
 * (304s), a poll after one new item per feed, and the poller's idle ticks. The steady cost is a 10-minute cycle
 * (one poll with one new item per feed) plus 600 s of ticks, as a share of one core.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { silentLogger } from '../src/engine/index.js';
import { createFetcher } from '../src/feeds/fetcher.js';
import { createFeedService } from '../src/feeds/service.js';

const FEEDS = Number(process.env.FEEDS ?? 200);
const CYCLE_S = 600;
const IDLE_SAMPLE_MS = 10_000;

/** CPU seconds (user + system) this process spends in `work`. */
async function cpuOf(work: () => Promise<unknown>): Promise<number> {
  const before = process.cpuUsage();
  await work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1e6;
}

async function main(): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/benchFeeds/server.ts'], { env: { ...process.env, FEEDS: String(FEEDS) }, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
  const origin = `http://127.0.0.1:${port}`;
  const corpus = mkdtempSync(join(tmpdir(), 'bench-feeds-'));
  try {
    writeFileSync(join(corpus, 'feeds.yaml'), `feeds:\n${Array.from({ length: FEEDS }, (_, n) => `  - url: ${origin}/feed/${n}.xml\n    source: Site ${n}\n    lang: ar\n`).join('')}`);
    const service = createFeedService({ corpusDir: corpus, fetcher: createFetcher({ allowPrivate: true, hostSpacingMs: 0 }), logger: silentLogger });
    const fetchAll = async () => {
      const reports = await service.fetchNow();
      return reports.reduce((sum, r) => sum + r.added, 0);
    };
    let added = 0;
    const cold = await cpuOf(async () => (added = await fetchAll()));
    console.log(`first fetch of ${FEEDS} feeds, ${added} articles: ${cold.toFixed(2)} CPU s`);
    const unchanged = await cpuOf(fetchAll);
    console.log(`a poll where nothing changed (304s): ${unchanged.toFixed(3)} CPU s`);
    await fetch(`${origin}/publish`, { method: 'POST' });
    const churn = await cpuOf(async () => (added = await fetchAll()));
    console.log(`a poll with one new item per feed (${added} articles): ${churn.toFixed(3)} CPU s`);
    // Idle: the poller running with every feed fetched and not due for 10 minutes.
    service.start();
    const idle = await cpuOf(() => new Promise((resolve) => setTimeout(resolve, IDLE_SAMPLE_MS)));
    await service.stop();
    const tickPerSecond = idle / (IDLE_SAMPLE_MS / 1000);
    console.log(`idle poller: ${(tickPerSecond * 1000).toFixed(2)} CPU ms a second`);
    const share = (churn + tickPerSecond * CYCLE_S) / CYCLE_S;
    console.log(`steady cost, every feed polled every 10 min with one new item each time: ${(share * 100).toFixed(2)}% of one core`);
  } finally {
    child.kill();
    rmSync(corpus, { recursive: true, force: true });
  }
}

await main();

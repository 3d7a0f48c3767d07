/**
 * `npm run bench:discord`: /ask interactions pushed by the fake Discord over the gateway to the real bot process
 * (`src/main.ts`), answered over REST, 50 in flight. Default: 1,000 headline questions on the ANT corpus;
 * `--quick`: 200 on the seed corpus. Prints the figures and writes them into bench/discord.md.
 *
 * Flags: --quick, --count N, --concurrency N, --max-concurrent N (the bot's MAX_CONCURRENT_COMMANDS, default its own),
 * --timeout-s N (per interaction, default 60), --ready-timeout-min N (start-up incl. index build, default 30).
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { loadCorpus } from '../src/engine/corpus/index.js';
import { ROOT, startBot } from '../test/discord/botProcess.js';
import { startFakeDiscord, type RecordedRequest, type SentInteraction } from '../test/support/fakeDiscord.js';
import { parseArgs } from './benchDiscord/args.js';
import { outcomeOf, visible } from './benchDiscord/outcomes.js';
import { render, save, sectionKey } from './benchDiscord/report.js';

const ANT = join(ROOT, '../shared/eval/news/ant-2018-multisource.jsonl.gz');
const WORK = join(ROOT, '.cache/bench-discord');
const ARTICLES_PER_FILE = 8000;

/** The corpus folder, a persistent index cache (the first run builds it), and the questions: the corpus's headlines. */
async function prepare(quick: boolean): Promise<{ label: string; corpusDir: string; cacheDir: string; questions: string[] }> {
  if (quick) {
    const corpusDir = join(ROOT, 'corpus');
    const { articles } = await loadCorpus(corpusDir);
    // The seed has few articles: its headlines, then the opening words of each paragraph.
    const openings = articles.flatMap((a) => a.body.split(/\n\s*\n/).map((p) => p.split(/\s+/).slice(0, 8).join(' ')));
    const questions = [...articles.map((a) => a.title), ...openings].filter((q) => q.trim().length >= 2).map((q) => q.slice(0, 300));
    return { label: 'seed corpus (`corpus/`)', corpusDir, cacheDir: join(WORK, 'seed-index'), questions };
  }
  // Files of 8,000 articles each, well under the loader's per-file size limit.
  const corpusDir = join(WORK, 'ant-corpus');
  const done = join(corpusDir, '.complete');
  if (!existsSync(done)) {
    rmSync(corpusDir, { recursive: true, force: true });
    mkdirSync(corpusDir, { recursive: true });
    const lines = gunzipSync(readFileSync(ANT)).toString('utf8').split('\n').filter((l) => l.trim());
    for (let i = 0; i * ARTICLES_PER_FILE < lines.length; i++) {
      const part = lines.slice(i * ARTICLES_PER_FILE, (i + 1) * ARTICLES_PER_FILE);
      writeFileSync(join(corpusDir, `ant-2018-multisource-${String(i + 1).padStart(2, '0')}.jsonl`), `${part.join('\n')}\n`);
    }
    writeFileSync(done, '');
  }
  const titles = readdirSync(corpusDir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .flatMap((f) => readFileSync(join(corpusDir, f), 'utf8').split('\n'))
    .flatMap((line) => (line.trim() ? [String((JSON.parse(line) as { title?: unknown }).title ?? '')] : []))
    .filter((t) => t.trim().length >= 2)
    .map((t) => t.slice(0, 300));
  return { label: 'ANT 2018 multisource (`../shared/eval/news/ant-2018-multisource.jsonl.gz`)', corpusDir, cacheDir: join(WORK, 'ant-index'), questions: shuffled(titles, 7) };
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let a = seed >>> 0;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** What became of one interaction. */

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const { label, corpusDir, cacheDir, questions } = await prepare(args.quick);
  const fake = await startFakeDiscord();
  const env: Record<string, string> = { RATE_LIMIT_PER_MINUTE: '20' };
  if (args.maxConcurrent) env.MAX_CONCURRENT_COMMANDS = String(args.maxConcurrent);
  process.stderr.write(`bench:discord: starting the bot on ${label} (the first run builds the index)…\n`);
  const startedAt = performance.now();
  const bot = await startBot(fake, { corpusDir, cacheDir, env, readyTimeoutMs: args.readyTimeoutMs, nodeArgs: ['--max-old-space-size=12288', ...(process.env.BENCH_BOT_NODE_ARGS?.split(' ').filter(Boolean) ?? [])] });
  const startupMs = performance.now() - startedAt;
  const archive = JSON.parse(bot.logs().split('\n').find((l) => l.includes('"msg":"archive ready"')) ?? '{}') as Record<string, unknown>;
  try {
    const sent: SentInteraction[] = [];
    let next = 0;
    const loadBefore = loadavg()[0]!;
    const began = performance.now();
    const worker = async () => {
      while (next < args.count) {
        const i = next++;
        // 500 users, so the per-user rate limit (20 a minute) is not what is measured.
        const user = { id: String(320000000000000000n + BigInt(i % 500)), username: `bench${i % 500}` };
        const interaction = fake.sendSlashCommand({ name: 'ask', options: { question: questions[i % questions.length]! }, user });
        sent.push(interaction);
        await visible(fake, interaction.id, args.timeoutMs);
        if ((i + 1) % 100 === 0) process.stderr.write(`  ${i + 1}/${args.count}\n`);
      }
    };
    await Promise.all(Array.from({ length: args.concurrency }, worker));
    const wallMs = performance.now() - began;
    await new Promise((r) => setTimeout(r, 2000)); // late duplicates would show up now
    const byInteraction = new Map<string, RecordedRequest[]>();
    for (const r of fake.requests) if (r.interactionId) byInteraction.set(r.interactionId, [...(byInteraction.get(r.interactionId) ?? []), r]);
    const outcomes = sent.map((s) => outcomeOf(fake, s, byInteraction.get(s.id) ?? []));
    const count = (pattern: RegExp) => (bot.logs().match(pattern) ?? []).length;
    const dump = outcomes.map((o, i) => ({ sentAt: Math.round(sent[i]!.time), ...o }));
    writeFileSync(join(WORK, `outcomes-${sectionKey(args).replace(/[ =]/g, '-')}.json`), JSON.stringify(dump));
    const exit = await bot.stop('SIGTERM', 30_000);
    writeFileSync(join(WORK, `bot-${sectionKey(args).replace(/[ =]/g, '-')}.log`), bot.logs() + bot.output());
    const report = render({ args, label, archive, startupMs, wallMs, outcomes, exit, failedLogs: count(/"msg":"command failed"/g), expiredLogs: count(/"msg":"interaction expired/g), loadBefore });
    process.stdout.write(`${report}\n`);
    save(sectionKey(args), report);
  } finally {
    await bot.stop('SIGKILL');
    await fake.stop();
  }
}

await main();

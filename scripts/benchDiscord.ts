/**
 * `npm run bench:discord`: /ask interactions pushed by the fake Discord over the gateway to the real bot process
 * (`src/main.ts`), answered over REST, 50 in flight. Default: 1,000 headline questions on the ANT corpus;
 * `--quick`: 200 on the seed corpus. Prints the figures and writes them into bench/discord.md.
 *
 * Flags: --quick, --count N, --concurrency N, --max-concurrent N (the bot's MAX_CONCURRENT_COMMANDS, default its own),
 * --timeout-s N (per interaction, default 60), --ready-timeout-min N (start-up incl. index build, default 30).
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { loadCorpus } from '../src/engine/corpus/index.js';
import { ROOT, startBot } from '../test/discord/botProcess.js';
import { startFakeDiscord, type FakeDiscord, type RecordedRequest, type SentInteraction } from '../test/support/fakeDiscord.js';

interface Args {
  quick: boolean;
  count: number;
  concurrency: number;
  maxConcurrent?: number;
  timeoutMs: number;
  readyTimeoutMs: number;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { quick: false, count: 0, concurrency: 50, timeoutMs: 60_000, readyTimeoutMs: 30 * 60_000 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const number = () => {
      const n = Number(argv[++i]);
      if (!(n > 0)) throw new Error(`${flag} needs a positive number`);
      return n;
    };
    if (flag === '--quick') args.quick = true;
    else if (flag === '--count') args.count = number();
    else if (flag === '--concurrency') args.concurrency = number();
    else if (flag === '--max-concurrent') args.maxConcurrent = number();
    else if (flag === '--timeout-s') args.timeoutMs = number() * 1000;
    else if (flag === '--ready-timeout-min') args.readyTimeoutMs = number() * 60_000;
    else throw new Error(`unknown flag ${flag} (see the comment at the top of scripts/benchDiscord.ts)`);
  }
  args.count ||= args.quick ? 200 : 1000;
  return args;
}

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
  // The loader refuses .jsonl files over 50 MB: the corpus is written as files of 8,000 articles.
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
interface Outcome {
  kind: 'answer' | 'busy' | 'slow-down' | 'error' | 'lost';
  /** The text of an error reply, for the breakdown. */
  error?: string;
  ackMs?: number;
  finalMs?: number;
  duplicated: boolean;
  lateCallback: boolean;
}

const isAccepted = (r: RecordedRequest) => r.status < 300;
/** Requests that make a message visible: an immediate reply or update, the edit of `@original`, a follow-up. */
function showsMessage(r: RecordedRequest): boolean {
  if (r.path.endsWith('/callback')) return [4, 7].includes((r.body as { type?: number } | undefined)?.type ?? 0);
  return (r.method === 'PATCH' && r.path.endsWith('/messages/@original')) || (r.method === 'POST' && r.path.startsWith('/webhooks/'));
}

function outcomeOf(fake: FakeDiscord, sent: SentInteraction, requests: RecordedRequest[]): Outcome {
  const callbacks = requests.filter((r) => r.path.endsWith('/callback'));
  const first = callbacks[0];
  const shown = requests.find((r) => showsMessage(r) && isAccepted(r));
  const messages = fake.messagesFor(sent.id);
  // A second callback attempt that Discord refused (e.g. an apology after the deadline) shows nothing: not a duplicate.
  const duplicated = messages.length > 1 || callbacks.filter(isAccepted).length > 1;
  const lateCallback = first !== undefined && !isAccepted(first);
  const base = { duplicated, lateCallback, ...(first && isAccepted(first) && { ackMs: first.time - sent.time }), ...(shown && { finalMs: shown.time - sent.time }) };
  const [message] = messages;
  if (!message || lateCallback) return { ...base, kind: 'lost' };
  const ephemeral = Boolean((message.flags ?? 0) & 64);
  if (!ephemeral && message.embeds.length > 0) return { ...base, kind: 'answer' };
  if (/busy/i.test(message.content)) return { ...base, kind: 'busy' };
  if (/slow down/i.test(message.content)) return { ...base, kind: 'slow-down' };
  return { ...base, kind: 'error', error: message.content.split('\n')[0]!.slice(0, 80) };
}

async function visible(fake: FakeDiscord, id: string, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (fake.messagesFor(id).length === 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 5));
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN);
const ms = (x: number) => (Number.isNaN(x) ? '—' : `${Math.round(x)}`);

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

interface Figures {
  args: Args;
  label: string;
  archive: Record<string, unknown>;
  startupMs: number;
  wallMs: number;
  outcomes: Outcome[];
  exit: { code: number | null; signal: string | null };
  failedLogs: number;
  expiredLogs: number;
  loadBefore: number;
}

function commandFlags(args: Args): string {
  const flags = sectionKey(args).split(' ').slice(1).map((f) => `--${f.replace('=', ' ')}`);
  const all = [...(args.quick ? ['--quick'] : []), ...flags];
  return all.length ? ` -- ${all.join(' ')}` : '';
}

function render(f: Figures): string {
  const count = (kind: Outcome['kind']) => f.outcomes.filter((o) => o.kind === kind).length;
  const sorted = (values: Array<number | undefined>) => values.filter((v): v is number => v !== undefined).sort((a, b) => a - b);
  const acks = sorted(f.outcomes.map((o) => o.ackMs));
  const finals = sorted(f.outcomes.map((o) => o.finalMs));
  const answers = sorted(f.outcomes.filter((o) => o.kind === 'answer').map((o) => o.finalMs));
  const row = (name: string, values: number[]) => `| ${name} | ${values.length} | ${ms(percentile(values, 50))} | ${ms(percentile(values, 99))} | ${ms(values.at(-1) ?? NaN)} |`;
  const cpu = cpus();
  const errors = new Map<string, number>();
  for (const o of f.outcomes) if (o.error) errors.set(o.error, (errors.get(o.error) ?? 0) + 1);
  const errorList = [...errors].map(([text, n]) => `${n} × “${text}”`).join('; ');
  return [
    `### \`npm run bench:discord${commandFlags(f.args)}\``,
    '',
    `${new Date().toISOString().slice(0, 10)}, ${cpu.length} × ${cpu[0]?.model.trim() ?? 'CPU'}, ${Math.round(totalmem() / 1024 ** 3)} GB, Node ${process.version}, ` +
      `load average ${f.loadBefore.toFixed(1)} before the run and ${loadavg()[0]!.toFixed(1)} after (other processes share the machine). ` +
      `Corpus: ${f.label}, ${f.archive.articles ?? '?'} articles, ${f.archive.passages ?? '?'} passages (index from ${f.archive.origin ?? '?'}; bot ready after ${(f.startupMs / 1000).toFixed(1)} s). ` +
      `${f.outcomes.length} /ask interactions, ${f.args.concurrency} in flight, headline questions, 500 users; bot MAX_CONCURRENT_COMMANDS ${f.args.maxConcurrent ?? 'default (8)'}, RATE_LIMIT_PER_MINUTE 20. ` +
      `Wall time ${(f.wallMs / 1000).toFixed(1)} s (${(f.outcomes.length / (f.wallMs / 1000)).toFixed(1)} interactions/s).`,
    '',
    '| ms from dispatch | n | p50 | p99 | max |',
    '| --- | --- | --- | --- | --- |',
    row('acknowledgement (first callback)', acks),
    row(`acknowledgement after the opening burst of ${f.args.concurrency}`, sorted(f.outcomes.slice(f.args.concurrency).map((o) => o.ackMs))),
    row('final reply, all outcomes', finals),
    row('final reply, answers only', answers),
    '',
    `Outcomes: ${count('answer')} answered, ${count('busy')} told busy, ${count('slow-down')} told to slow down, ${count('error')} errors, ` +
      `**${count('lost')} lost** (${f.outcomes.filter((o) => o.lateCallback).length} acknowledged after Discord's 3 s), ` +
      `**${f.outcomes.filter((o) => o.duplicated).length} duplicated**; ${f.failedLogs} "command failed" and ${f.expiredLogs} "interaction expired" log lines; ` +
      `SIGTERM afterwards: exit ${f.exit.code ?? f.exit.signal}.${errorList ? ` Errors: ${errorList}.` : ''}`,
  ].join('\n');
}

/** The section of bench/discord.md a run fills: its mode and any non-default flags. */
function sectionKey(args: Args): string {
  const flags = [
    args.count !== (args.quick ? 200 : 1000) && `count=${args.count}`,
    args.concurrency !== 50 && `concurrency=${args.concurrency}`,
    args.maxConcurrent !== undefined && `max-concurrent=${args.maxConcurrent}`,
  ].filter(Boolean);
  return [args.quick ? 'quick' : 'full', ...flags].join(' ');
}

/** Replaces this run's section of bench/discord.md (see `sectionKey`), keeping the others. */
function save(mode: string, report: string): void {
  const file = join(ROOT, 'bench/discord.md');
  const open = `<!-- ${mode} -->`;
  const close = `<!-- /${mode} -->`;
  const header = [
    '# Benchmark: /ask through Discord\'s protocol',
    '',
    'The fake Discord (`test/support/fakeDiscord.ts`) pushes `/ask` interactions over its gateway to the real bot process',
    '(`src/main.ts` with a token, `DISCORD_API_URL` pointing at the fake) and records every REST call with its arrival time.',
    'Acknowledgement: the first interaction callback (a deferral or an immediate reply). Final reply: the first request that',
    'made a message visible. Lost: no visible message, or a callback after the 3 s deadline. Duplicated: more than one',
    'accepted callback or visible message for one interaction. Reproduce with `npm run bench:discord` (ANT corpus) or',
    '`-- --quick`. The first ANT run splits the corpus into `.cache/bench-discord/` and builds the index (4–10 min here);',
    'later runs load the cached index (about 35 s).',
    '',
  ].join('\n');
  let text = existsSync(file) ? readFileSync(file, 'utf8') : header;
  const block = `${open}\n${report}\n${close}`;
  const at = text.indexOf(open);
  const end = text.indexOf(close);
  text = at >= 0 && end > at ? text.slice(0, at) + block + text.slice(end + close.length) : `${text.trimEnd()}\n\n${block}\n`;
  mkdirSync(join(ROOT, 'bench'), { recursive: true });
  writeFileSync(file, text);
}

await main();

/** The figures of a run as markdown, printed and kept in bench/discord.md. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../../test/discord/botProcess.js';
import type { Args } from './args.js';
import { type Outcome, ms, percentile } from './outcomes.js';

/** Everything a report is made of. */
export interface Figures {
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

/** The run's section: settings, latency table, outcomes. */
export function render(f: Figures): string {
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
export function sectionKey(args: Args): string {
  const flags = [
    args.count !== (args.quick ? 200 : 1000) && `count=${args.count}`,
    args.concurrency !== 50 && `concurrency=${args.concurrency}`,
    args.maxConcurrent !== undefined && `max-concurrent=${args.maxConcurrent}`,
  ].filter(Boolean);
  return [args.quick ? 'quick' : 'full', ...flags].join(' ');
}

/** Replaces this run's section of bench/discord.md (see `sectionKey`), keeping the others. */
export function save(mode: string, report: string): void {
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

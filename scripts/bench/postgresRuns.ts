/** `npm run bench -- --backend postgres`: scripts/bench/postgres.ts at each size, written to postgres.json and postgres.md. */
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { LatencySummary } from './measure.js';

const RUN = fileURLToPath(new URL('./postgres.ts', import.meta.url));

/** What one size's run reports (see postgres.ts). */
interface PostgresFigures {
  articles: number;
  passages: number;
  ingestS: number;
  ingestRate: number;
  databaseMb: number;
  ask: LatencySummary;
  botRssMb: number;
  botPeakRssMb: number;
}

/** Runs each size in its own process, one after the other, and writes the results to `outDir`. */
export async function benchPostgres(sizes: ReadonlyArray<{ size: number; corpusDir: string }>, questionsFile: string, outDir: string, env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<void> {
  const rows: Array<{ size: number; figures?: PostgresFigures; error?: string }> = [];
  for (const { size, corpusDir } of sizes) {
    log(`${size} PostgreSQL…`);
    try {
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', RUN, 'run', corpusDir, questionsFile], { env, maxBuffer: 1 << 20 });
      const figures = JSON.parse(stdout.trim().split('\n').at(-1)!) as PostgresFigures;
      log(`${size} PostgreSQL: ${JSON.stringify(figures)}`);
      rows.push({ size, figures });
    } catch (error) {
      log(`${size} PostgreSQL failed: ${error instanceof Error ? error.message : String(error)}`);
      rows.push({ size, error: error instanceof Error ? error.message.split('\n')[0]! : String(error) });
    }
  }
  const dir = resolve(outDir);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'postgres.json'), `${JSON.stringify({ date: new Date().toISOString(), rows }, null, 2)}\n`);
  const table = [
    '| articles | passages | ingest (articles/s) | /ask p50 | /ask p99 | bot RSS | database |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(({ size, figures: f, error }) =>
      f ? `| ${size.toLocaleString('en')} | ${f.passages.toLocaleString('en')} | ${f.ingestRate} | ${f.ask.p50} ms | ${f.ask.p99} ms | ${f.botRssMb} MB | ${f.databaseMb} MB |` : `| ${size.toLocaleString('en')} | failed: ${error} | | | | | |`,
    ),
  ];
  writeFileSync(join(dir, 'postgres.md'), `${table.join('\n')}\n`);
  log(`wrote ${join(outDir, 'postgres.json')} and postgres.md`);
}

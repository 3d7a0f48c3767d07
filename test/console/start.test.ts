/**
 * `npm start` without DISCORD_TOKEN (issue 20 §3): the local console on a developer's machine or with commands
 * piped in, a configuration error in production (NODE_ENV=production, no terminal) instead of a silent exit 0.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, removeDir } from '../discord/botProcess.js';

const cacheDir = mkdtempSync(join(tmpdir(), 'start-cache-'));
afterAll(() => removeDir(cacheDir));

/** `node --import tsx src/main.ts` (what `npm start` runs) with `env` and no token, `input` on stdin. */
function npmStart(command: string[], env: Record<string, string>, input: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(command[0]!, command.slice(1), {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DISCORD_TOKEN: '', NODE_ENV: '', CORPUS_DIR: 'corpus', INDEX_CACHE_DIR: cacheDir, ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdin.end(input);
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}
const MAIN = [process.execPath, '--import', 'tsx', 'src/main.ts'];
const QUESTION = '/ask التعاون العسكري بين إيران وروسيا\n';
/** util-linux `script`, to run the entry point at a pseudo-terminal as `docker run -it` does. */
const hasScript = process.platform === 'linux' && spawnSync('script', ['--version']).status === 0;

describe('npm start without DISCORD_TOKEN', () => {
  it('in production with no terminal is a configuration error naming DISCORD_TOKEN, exit 2', { timeout: 60_000 }, async () => {
    const run = await npmStart(MAIN, { NODE_ENV: 'production' }, QUESTION);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: DISCORD_TOKEN: not set/);
    expect(run.stdout).toBe('');
  });

  it('outside production answers commands piped into the console, exit 0', { timeout: 60_000 }, async () => {
    const run = await npmStart(MAIN, {}, QUESTION);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('ينمو ويتسع');
    expect(run.stderr).not.toContain('DISCORD_TOKEN');
  });

  it.runIf(hasScript)('in production at a terminal (docker run -it) opens the console', { timeout: 60_000 }, async () => {
    const inner = MAIN.map((arg) => `'${arg}'`).join(' ');
    const run = await npmStart(['script', '-qec', inner, '/dev/null'], { NODE_ENV: 'production' }, `${QUESTION}exit\n`);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('ينمو ويتسع');
    expect(run.stdout).not.toContain('DISCORD_TOKEN');
  });
});

import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const corpus = mkdtempSync(join(tmpdir(), 'console-watch-'));
const cache = mkdtempSync(join(tmpdir(), 'console-watch-cache-'));
cpSync('corpus', corpus, { recursive: true });
afterAll(() => [corpus, cache].forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('npm start without a token (the console), through the real entry point', () => {
  it('picks up a corpus file added while it runs, as the bot does', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { ...process.env, DISCORD_TOKEN: '', CORPUS_DIR: corpus, INDEX_CACHE_DIR: cache, LOG_LEVEL: 'warn' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let printed = '';
    child.stdout.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    try {
      await until(() => printed.includes('News archive console'), 30_000);
      writeFileSync(
        join(corpus, 'saffron.json'),
        JSON.stringify({ title: 'حصاد الزعفران في خراسان', body: 'بدأ المزارعون في خراسان حصاد الزعفران هذا الأسبوع.', date: '2023-11-05', source: 'Reload Wire' }),
      );
      // Ask again every second until the watcher has swapped the new article in.
      await until(() => {
        child.stdin.write('/ask حصاد الزعفران\n');
        return printed.includes('Reload Wire');
      }, 30_000, 1000);
      expect(printed).toContain('حصاد الزعفران في خراسان');
    } finally {
      child.stdin.end('exit\n');
      child.kill();
    }
  });
});

/** Polls `probe` every `every` ms until it returns true; fails after `timeout` ms. */
async function until(probe: () => boolean, timeout: number, every = 100): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, every));
  }
}

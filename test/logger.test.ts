import { spawn } from 'node:child_process';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createLogger, scrub } from '../src/logger.js';

const TOKEN = 'MTAxNjYyNzM0NTY3ODkwMTIzNA.GhJkLm.abcdefghijklmnopqrstuvwxyz012345';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: createLogger('debug', { destination, secrets: [TOKEN] }) };
}

describe('createLogger', () => {
  it('never writes the bot token, whatever field or message carries it', async () => {
    const { lines, logger } = capture();
    logger.info({ token: TOKEN }, 'field');
    logger.info({ config: { DISCORD_TOKEN: TOKEN } }, 'nested field');
    logger.error({ err: new Error(`request failed with Authorization: Bot ${TOKEN}`) }, 'error message');
    logger.warn({ headers: { authorization: `Bot ${TOKEN}` } }, 'headers');
    logger.info({}, `in the message ${TOKEN}`);
    await new Promise((r) => setTimeout(r, 10));
    const all = lines.join('');
    expect(lines).toHaveLength(5);
    expect(all).not.toContain(TOKEN);
    expect(all).toContain('[redacted]');
  });

  it('writes every line, in order, to stderr before the process exits at once, even with the thread pool busy', async () => {
    // The pool's four threads busy hashing: a write queued behind them would land after the exit's lines, or never.
    const child = `
      import { pbkdf2 } from 'node:crypto';
      import { createLogger } from ${JSON.stringify(fileURLToPath(new URL('../src/logger.ts', import.meta.url)))};
      for (let i = 0; i < 4; i++) pbkdf2('password', 'salt', 300000, 64, 'sha512', () => {});
      const logger = createLogger('info');
      logger.warn({ code: 4004 }, 'gateway disconnected');
      logger.error({ exitCode: 2 }, 'set DISCORD_TOKEN');
      process.exit(2);`;
    const bot = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', child], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    bot.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const code = await new Promise((resolve) => bot.once('close', resolve));
    expect(code).toBe(2);
    expect(stderr.trim().split('\n').map((line) => (JSON.parse(line) as { msg: string }).msg)).toEqual(['gateway disconnected', 'set DISCORD_TOKEN']);
  });

  it('writes one JSON object per line with the level and message', async () => {
    const { lines, logger } = capture();
    logger.info({ requestId: 'r1', command: 'ask' }, 'command served');
    await new Promise((r) => setTimeout(r, 10));
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 30, requestId: 'r1', command: 'ask', msg: 'command served' });
  });
});

describe('scrub', () => {
  it('removes interaction and webhook tokens from Discord API URLs', () => {
    const url = 'PATCH /api/v10/webhooks/100000000000000001/aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1Njc4OnRva2Vu/messages/@original';
    expect(scrub(url, [])).toBe('PATCH /api/v10/webhooks/100000000000000001/[redacted]/messages/@original');
    expect(scrub('/interactions/123456789012345678/aW50ZXJhY3Rpb246dG9rZW4xMjM0NTY3/callback', [])).toBe('/interactions/123456789012345678/[redacted]/callback');
  });
});

describe('human log lines (the console on a terminal)', () => {
  it('writes level, message and fields for a person, still without the token', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger('info', { destination, secrets: [TOKEN], human: true });
    logger.warn({ problem: { file: 'feed.jsonl', line: 3, reason: 'date: is missing' } }, 'corpus record skipped');
    logger.error({ token: TOKEN, detail: `token ${TOKEN}` }, 'login failed');
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines[0]).toBe('warning: corpus record skipped (problem: {"file":"feed.jsonl","line":3,"reason":"date: is missing"})\n');
    expect(lines[1]).toMatch(/^error: login failed \(token: \[redacted\], detail: token \[redacted\]\)\n$/);
  });
});

import { Writable } from 'node:stream';
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

import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { quoteFilesNamed } from '../../scripts/evalQuotes.js';

describe('npm run eval', () => {
  it('says what data it needs and where, exit 2, when the development data is absent (no stack trace)', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/eval.ts'], { env: { ...process.env, EVAL_DIR: '/nonexistent/eval' }, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('npm run eval needs the development data: a folder /nonexistent/eval/');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    [['ask', '--backend', 'sqlite'], 'npm run eval: --backend: embedded or postgres'],
    [['asks'], 'npm run eval: part: ask, quotes or summaries'],
  ])('rejects %j with a message naming the flag, exit 2', (args, message) => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/eval.ts', ...args], { env: { ...process.env, EVAL_DIR: '.' }, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe(message);
  });

  it('scores the quotation files named by name or by path, and names the files when one is unknown, exit 2', () => {
    expect(quoteFilesNamed(['--errors', '../shared/eval/quotes/en_polnear_dev.jsonl', 'seed.jsonl'])).toEqual({ files: ['en_polnear_dev.jsonl', 'seed.jsonl'] });
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/evalQuotes.ts', 'dev_ant.jsonl', 'nope.jsonl'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe('scripts/evalQuotes.ts: no dev file nope.jsonl (the files: dev_ant.jsonl, dev_ant2.jsonl, dev_jawhara.jsonl, en_polnear_dev.jsonl, seed.jsonl)');
  });
});

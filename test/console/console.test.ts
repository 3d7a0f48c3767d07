import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConsoleLine } from '../../src/console/parse.js';
import { runConsole } from '../../src/console/console.js';
import { createEngine, type Engine } from '../../src/engine/index.js';
import { PLAIN } from '../../src/render/text.js';

describe('parseConsoleLine', () => {
  it.each([
    ['/ask question: التعاون العسكري', { name: 'ask', options: { question: 'التعاون العسكري' } }],
    ['/ask التعاون العسكري', { name: 'ask', options: { question: 'التعاون العسكري' } }],
    ['/ask question: قال: نعم source: Iran International from: 2021-10-01', { name: 'ask', options: { question: 'قال: نعم', source: 'Iran International', from: '2021-10-01' } }],
    ['ask التعاون to: 2021-12-31', { name: 'ask', options: { question: 'التعاون', to: '2021-12-31' } }],
    ['/help', { name: 'help', options: {} }],
    ['؟؟', null],
  ])('%s', (line, expected) => {
    expect(parseConsoleLine(line)).toEqual(expected);
  });
});

describe('runConsole', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createEngine({ corpusDir: 'corpus', cacheDir: null });
  });

  async function session(...lines: string[]): Promise<string> {
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk) => (printed += chunk));
    const done = runConsole(engine, { input, output, style: PLAIN, prompt: false });
    input.end(lines.join('\n') + '\n');
    await done;
    return printed;
  }

  it('answers /ask with the seed paragraph, source and date', async () => {
    const printed = await session('/ask التعاون العسكري بين إيران وروسيا');
    expect(printed).toContain('ينمو ويتسع');
    expect(printed).toContain('Iran International · 20 October 2021');
    expect(printed).toMatch(/1–3 of \d+/);
  });

  it('pages with next and prev', async () => {
    const printed = await session('/ask question: التعاون', 'next', 'prev');
    expect(printed).toMatch(/4–\d of \d+/);
    expect(printed.match(/1–3 of/g)).toHaveLength(2);
  });

  it('explains bad input instead of crashing', async () => {
    const printed = await session('/ask question: التعاون from: 2021-99-99', '/ask ؟', '/frob', 'next');
    expect(printed).toContain('is not a real calendar date');
    expect(printed).toContain('too short');
    expect(printed).toContain('Unknown command /frob');
  });
});

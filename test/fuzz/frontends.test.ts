import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCommandLine, UsageError } from '../../src/cli/args.js';
import { inert, quoteBlock, stripSpoofing, truncate } from '../../src/discord/format.js';
import { BIDI_CONTROLS, hostileText, shortText, timed } from './arbitraries.js';

fc.configureGlobal({ seed: 42, numRuns: 400 });

const ARGUMENT = fc.oneof(
  fc.constantFrom('ask', 'whosaid', 'quotes', 'summary', 'help', '--json', '--limit', '--limit=0', '--limit=1e3', '--sentences', '--sentences=11', '--batch', '--article', '--from', '--to', '--source', '--corpus', '--', '-', '-x', '--nope', '--json=true', '--limit=-1', '--limit= 5', '--limit=5.5'),
  shortText,
  fc.integer({ min: -5, max: 200 }).map(String),
);

describe('parseCommandLine', () => {
  it('parses any argv or throws a UsageError, never anything else', () => {
    fc.assert(
      fc.property(fc.array(ARGUMENT, { maxLength: 10 }), (argv) => {
        try {
          const invocation = timed(() => parseCommandLine(argv));
          expect(['ask', 'whosaid', 'quotes', 'summary']).toContain(invocation.command);
          if (invocation.flags.limit !== undefined) expect(invocation.flags.limit).toBeGreaterThanOrEqual(1);
        } catch (error) {
          if (!(error instanceof UsageError)) throw error;
          expect(error.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

/** Text with mentions hidden behind the characters `inert` removes or escapes. */
const mentionBait = fc
  .array(fc.oneof(fc.constantFrom('@everyone', '@here', '@', 'every', 'one', 'here', '<@', '123>', '\\', '_', '*', ...BIDI_CONTROLS), shortText), { maxLength: 20 })
  .map((parts) => parts.join(''));

/** What a reply shows at most: inert text longer than this is a caller's bug (see the known-bug cases below). */
const SHOWN = 2000;

describe('inert', () => {
  it('leaves no bidi control, no C0 control but tab and newline, and no @everyone or @here intact', () => {
    fc.assert(
      fc.property(fc.oneof(hostileText.map((t) => t.slice(0, SHOWN)), mentionBait), (text) => {
        const shown = timed(() => inert(text));
        expect(shown).not.toMatch(/[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/);
        expect(shown).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/);
        expect(shown).not.toMatch(/@(everyone|here)/);
        expect(shown).not.toMatch(/<@[!&]?\d+>/);
      }),
    );
  });

  it('stripSpoofing is idempotent and only removes characters', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const stripped = stripSpoofing(text);
        expect(stripSpoofing(stripped)).toBe(stripped);
        expect(stripped.length).toBeLessThanOrEqual(text.length);
      }),
    );
  });
});

describe('truncate', () => {
  it('keeps within the limit, and returns short text unchanged', () => {
    fc.assert(
      fc.property(hostileText, fc.integer({ min: 1, max: 300 }), (text, max) => {
        const cut = timed(() => truncate(text, max));
        expect(cut.length).toBeLessThanOrEqual(max);
        if (text.length <= max) expect(cut).toBe(text);
        else expect(cut.endsWith('…')).toBe(true);
      }),
    );
  });
});

/** A passage and sorted, non-overlapping highlight ranges inside it. */
const highlighted = hostileText.chain((text) =>
  fc
    .uniqueArray(fc.nat(text.length), { maxLength: 8 })
    .map((points) => [...points].sort((a, b) => a - b))
    .map((points) => ({ text, highlights: Array.from({ length: Math.floor(points.length / 2) }, (_, i) => [points[2 * i]!, points[2 * i + 1]!] as const) })),
);

describe('quoteBlock', () => {
  it('is a quote block, inert, within the limit (one-line passages)', () => {
    fc.assert(
      fc.property(highlighted, fc.integer({ min: 20, max: 4096 }), ({ text: raw, highlights }, max) => {
        const text = raw.replace(/[\n\r\u2028]/g, ' ').slice(0, SHOWN);
        highlights = highlights.filter(([, end]) => end <= text.length);
        const block = timed(() => quoteBlock(text, highlights, max));
        expect(block.length).toBeLessThanOrEqual(max);
        for (const line of block.split('\n')) expect(line.startsWith('> ')).toBe(true);
        expect(block).not.toMatch(/[\u202A-\u202E\u2066-\u2069]|@(everyone|here)/);
      }),
    );
  });
});

/** Cases the properties above once found (fixed in src/discord/format.ts), kept as regressions. */
describe('format.ts regressions found by fuzzing', () => {
  it('quoteBlock counts the "> " of every line, so a multi-line passage stays within max', () => {
    expect(quoteBlock('\n'.repeat(30), [], 20).length).toBeLessThanOrEqual(20);
    expect(quoteBlock('سطر\n'.repeat(300), [[0, 3]], 200).length).toBeLessThanOrEqual(200);
  });

  it('inert takes linear time on a long line (no discord.js italic lookbehinds)', () => {
    timed(() => inert('a'.repeat(12_000)));
    timed(() => inert('ب'.repeat(64_000)));
  });

  it('inert escapes an underscore after "<:" on the same line', () => {
    expect(inert('<:x: hello _world_')).toBe('<:x: hello \\_world\\_');
  });
});

import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { childTimeoutMs, parseBenchArgs, parseSizes } from '../../scripts/bench/args.js';
import { grow, isoFromDayFirst, redated, shiftYears, shuffled } from '../../scripts/bench/data.js';
import { fts5Query } from '../../scripts/bench/fts5.js';
import { peakRssMb, percentile, summarize } from '../../scripts/bench/measure.js';
import { type Measured, fmtMs, renderChart, renderTable } from '../../scripts/bench/report.js';
import { type PostgresRow, renderPostgresChart, renderPostgresTable } from '../../scripts/bench/postgresRuns.js';
import type { Article } from '../../src/engine/types.js';

describe('percentile', () => {
  it.each([
    [[5], 50, 5],
    [[5], 99, 5],
    [[1, 2, 3, 4], 50, 2],
    [[4, 3, 2, 1], 99, 4],
    [Array.from({ length: 100 }, (_, i) => i + 1), 99, 99],
    [Array.from({ length: 1000 }, (_, i) => 1000 - i), 99, 990],
    [[1, 2, 3], 0, 1],
    [[1, 2, 3], 100, 3],
  ])('of %j at p%d is %d', (values, p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });

  it('is NaN for no values and refuses p outside 0..100', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 101)).toThrow('within 0..100, got 101');
  });

  it('summarize rounds to 0.01 ms', () => {
    expect(summarize([1.234, 2.345, 10])).toEqual({ count: 3, p50: 2.35, p99: 10, mean: 4.53, max: 10 });
  });
});

describe('peakRssMb', () => {
  it('gives a child its own peak, not the memory of the process that started it', () => {
    const held = Buffer.alloc(300 * 1024 * 1024, 1);
    expect(peakRssMb()).toBeGreaterThanOrEqual(300);
    const script = `import { peakRssMb } from ${JSON.stringify(new URL('../../scripts/bench/peakRss.mjs', import.meta.url).href)}; console.log(peakRssMb());`;
    const childPeak = Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }));
    expect(childPeak).toBeGreaterThan(10);
    expect(childPeak).toBeLessThan(150);
    expect(held[held.length - 1]).toBe(1);
  });
});

describe('isoFromDayFirst', () => {
  it.each([
    ['17/05/2015', '2015-05-17'],
    ['2/5/2016', '2016-05-02'],
    ['2017-01-22T185600', '2017-01-22T18:56:00'],
    ['2017-01-20T21:43:00+01:00', '2017-01-20T21:43:00+01:00'],
    ['yesterday', 'yesterday'],
  ])('%s → %s', (input, expected) => {
    expect(isoFromDayFirst(input)).toBe(expected);
  });
});

describe('growth', () => {
  const article = (id: string, date: string): Article => ({ id, title: 't', body: 'b', date, source: 's', url: null, lang: 'ar', author: null, file: 'f.jsonl' });

  it('shifts the year only, keeping leap days valid in 4-year steps', () => {
    expect(shiftYears('2018-02-18T21:35:43+04:00', 8)).toBe('2010-02-18T21:35:43+04:00');
    expect(redated(article('ant/x', '2016-02-29'), 1)).toMatchObject({ id: 'ant/x~r1', date: '2012-02-29' });
  });

  it('grows to the exact size with re-identified copies', () => {
    const grown = grow([article('a', '2018-01-01'), article('b', '2018-01-02')], 5);
    expect(grown.map((a) => a.id)).toEqual(['a', 'b', 'a~r1', 'b~r1', 'a~r2']);
    expect(new Set(grown.map((a) => a.id)).size).toBe(5);
  });

  it('shuffles the same way every time', () => {
    expect(shuffled([1, 2, 3, 4, 5, 6], 42)).toEqual(shuffled([1, 2, 3, 4, 5, 6], 42));
    expect([...shuffled([1, 2, 3, 4, 5, 6], 42)].sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('fts5Query', () => {
  it.each([
    ['ما هي عاصمة فرنسا؟', '"ما" OR "هي" OR "عاصمه" OR "فرنسا"'],
    ['أحمد "قال" أحمد', '"احمد" OR "قال"'],
    ['؟!', null],
  ])('%s → %s', (question, expected) => {
    expect(fts5Query(question)).toBe(expected);
  });
});

describe('args', () => {
  it('parses sizes with k and sorts them', () => {
    expect(parseSizes('30k,10000')).toEqual([10_000, 30_000]);
    expect(() => parseSizes('ten')).toThrow('"ten" is not a positive whole number');
  });

  it('reads --quick, --sizes=… and names unknown flags', () => {
    expect(parseBenchArgs(['--quick']).sizes).toEqual([10_000]);
    expect(parseBenchArgs(['--sizes=10000,30000', '--timeout', '60'])).toMatchObject({ sizes: [10_000, 30_000], timeoutS: 60 });
    expect(() => parseBenchArgs(['--fast'])).toThrow('unknown flag --fast');
    expect(childTimeoutMs({ timeoutS: 60 }, 300_000)).toBe(60_000);
  });

  it('keeps the PostgreSQL data folder only when --pg-data names one', () => {
    expect(parseBenchArgs(['--backend', 'postgres']).pgData).toBeNull();
    expect(parseBenchArgs(['--backend=postgres', '--pg-data', '/tmp/pg'])).toMatchObject({ backend: 'postgres', pgData: '/tmp/pg' });
  });
});

describe('renderTable', () => {
  const done = (figures: Record<string, unknown>): Measured => ({ figures, unfinished: null, notes: [] });
  const row = {
    size: 10_000,
    engine: done({ articles: 10_000, passages: 84_778, buildMs: 38_124, peakRssMb: 540, cacheMb: 75.7, ask: { count: 1000, p50: 12.34, p99: 150.2, mean: 20, max: 300 } }),
    cold: done({ coldStartMs: 4_200, coldOrigin: 'cache' }),
    fts5: done({ buildMs: 3_815, peakRssMb: 299, ask: { count: 1000, p50: 6.17, p99: 75.1, mean: 9, max: 90 } }),
  };

  it('gives one row per size with units and the ratio', () => {
    const lines = renderTable({ sizes: [row] }).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('| 10,000 | 84,778 | 38.1 s | 540 MB | 75.7 MB | 4.2 s | 12 / 150 | n/a | n/a | 3.8 s | 299 MB | 6.2 / 75 | 2.0× / 2.0× |');
  });

  it('gives the CPU time of a build beside its wall time when measured', () => {
    const engine = done({ ...row.engine.figures, buildCpuMs: 70_400 });
    expect(renderTable({ sizes: [{ ...row, engine }] }).split('\n')[2]).toContain('| 38.1 s (70 s CPU) | 540 MB |');
  });

  it.each([
    {
      name: 'the median of three builds, with their range, and the whole run when its peak is higher',
      engine: { buildMs: 15_200, buildCpuMs: 28_100, buildPeakRssMb: 781, peakRssMb: 802 },
      builds: [{ buildMs: 13_900, buildCpuMs: 26_000, buildPeakRssMb: 742 }, { buildMs: 16_800, buildCpuMs: 31_000, buildPeakRssMb: 760 }],
      cells: '| 15.2 s (28 s CPU), median of 3: 13.9 s–16.8 s | 760 MB (742–781); whole run 802 MB |',
    },
    {
      name: 'the CPU time of the median run, not of the engine run',
      engine: { buildMs: 17_000, buildCpuMs: 32_000, buildPeakRssMb: 700, peakRssMb: 700 },
      builds: [{ buildMs: 14_000, buildCpuMs: 26_000, buildPeakRssMb: 690 }, { buildMs: 14_500, buildCpuMs: 27_000, buildPeakRssMb: 695 }],
      cells: '| 14.5 s (27 s CPU), median of 3: 14.0 s–17.0 s | 695 MB (690–700) |',
    },
    {
      name: 'a build-only run that did not finish left out',
      engine: { buildMs: 12_000, buildPeakRssMb: 650, peakRssMb: 640 },
      builds: [{}],
      cells: '| 12.0 s | 650 MB |',
    },
  ])('reports $name', ({ engine, builds, cells }) => {
    const line = renderTable({ sizes: [{ ...row, engine: done({ ...row.engine.figures, ...engine }), builds: builds.map(done) }] }).split('\n')[2]!;
    expect(line).toContain(cells);
  });

  it('says why a figure is missing', () => {
    const unfinished: Measured = { figures: { articles: 300_000, buildMs: 1000 }, unfinished: 'timed out after 600 s', notes: [] };
    const line = renderTable({ sizes: [{ ...row, size: 300_000, engine: unfinished, cold: null }] }).split('\n')[2]!;
    expect(line).toContain('| 1.0 s | did not finish (timed out after 600 s) |');
    expect(line).toContain('| not run |');
  });

  it('flags a cold start that rebuilt instead of loading the cache', () => {
    const line = renderTable({ sizes: [{ ...row, cold: done({ coldStartMs: 79_464, coldOrigin: 'build' }) }] }).split('\n')[2]!;
    expect(line).toContain('| 79.5 s (cache not used: rebuilt) |');
  });

  it('formats milliseconds by magnitude', () => {
    expect([0.423, 7.31, 178.4, Number.NaN].map(fmtMs)).toEqual(['0.42', '7.3', '178', '—']);
  });
});

describe('renderChart', () => {
  it('is a standalone SVG with a line per engine', () => {
    const measured = (p50: number, rss: number): Measured => ({ figures: { peakRssMb: rss, ask: { count: 1, p50, p99: p50 * 3, mean: p50, max: p50 } }, unfinished: null, notes: [] });
    const svg = renderChart({
      sizes: [
        { size: 10_000, engine: measured(10, 500), cold: null, fts5: measured(5, 300) },
        { size: 30_000, engine: measured(30, 1200), cold: null, fts5: measured(15, 600) },
      ],
    });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<polyline/g)).toHaveLength(6);
    expect(svg).toContain('FTS5 peak RSS');
  });
});

describe('the PostgreSQL benchmark', () => {
  const latency = (p50: number) => ({ count: 100, p50, p99: p50 * 4, mean: p50, max: p50 * 5 });
  const row = (size: number, embedded: boolean): PostgresRow => ({
    size,
    date: '2026-12-05T04:00:00.000Z',
    commit: 'abc1234',
    loadAvg: 3.2,
    figures: {
      articles: size, added: size, passages: size * 8, ingestS: size / 400, ingestRate: 400, databaseMb: size / 40,
      ask: latency(20), whosaid: latency(2), summary: latency(50), botRssMb: 180, botPeakRssMb: 250,
      tsRank: { indexMb: size / 1000, buildS: 10, ask: latency(200) },
    },
    embedded: embedded ? { ask: latency(4), peakRssMb: 900 } : undefined,
  });

  it('tables the three engines per size, saying what was not measured and what failed', () => {
    const failed: PostgresRow = { size: 1_000_000, date: '2026-12-05T05:00:00.000Z', commit: 'abc1234', loadAvg: 4, error: 'timed out' };
    const warmed = row(300_000, false);
    warmed.figures!.askAfterStart = { ...latency(30), count: 200 };
    const lines = renderPostgresTable([row(30_000, true), warmed, failed]).trim().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[2]).toContain('| 30,000 | 240,000 | 400 articles/s | 750 MB | 20 / 80 ms | not measured apart | 8.0 ms | 200 ms | 180 MB (250 MB) |');
    expect(lines[3]).toContain('| 20 / 80 ms | 30 / 120 ms (200) |');
    expect(lines[2]).toContain('| 4.0 / 16 ms | 900 MB | 200 / 800 ms (100 questions) | 30 MB | 2026-12-05, abc1234, load 3.2 |');
    expect(lines[3]).toContain('| 7.3 GB |');
    expect(lines[3]).toContain('not measured');
    expect(lines[4]).toContain('failed: timed out');
  });

  it('charts latency and memory of each engine measured', () => {
    const svg = renderPostgresChart([row(30_000, true), row(300_000, false)]);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('ts_rank p99');
    expect(svg).toContain('PostgreSQL bot peak RSS');
    expect(svg.match(/<polyline/g)).toHaveLength(8);
  });
});

/** The benchmark's results as a markdown table and a hand-written SVG chart. */
import { type LatencySummary, percentile } from './measure.js';

/** One measurement (a child process): its figures, and why it stopped when it did not finish. */
export interface Measured {
  figures: Record<string, unknown>;
  unfinished: string | null;
  notes: string[];
}

/** All measurements at one corpus size. */
export interface SizeResult {
  size: number;
  engine: Measured;
  /** The build measured again, each in its own process (load and build only): see `engineBuild`. */
  builds?: Measured[];
  cold: Measured | null;
  fts5: Measured;
}

/** What `bench/results.json` holds. */
export interface BenchResults {
  date: string;
  /** The engine measured: commit, and whether src/ had uncommitted changes. */
  engine?: string;
  machine: { cpus: number; cpuModel: string; totalMemMb: number; node: string };
  questions: Record<string, number>;
  sizes: SizeResult[];
  notes: string[];
}

const num = (m: Measured | null, key: string): number | undefined => {
  const v = m?.figures[key];
  return typeof v === 'number' ? v : undefined;
};
const lat = (m: Measured | null, key: string): LatencySummary | undefined => {
  const v = m?.figures[key];
  return v && typeof v === 'object' && 'p50' in v ? (v as LatencySummary) : undefined;
};

/** A figure with its unit, or why there is none. */
function cell(m: Measured | null, value: string | undefined): string {
  if (value !== undefined) return value;
  if (m === null) return 'not run';
  return m.unfinished ? `did not finish (${m.unfinished})` : '—';
}

const seconds = (x: number | undefined) => (x === undefined ? undefined : `${(x / 1000).toFixed(1)} s`);
/** A wall time with the CPU time it took (both threads), which tells a busy machine from slower code. */
const withCpu = (wall: string | undefined, cpuMs: number | undefined) => (wall === undefined || cpuMs === undefined ? wall : `${wall} (${Math.round(cpuMs / 1000)} s CPU)`);
const mb = (x: number | undefined) => (x === undefined ? undefined : `${Math.round(x)} MB`);
const pair = (l: LatencySummary | undefined) => (l === undefined ? undefined : `${fmtMs(l.p50)} / ${fmtMs(l.p99)}`);
const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || b === 0 ? undefined : `${(a / b).toFixed(1)}×`);

/** The engine's build at one size: the median of its runs (the engine run and any build-only runs) and their range. */
interface EngineBuild {
  /** The median run's wall and CPU time. */
  ms: number;
  cpuMs: number | undefined;
  /** Peak RSS through the load and build (MB), the median of the runs. */
  peakMb: number | undefined;
  /** Every run's wall time and peak, each list ascending. */
  runsMs: number[];
  peaksMb: number[];
}

/** The build figures of a size: one run's, or the median of several (a busy machine moves a single run by a fifth; of two, the faster). */
function engineBuild({ engine, builds = [] }: Pick<SizeResult, 'engine' | 'builds'>): EngineBuild | undefined {
  const runs = [engine, ...builds].flatMap((m) => {
    const ms = num(m, 'buildMs');
    return ms === undefined ? [] : [{ ms, cpuMs: num(m, 'buildCpuMs'), peakMb: num(m, 'buildPeakRssMb') ?? num(m, 'peakRssMb') }];
  });
  if (!runs.length) return undefined;
  const byTime = [...runs].sort((a, b) => a.ms - b.ms);
  const middle = byTime[(byTime.length - 1) >> 1]!;
  const peaksMb = runs.flatMap((r) => (r.peakMb === undefined ? [] : [r.peakMb])).sort((a, b) => a - b);
  return { ms: middle.ms, cpuMs: middle.cpuMs, peakMb: peaksMb.length ? percentile(peaksMb, 50) : undefined, runsMs: byTime.map((r) => r.ms), peaksMb };
}

/** The engine's build time cell: the median run's wall and CPU time, and the range when there were several runs. */
function buildCell(build: EngineBuild | undefined): string | undefined {
  if (!build) return undefined;
  const value = withCpu(seconds(build.ms), build.cpuMs)!;
  const { runsMs } = build;
  return runsMs.length > 1 ? `${value}, median of ${runsMs.length}: ${seconds(runsMs[0])}–${seconds(runsMs[runsMs.length - 1])}` : value;
}

/**
 * The engine's peak RSS cell: through the build (the median of the runs, with their range), and
 * the engine run's peak over all its measurements when that is above its own build's.
 */
function peakCell(engine: Measured, build: EngineBuild | undefined): string | undefined {
  const whole = num(engine, 'peakRssMb');
  if (build?.peakMb === undefined) return mb(whole);
  const { peaksMb } = build;
  const range = peaksMb.length > 1 ? ` (${peaksMb[0]}–${peaksMb[peaksMb.length - 1]})` : '';
  const ownBuild = num(engine, 'buildPeakRssMb');
  const later = whole !== undefined && ownBuild !== undefined && whole > ownBuild ? `; whole run ${mb(whole)}` : '';
  return `${mb(build.peakMb)}${range}${later}`;
}

/** Cold start, flagged when the engine rebuilt instead of loading the cache (e.g. the engine changed during the run). */
function coldStart(cold: Measured | null): string | undefined {
  const value = seconds(num(cold, 'coldStartMs'));
  if (value === undefined || cold?.figures.coldOrigin === 'cache') return value;
  return `${value} (cache not used: rebuilt)`;
}

/** Milliseconds with sensible precision: `0.42`, `7.3`, `178`. */
export function fmtMs(x: number): string {
  if (!Number.isFinite(x)) return '—';
  return x < 1 ? x.toFixed(2) : x < 10 ? x.toFixed(1) : String(Math.round(x));
}

/** Articles with thousands grouped: `31,523`. */
export function count(x: number): string {
  return x.toLocaleString('en-US');
}

/** The markdown table: one row per corpus size, the engine then SQLite FTS5, with the ratio. */
export function renderTable(results: Pick<BenchResults, 'sizes'>): string {
  const head = [
    'articles', 'passages', 'build', 'peak RSS', 'cache on disk', 'cold start', '/ask p50 / p99 (ms)', '/whosaid p50 / p99', '/summary p50 / p99',
    'FTS5 build', 'FTS5 peak RSS', 'FTS5 p50 / p99 (ms)', 'engine ÷ FTS5 p50 / p99',
  ];
  const rows = results.sizes.map(({ size, engine, builds, cold, fts5 }) => {
    const build = engineBuild({ engine, builds });
    const ask = lat(engine, 'ask');
    const ref = lat(fts5, 'ask');
    const passages = num(engine, 'passages') ?? num(fts5, 'passages');
    const r50 = ratio(ask?.p50, ref?.p50);
    const r99 = ratio(ask?.p99, ref?.p99);
    return [
      count(num(engine, 'articles') ?? size),
      passages === undefined ? '—' : count(passages),
      cell(engine, buildCell(build)),
      cell(engine, peakCell(engine, build)),
      cell(engine, num(engine, 'cacheMb') === undefined ? (engine.figures.cacheError ? `not written (${String(engine.figures.cacheError)})` : undefined) : `${num(engine, 'cacheMb')} MB`),
      cell(cold, coldStart(cold)),
      cell(engine, pair(ask)),
      cell(engine, pair(lat(engine, 'whosaid')) ?? (engine.unfinished ? undefined : 'n/a')),
      cell(engine, pair(lat(engine, 'summary')) ?? (engine.unfinished ? undefined : 'n/a')),
      cell(fts5, seconds(num(fts5, 'buildMs'))),
      cell(fts5, mb(num(fts5, 'peakRssMb'))),
      cell(fts5, pair(ref)),
      r50 && r99 ? `${r50} / ${r99}` : '—',
    ];
  });
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

/** One line of a chart panel. */
export interface Series {
  name: string;
  color: string;
  dashed: boolean;
  points: Array<[number, number]>;
}

const W = 440;
const H = 300;
const PAD = { left: 58, right: 14, top: 34, bottom: 44 };

/** A chart panel: its title, its y axis's label and scale, its lines. */
export interface Panel {
  title: string;
  yLabel: string;
  series: Series[];
  logY: boolean;
}

/** Panels side by side as a standalone SVG. */
export function chartSvg(panels: readonly Panel[]): string {
  const width = panels.length * W;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${H}" viewBox="0 0 ${width} ${H}" font-family="sans-serif" font-size="11">`,
    `<rect width="${width}" height="${H}" fill="#fff"/>`,
    ...panels.map((p, i) => panel(p.title, p.yLabel, p.series, p.logY, i * W)),
    '</svg>',
    '',
  ].join('\n');
}

/** One panel: log-scaled x (articles), linear or log y, a line per series. */
function panel(title: string, yLabel: string, series: Series[], logY: boolean, offsetX: number): string {
  const xs = series.flatMap((s) => s.points.map(([x]) => x));
  const ys = series.flatMap((s) => s.points.map(([, y]) => y)).filter((y) => y > 0);
  if (xs.length === 0 || ys.length === 0) return `<g transform="translate(${offsetX},0)"><text x="${W / 2}" y="${H / 2}" text-anchor="middle">${title}: no data</text></g>`;
  const [x0, x1] = [Math.log10(Math.min(...xs)) - 0.1, Math.log10(Math.max(...xs)) + 0.1];
  const yMax = Math.max(...ys) * 1.15;
  const yMin = logY ? Math.max(Math.min(...ys) / 1.5, 0.01) : 0;
  const fy = (y: number) => (logY ? (Math.log10(Math.max(y, yMin)) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin)) : y / yMax);
  const px = (x: number) => PAD.left + ((Math.log10(x) - x0) / (x1 - x0)) * (W - PAD.left - PAD.right);
  const py = (y: number) => H - PAD.bottom - fy(y) * (H - PAD.top - PAD.bottom);
  const out: string[] = [`<g transform="translate(${offsetX},0)">`, `<text x="${W / 2}" y="18" text-anchor="middle" font-weight="bold">${title}</text>`];
  out.push(`<line x1="${PAD.left}" y1="${H - PAD.bottom}" x2="${W - PAD.right}" y2="${H - PAD.bottom}" stroke="#333"/>`);
  out.push(`<line x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${H - PAD.bottom}" stroke="#333"/>`);
  for (const x of [...new Set(xs)]) {
    out.push(`<line x1="${px(x).toFixed(1)}" y1="${H - PAD.bottom}" x2="${px(x).toFixed(1)}" y2="${H - PAD.bottom + 4}" stroke="#333"/>`);
    out.push(`<text x="${px(x).toFixed(1)}" y="${H - PAD.bottom + 16}" text-anchor="middle">${x >= 1000 ? `${x / 1000}k` : x}</text>`);
  }
  out.push(`<text x="${(PAD.left + W - PAD.right) / 2}" y="${H - 8}" text-anchor="middle">articles (log scale)</text>`);
  const ticks = logY ? logTicks(yMin, yMax) : linearTicks(yMax);
  for (const t of ticks) {
    out.push(`<line x1="${PAD.left}" y1="${py(t).toFixed(1)}" x2="${W - PAD.right}" y2="${py(t).toFixed(1)}" stroke="#ddd"/>`);
    out.push(`<text x="${PAD.left - 5}" y="${(py(t) + 4).toFixed(1)}" text-anchor="end">${t}</text>`);
  }
  out.push(`<text transform="translate(14,${(PAD.top + H - PAD.bottom) / 2}) rotate(-90)" text-anchor="middle">${yLabel}</text>`);
  series.forEach((s, i) => {
    const pts = s.points.filter(([, y]) => y > 0).map(([x, y]) => `${px(x).toFixed(1)},${py(y).toFixed(1)}`);
    if (pts.length) {
      out.push(`<polyline fill="none" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="5,4"' : ''} points="${pts.join(' ')}"/>`);
      for (const p of pts) out.push(`<circle cx="${p.split(',')[0]}" cy="${p.split(',')[1]}" r="3" fill="${s.color}"/>`);
    }
    const ly = PAD.top + 4 + i * 15;
    out.push(`<line x1="${PAD.left + 10}" y1="${ly}" x2="${PAD.left + 32}" y2="${ly}" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="5,4"' : ''}/>`);
    out.push(`<text x="${PAD.left + 37}" y="${ly + 4}">${s.name}</text>`);
  });
  out.push('</g>');
  return out.join('\n');
}

function logTicks(min: number, max: number): number[] {
  const ticks: number[] = [];
  for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) {
    for (const m of [1, 3]) {
      const t = m * 10 ** e;
      if (t >= min && t <= max) ticks.push(Number(t.toPrecision(2)));
    }
  }
  return ticks;
}

function linearTicks(max: number): number[] {
  const step = 10 ** Math.floor(Math.log10(max / 4));
  const nice = [1, 2, 5, 10].map((m) => m * step).find((s) => max / s <= 6) ?? step * 10;
  const ticks: number[] = [];
  for (let t = 0; t <= max; t += nice) ticks.push(Math.round(t));
  return ticks;
}

/** The engine's peak RSS at one size, as the chart shows it: the median build's peak, or the engine run's when higher. */
export function enginePeakMb(result: SizeResult): number | undefined {
  return Math.max(engineBuild(result)?.peakMb ?? 0, num(result.engine, 'peakRssMb') ?? 0) || undefined;
}

/** Latency (p50, p99) and peak RSS against corpus size, the engine and FTS5, as a standalone SVG. */
export function renderChart(results: Pick<BenchResults, 'sizes'>): string {
  const points = (pick: (r: SizeResult) => number | undefined): Array<[number, number]> =>
    results.sizes.flatMap((r) => {
      const y = pick(r);
      return y === undefined ? [] : [[r.size, y] as [number, number]];
    });
  const ENGINE = '#1f6feb';
  const FTS = '#d1242f';
  const latency: Series[] = [
    { name: 'engine p50', color: ENGINE, dashed: false, points: points((r) => lat(r.engine, 'ask')?.p50) },
    { name: 'engine p99', color: ENGINE, dashed: true, points: points((r) => lat(r.engine, 'ask')?.p99) },
    { name: 'FTS5 p50', color: FTS, dashed: false, points: points((r) => lat(r.fts5, 'ask')?.p50) },
    { name: 'FTS5 p99', color: FTS, dashed: true, points: points((r) => lat(r.fts5, 'ask')?.p99) },
  ];
  const memory: Series[] = [
    { name: 'engine peak RSS', color: ENGINE, dashed: false, points: points(enginePeakMb) },
    { name: 'FTS5 peak RSS', color: FTS, dashed: false, points: points((r) => num(r.fts5, 'peakRssMb')) },
  ];
  return chartSvg([
    { title: '/ask latency', yLabel: 'ms (log scale)', series: latency, logY: true },
    { title: 'peak memory', yLabel: 'MB', series: memory, logY: false },
  ]);
}

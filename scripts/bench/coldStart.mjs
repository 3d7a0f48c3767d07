/**
 * The benchmark's cold start, run as production runs the bot (`npm run start:prod`): plain Node on
 * the compiled build, no TypeScript loader. `node coldStart.mjs <corpusDir> <cacheDir> <question>`
 * times process start to the first /ask answer from the cache and sends the figures to the parent.
 */
import { createEngine } from '../../dist/src/engine/engine.js';
import { peakRssMb } from './peakRss.mjs';

const [corpusDir, cacheDir, question] = process.argv.slice(2);
const engine = await createEngine({ corpusDir, cacheDir });
const createdAt = process.uptime();
const answer = engine.ask({ question, limit: 10 });
const { user, system } = process.cpuUsage();
const figures = {
  coldStartMs: Math.round(process.uptime() * 1000),
  coldCreateMs: Math.round(createdAt * 1000),
  coldOrigin: engine.stats().origin,
  coldAnswered: answer.ok,
  coldPeakRssMb: peakRssMb(),
  coldCpuMs: Math.round((user + system) / 1000),
};
process.send?.({ figures }, () => process.exit(0));

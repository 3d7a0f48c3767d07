import type { APIEmbed } from 'discord.js';
import type { ArchiveStats, CorpusProblem, ReloadReport } from '../engine/index.js';
import { EMBED_COLOR, LIMITS, NO_MENTIONS, inert, truncate } from './format.js';

const number = (n: number) => n.toLocaleString('en-US');
/** How the index came to be, as `/archive stats` says it. */
const ORIGIN: Record<ArchiveStats['origin'], string> = { cache: 'loaded from cache', build: 'built', update: 'updated in place' };

/** A list of file paths as a field value, cut to Discord's limit with a count of the rest. */
function fileList(paths: string[]): string {
  if (!paths.length) return '—';
  const shown: string[] = [];
  let length = 0;
  for (const path of paths) {
    const line = `\`${inert(path).replace(/`/g, "'")}\``;
    if (length + line.length + 20 > LIMITS.fieldValue) break;
    shown.push(line);
    length += line.length + 1;
  }
  const rest = paths.length - shown.length;
  return shown.join('\n') + (rest ? `\n… and ${rest} more` : '');
}

/** A rejected file (or an article kept with a warning) with its reason, one line. */
function problemLine(problem: CorpusProblem): string {
  const where = [problem.file, problem.line ? `line ${problem.line}` : '', problem.field ?? ''].filter(Boolean).join(' · ');
  return `\`${inert(where)}\`: ${inert(truncate(problem.reason, 160))}`;
}

/** `/archive stats`: what the archive holds, how old the index is, how much memory the bot uses. */
export function statsEmbed(stats: ArchiveStats, memoryBytes: number): { embeds: APIEmbed[]; allowedMentions: typeof NO_MENTIONS } {
  const loaded = Math.floor(Date.parse(stats.loadedAt) / 1000);
  const embed: APIEmbed = {
    color: EMBED_COLOR,
    title: 'Archive',
    ...(stats.articles === 0 ? { description: '⚠️ **The archive is empty**: no article was loaded from the corpus folder. Every question will go unanswered until articles are added (see the rejected and skipped files).' } : {}),
    fields: [
      { name: 'Articles', value: number(stats.articles), inline: true },
      { name: 'Passages', value: number(stats.passages), inline: true },
      { name: 'Quotations', value: number(stats.quotations), inline: true },
      { name: 'Sources', value: number(stats.sources), inline: true },
      { name: 'Dates', value: stats.firstDate ? `${stats.firstDate} → ${stats.lastDate}` : '—', inline: true },
      { name: 'Rejected files', value: number(stats.rejectedFiles), inline: true },
      { name: 'Skipped files (other types)', value: number(stats.skippedFiles), inline: true },
      { name: 'Index', value: `${ORIGIN[stats.origin]} <t:${loaded}:R>`, inline: true },
      { name: 'Memory', value: `${Math.round(memoryBytes / 1048576)} MB`, inline: true },
    ],
  };
  return { embeds: [embed], allowedMentions: NO_MENTIONS };
}

/** `/archive reload`: what changed, each rejected file with its reason, and the articles loaded with a warning. */
export function reloadEmbed(report: ReloadReport): { embeds: APIEmbed[]; allowedMentions: typeof NO_MENTIONS } {
  const rejected = report.rejected.map(problemLine).join('\n');
  const warnings = report.warnings.map(problemLine).join('\n');
  const embed: APIEmbed = {
    color: EMBED_COLOR,
    title: 'Archive reloaded',
    description: `${number(report.stats.articles)} articles, ${number(report.stats.passages)} passages, ${number(report.stats.quotations)} quotations.`,
    fields: [
      { name: `Added (${report.added.length})`, value: fileList(report.added), inline: true },
      { name: `Changed (${report.changed.length})`, value: fileList(report.changed), inline: true },
      { name: `Removed (${report.removed.length})`, value: fileList(report.removed), inline: true },
      { name: `Rejected (${report.rejected.length})`, value: rejected ? truncate(rejected, LIMITS.fieldValue) : '—' },
      ...(warnings ? [{ name: `Loaded with a warning (${report.warnings.length})`, value: truncate(warnings, LIMITS.fieldValue) }] : []),
    ],
  };
  return { embeds: [embed], allowedMentions: NO_MENTIONS };
}

import { describe, expect, it } from 'vitest';
import { reloadEmbed, statsEmbed } from '../../src/discord/archiveReplies.js';
import { embedLength } from '../../src/discord/format.js';
import type { ArchiveStats } from '../../src/engine/index.js';

const stats: ArchiveStats = { articles: 31523, passages: 266714, sources: 5, quotations: 90000, firstDate: '2018-02-01', lastDate: '2018-10-31', rejectedFiles: 3, skippedFiles: 0, loadedAt: '2026-11-29T10:00:00.000Z', origin: 'cache' };

describe('statsEmbed', () => {
  it('shows the counts, the date range, the index age and memory', () => {
    const [embed] = statsEmbed(stats, 700 * 1048576).embeds;
    const fields = Object.fromEntries(embed!.fields!.map((f) => [f.name, f.value]));
    expect(fields).toMatchObject({ Articles: '31,523', Passages: '266,714', Quotations: '90,000', Dates: '2018-02-01 → 2018-10-31', Memory: '700 MB' });
    expect(fields.Index).toMatch(/^loaded from cache <t:\d+:R>$/);
  });
});

describe('reloadEmbed', () => {
  it('lists what changed and why files were rejected, within Discord limits', () => {
    const many = Array.from({ length: 500 }, (_, i) => `news/2018/article-${i}.md`);
    const [embed] = reloadEmbed({
      added: many,
      changed: ['a.md'],
      removed: [],
      rejected: [{ file: 'bad.jsonl', line: 7, field: 'date', reason: 'expected an ISO 8601 date such as 2021-10-20, got "20/10/2021"' }],
      warnings: [{ file: 'feed.jsonl', line: 3, field: 'url', reason: 'url: only http and https links are shown, got a javascript: link; the article is kept without a link', kept: true }],
      stats,
    }).embeds;
    const fields = Object.fromEntries(embed!.fields!.map((f) => [f.name, f.value]));
    expect(fields['Added (500)']).toMatch(/… and \d+ more$/);
    expect(fields['Removed (0)']).toBe('—');
    expect(fields['Rejected (1)']).toContain('`bad.jsonl · line 7 · date`: expected an ISO 8601 date');
    expect(fields['Loaded with a warning (1)']).toContain('`feed.jsonl · line 3 · url`: url: only http and https links');
    for (const f of embed!.fields!) expect(f.value.length).toBeLessThanOrEqual(1024);
    expect(embedLength(embed!)).toBeLessThanOrEqual(6000);
  });
});

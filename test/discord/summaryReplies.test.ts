import { describe, expect, it } from 'vitest';
import { embedLength } from '../../src/discord/format.js';
import { articleSummaryReply, topicSummaryReply } from '../../src/discord/summaryReplies.js';
import type { TopicSummary } from '../../src/engine/index.js';

const ref = (n: number) => ({ id: `a${n}`, title: `خبر رقم ${n} **مهم**`, source: 'Sky News Arabia', date: '2018-05-0' + n, url: `https://example.org/${n}` });

describe('topicSummaryReply', () => {
  const summary: TopicSummary = {
    topic: 'الاتفاق النووي',
    sentences: [
      { text: 'انسحبت الولايات المتحدة من الاتفاق النووي @everyone.', start: 0, end: 10, article: ref(1), cite: 1 },
      { text: 'لم يكن هدف الروس التوصل إلى اتفاق نووي.', start: 0, end: 10, article: ref(2), cite: 2, speaker: 'محمد جواد ظريف' },
    ],
    sources: [
      { cite: 1, article: ref(1) },
      { cite: 2, article: ref(2) },
    ],
  };

  it('cites every sentence, lists the sources with links, and keeps the speaker', () => {
    const [embed] = topicSummaryReply(summary).embeds;
    expect(embed!.description).toContain('**[1]**');
    expect(embed!.description).toContain('لم يكن هدف الروس التوصل إلى اتفاق نووي. — ظريف **[2]**');
    expect(embed!.description).not.toContain('@everyone');
    expect(embed!.fields![0]!.name).toBe('Sources');
    expect(embed!.fields![0]!.value).toContain('[خبر رقم 2 \\*\\*مهم\\*\\*](https://example.org/2)');
  });

  it('stays within Discord limits with many long sources', () => {
    const many: TopicSummary = { ...summary, sources: Array.from({ length: 40 }, (_, i) => ({ cite: i + 1, article: { ...ref(1), title: 'ع'.repeat(300) } })) };
    const [embed] = topicSummaryReply(many).embeds;
    expect(embed!.fields!.length).toBeLessThanOrEqual(25);
    for (const f of embed!.fields!) expect(f.value.length).toBeLessThanOrEqual(1024);
    expect(embedLength(embed!)).toBeLessThanOrEqual(6000);
  });
});

describe('articleSummaryReply', () => {
  it('links the article and shows its date', () => {
    const [embed] = articleSummaryReply({ topic: 'خبر', article: ref(3), sentences: [{ text: 'جملة أولى.', start: 0, end: 9, article: ref(3) }] }).embeds;
    expect(embed!.url).toBe('https://example.org/3');
    expect(embed!.description).toContain('Sky News Arabia · ');
    expect(embed!.description).toContain('• جملة أولى.');
  });
});

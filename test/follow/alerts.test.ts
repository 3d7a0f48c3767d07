import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertMessage, digestMessage } from '../../src/discord/followReplies.js';
import { createEngine, type Engine, silentLogger } from '../../src/engine/index.js';
import { createAlerts } from '../../src/follow/alerts.js';
import { type Follow, FollowError, openFollowStore } from '../../src/follow/store.js';
import { tempDir } from '../support/tempDir.js';

const DEAL = 'قال وزير الخارجية إن المفاوضات حول الاتفاق النووي دخلت مرحلة حاسمة، وإن الوفود ستجتمع في فيينا الأسبوع المقبل.';
const ARTICLES = [
  { id: 'deal-a', title: 'مفاوضات الاتفاق النووي', source: 'Wire A', date: '2026-12-01', lang: 'ar', url: 'https://a.example/deal', body: DEAL },
  { id: 'deal-b', title: 'مفاوضات الاتفاق النووي في فيينا', source: 'Wire B', date: '2026-12-01', lang: 'ar', body: DEAL },
  { id: 'football', title: 'نهائي الكأس', source: 'Wire A', date: '2026-12-01', lang: 'ar', body: 'فاز الفريق المحلي بنهائي كأس كرة القدم بهدفين دون رد أمام جمهور غفير.' },
  { id: 'deal-c', title: 'الاتفاق النووي والعقوبات', source: 'Wire C', date: '2026-12-02', lang: 'ar', body: 'رأى محللون أن إحياء الاتفاق النووي سيؤدي إلى رفع العقوبات عن صادرات النفط.' },
  { id: 'deal-d', title: 'الاتفاق النووي والبرلمان', source: 'Wire D', date: '2026-12-03', lang: 'ar', body: 'طالب نواب في البرلمان بعرض أي تفاهم بشأن الاتفاق النووي على التصويت قبل توقيعه.' },
];

const corpus = tempDir('alerts-', afterAll);
let engine: Engine;
beforeAll(async () => {
  writeFileSync(join(corpus, 'news.jsonl'), ARTICLES.map((a) => JSON.stringify(a)).join('\n'));
  engine = await createEngine({ corpusDir: corpus, cacheDir: join(corpus, '.cache'), logger: silentLogger });
});

describe('createAlerts', () => {
  it('posts a matching new article once per story, nothing for a query it does not match, then holds the rest of the hour for one digest', async () => {
    const store = openFollowStore(tempDir('follows-'), () => undefined);
    const deal = store.add({ guildId: 'g', channelId: 'c1', query: 'الاتفاق النووي', createdBy: 'u' });
    store.add({ guildId: 'g', channelId: 'c2', query: 'كرة السلة', createdBy: 'u' });
    let clock = Date.parse('2026-12-04T10:00:00Z');
    const delivered: Array<{ channel: string; articles: string[]; digest: boolean }> = [];
    const alerts = createAlerts({
      engine,
      store,
      logger: silentLogger,
      perHour: 1,
      now: () => clock,
      deliver: async (follow, results, digest) => void delivered.push({ channel: follow.channelId, articles: results.map((r) => r.article.id), digest }),
    });
    alerts.enqueue(['deal-a', 'deal-b', 'football', 'not-indexed-yet']);
    await alerts.check();
    expect(delivered).toEqual([{ channel: 'c1', articles: [expect.stringMatching(/^deal-[ab]$/)], digest: false }]);
    alerts.enqueue(['deal-c', 'deal-d']);
    await alerts.check();
    expect(delivered).toHaveLength(1);
    clock += 61 * 60 * 1000;
    await alerts.check();
    expect(delivered.at(-1)).toEqual({ channel: 'c1', articles: ['deal-c', 'deal-d'].sort(), digest: true });
    expect(store.inChannel('c1')).toEqual([deal]);
  });
});

describe('openFollowStore', () => {
  it('keeps follows across restarts, refuses the same query twice in a channel, and stops one by id', () => {
    const dir = tempDir('follows-');
    const first = openFollowStore(dir, () => undefined);
    const follow = first.add({ guildId: 'g', channelId: 'c', query: 'الاتفاق النووي', source: 'Wire A', createdBy: 'u' });
    expect(() => first.add({ guildId: 'g', channelId: 'c', query: 'الاتفاق النووي', source: 'Wire A', createdBy: 'v' })).toThrow(FollowError);
    const restarted = openFollowStore(dir, () => undefined);
    expect(restarted.all()).toEqual([follow]);
    expect(restarted.remove('other-channel', follow.id)).toBe(false);
    expect(restarted.remove('c', follow.id)).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, '.feeds', 'follows.json'), 'utf8'))).toEqual({ follows: [] });
  });
});

describe('alert messages', () => {
  const follow: Follow = { id: 'f1', guildId: 'g', channelId: 'c', query: 'الاتفاق النووي', createdBy: 'u', createdAt: '2026-12-04T10:00:00Z' };
  it('show the best passage with the matched words in bold, the title, source, date and link, and ping nobody', () => {
    const answer = engine.ask({ question: 'الاتفاق النووي', source: 'Wire A' });
    if (!answer.ok) throw new Error(answer.code);
    const body = alertMessage(follow, answer.results[0]!);
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.embeds![0]).toMatchObject({ title: 'مفاوضات الاتفاق النووي', url: 'https://a.example/deal', footer: { text: 'New for “الاتفاق النووي” · /follow list' } });
    expect(body.embeds![0]!.description).toMatch(/^Wire A · 1 December 2026\n\n> .*\*\*الاتفاق\*\* \*\*النووي\*\*/);
    const digest = digestMessage(follow, answer.results);
    expect(digest.embeds![0]!.description).toContain('• [مفاوضات الاتفاق النووي](https://a.example/deal) · Wire A · 1 December 2026');
  });
});

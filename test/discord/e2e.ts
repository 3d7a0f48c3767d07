/** What the end-to-end suites share: test articles, waits on visible messages, and checks over every recorded request. */
import type { APIMessage } from 'discord-api-types/v10';
import { afterAll, afterEach, expect } from 'vitest';
import { describeViolation, type FakeDiscord, type RecordedRequest } from '../support/fakeDiscord.js';
import type { TestArticle } from './botProcess.js';

/** A user other than the fake's default `tester`. */
export const OTHER_USER = { id: '300000000000000002', username: 'other' };
/** Sources of the wheat articles: more than the 25 choices autocomplete may offer. */
export const WIRE_SOURCES = Array.from({ length: 30 }, (_, i) => `Wire ${String(i + 1).padStart(2, '0')}`);
/** The question that finds one passage per wheat article (30 in all), for paging. */
export const WHEAT_QUESTION = 'محصول القمح';
/** The question that finds the article full of mentions and markdown. */
export const MENTIONS_QUESTION = 'الفستق الحلبي';

const WHEAT_PLACES = ['حلب', 'حمص', 'درعا', 'إدلب', 'الرقة', 'دير الزور', 'الحسكة', 'حماة', 'طرطوس', 'اللاذقية'];

/** 30 one-paragraph articles about the wheat harvest, each from its own source, each worded differently. */
export const WHEAT_ARTICLES: TestArticle[] = WIRE_SOURCES.map((source, i) => ({
  id: `e2e-wheat-${i + 1}`,
  title: `محصول القمح في ${WHEAT_PLACES[i % 10]} (${i + 1})`,
  source,
  date: `2020-06-${String((i % 28) + 1).padStart(2, '0')}`,
  body: `قال مزارعون في ${WHEAT_PLACES[i % 10]} إن محصول القمح هذا الموسم بلغ ${1000 + i * 37} طنا، بعد ${i + 2} أسابيع من الحصاد في الحقل رقم ${i + 1}.`,
}));

/** An article whose text tries to ping everyone and a user, and is full of markdown. */
export const MENTIONS_ARTICLE: TestArticle = {
  id: 'e2e-mentions',
  title: 'الفستق الحلبي @everyone **عاجل** <@123456789012345678>',
  source: 'Mention Wire @here',
  date: '2022-03-01',
  body: [
    'أعلن تجار الفستق الحلبي @everyone أن الأسعار ارتفعت، ونادى أحدهم <@123456789012345678> و<@&223456789012345678> و@here **x** و__y__ و[رابط](https://example.com) `code` ||سر||.',
    '# عنوان\n> اقتباس\n- بند',
  ].join('\n\n'),
};

/** The question that finds several passages of the olive oil article. */
export const OLIVE_QUESTION = 'زيت الزيتون';

/**
 * An article as news sites publish them: a link with an Arabic path (raw, as copied from the address bar),
 * a headline longer than an embed title may be, and several passages that answer one question.
 */
export const OLIVE_ARTICLE: TestArticle = {
  id: 'e2e-olive-oil',
  title: `موسم زيت الزيتون في عفرين: ${'المزارعون يشكون من تراجع الأسعار وارتفاع تكاليف العصر والنقل، '.repeat(5)}والتجار ينتظرون فتح المعابر`,
  source: 'Olive Wire',
  date: '2022-11-15',
  url: 'https://www.example-news.com/ar/اقتصاد/2022/11/15/موسم-زيت-الزيتون-في-عفرين',
  body: [
    'بدأ موسم قطاف الزيتون في عفرين، وقال مزارعون إن إنتاج زيت الزيتون هذا العام أقل من العام الماضي بسبب الجفاف.',
    'وأضاف صاحب معصرة أن سعر صفيحة زيت الزيتون تراجع إلى أربعين دولارا، بينما ارتفعت تكاليف العصر والنقل.',
    'وينتظر تجار زيت الزيتون فتح المعابر لتصدير الفائض إلى الأسواق المجاورة قبل نهاية العام.',
  ].join('\n\n'),
};

/** Every test article the `/ask` suites load beside the seed corpus. */
export const TEST_ARTICLES: TestArticle[] = [...WHEAT_ARTICLES, MENTIONS_ARTICLE, OLIVE_ARTICLE];

/** Resolves with the messages users can see for the interaction once there are `count` of them (polls the fake). */
export async function waitForMessages(fake: FakeDiscord, interactionId: string, count = 1, timeout = 5000): Promise<APIMessage[]> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const messages = fake.messagesFor(interactionId);
    if (messages.length >= count) return messages;
    if (Date.now() > deadline) throw new Error(`no ${count} visible message(s) for interaction ${interactionId} within ${timeout} ms (have ${messages.length})`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** True when only the invoking user sees the message. */
export const isEphemeral = (message: APIMessage): boolean => Boolean((message.flags ?? 0) & 64);

/** The message body a request carries: a callback's `data`, or the webhook body. */
function messageBodyOf(request: RecordedRequest): Record<string, unknown> | undefined {
  const body = request.body as Record<string, unknown> | undefined;
  if (!body) return undefined;
  if (request.path.endsWith('/callback')) {
    return body.type === 4 || body.type === 7 ? ((body.data as Record<string, unknown> | undefined) ?? {}) : undefined;
  }
  return request.path.startsWith('/webhooks/') && request.method !== 'DELETE' ? body : undefined;
}

/** The requests that post or edit a message. */
export function messageRequests(fake: FakeDiscord): Array<{ request: RecordedRequest; body: Record<string, unknown> }> {
  return fake.requests.flatMap((request) => {
    const body = messageBodyOf(request);
    return body ? [{ request, body }] : [];
  });
}

/**
 * Checks every message the bot sent: accepted (status < 400) and `allowed_mentions.parse` empty (nobody
 * can be pinged). Lengths and the other limits are checked on every request by `failOnMalformedBodies`.
 */
export function expectEveryMessageSafe(fake: FakeDiscord): void {
  const sent = messageRequests(fake);
  expect(sent.length).toBeGreaterThan(0);
  for (const { request, body } of sent) {
    const where = `${request.method} ${request.path}`;
    expect(request.status, where).toBeLessThan(400);
    expect(body.allowed_mentions, where).toEqual({ parse: [] });
  }
  const loud = fake.requests.filter((r) => r.status >= 400);
  expect(loud.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([]);
}

/**
 * Fails each test during which the fake received a REST call that breaks Discord's OpenAPI spec or the
 * documented limits it leaves out, listing request, rule, place and value; calls after the last test
 * (shutting down) fail the file. Call it in the suite's `describe`, before its own `afterAll`.
 */
export function failOnMalformedBodies(fake: () => FakeDiscord | undefined): void {
  const check = () => {
    const violations = fake()?.takeViolations() ?? [];
    expect(violations.map(describeViolation), 'REST calls that break Discord\'s spec or documented limits').toEqual([]);
  };
  afterEach(check);
  afterAll(check);
}

/** Every interaction got its first callback accepted within Discord's 3 s, measured on the fake's clock. */
export function expectAcknowledgedInTime(fake: FakeDiscord, sent: ReadonlyArray<{ id: string; time: number }>, deadlineMs = 3000): void {
  for (const interaction of sent) {
    const first = fake.callbacksFor(interaction.id)[0];
    expect(first, `no callback for ${interaction.id}`).toBeDefined();
    expect(first!.status, `callback status for ${interaction.id}`).toBeLessThan(300);
    expect(first!.time - interaction.time, `callback delay for ${interaction.id}`).toBeLessThan(deadlineMs);
  }
}

import { describe, expect, it } from 'vitest';
import { checkRequest, describeViolation } from './bodyViolations.js';
import { startFakeDiscord } from './fakeDiscord.js';
import { loadSpec } from './openapi.js';

const CALLBACK = '/interactions/200000000000000001/token/callback';
const ORIGINAL = '/webhooks/100000000000000001/token/messages/@original';
const FOLLOW_UP = '/webhooks/100000000000000001/token';
const GLOBAL_COMMANDS = '/applications/100000000000000001/commands';
const GUILD_COMMANDS = '/applications/100000000000000001/guilds/500000000000000001/commands';
const NO_MENTIONS = { parse: [] };

interface Call {
  method: string;
  path: string;
  query?: Record<string, string>;
  body?: unknown;
}

/** `[rule, where]` of each violation of the call. */
const found = ({ method, path, query = {}, body }: Call) => checkRequest({ method, path, query, body }).map((v) => [v.rule, v.at]);

const embed = (fields: Record<string, unknown> = {}) => ({ title: 'محصول القمح في حلب', description: 'قال مزارعون…', url: 'https://example.com/wheat', ...fields });
const reply = (data: Record<string, unknown>): Call => ({ method: 'POST', path: CALLBACK, body: { type: 4, data: { allowed_mentions: NO_MENTIONS, ...data } } });
const row = (...customIds: string[]) => ({ type: 1, components: customIds.map((id) => ({ type: 2, style: 2, label: id, custom_id: id })) });
const choices = (n: number, value = (i: number) => `source ${i}`) => ({ method: 'POST', path: CALLBACK, body: { type: 8, data: { choices: Array.from({ length: n }, (_, i) => ({ name: `Source ${i}`, value: value(i) })) } } });
const archive = (fields: Record<string, unknown> = {}) => ({
  name: 'archive',
  description: 'Run the archive',
  default_member_permissions: '32',
  options: [{ type: 1, name: 'stats', description: 'What the archive holds' }],
  ...fields,
});

describe('checkRequest', () => {
  it.each<[string, Call]>([
    ['a reply with embeds and paging buttons', reply({ content: 'x', embeds: [embed(), embed({ url: 'https://example.com/wheat#2' })], components: [row('page:prev', 'page:next')] })],
    ['an ephemeral deferral', { method: 'POST', path: CALLBACK, query: { with_response: 'true' }, body: { type: 5, data: { flags: 64 } } }],
    ['an update of the clicked message', { method: 'POST', path: CALLBACK, body: { type: 7, data: { allowed_mentions: NO_MENTIONS, embeds: [embed()] } } }],
    ['25 autocomplete choices', choices(25)],
    ['an edit of the original response, a URL with its Arabic percent-encoded', { method: 'PATCH', path: ORIGINAL, body: { allowed_mentions: NO_MENTIONS, embeds: [embed({ url: 'https://example.com/%D9%82%D9%85%D8%AD' })] } }],
    ['a follow-up', { method: 'POST', path: FOLLOW_UP, query: { wait: 'true' }, body: { content: 'Slow down', flags: 64, allowed_mentions: NO_MENTIONS } }],
    ['a guild registration whose default_member_permissions is a string, as documented', { method: 'PUT', path: GUILD_COMMANDS, body: [archive(), { name: 'Who said this?', type: 3 }] }],
    ['a global registration of an admin command limited to servers', { method: 'PUT', path: GLOBAL_COMMANDS, body: [archive({ contexts: [0] })] }],
    ['a GET without a body', { method: 'GET', path: '/gateway/bot' }],
  ])('accepts %s', (_, call) => {
    expect(found(call)).toEqual([]);
  });

  it.each<[string, Call, Array<[rule: string, at: string]>]>([
    ['an embed title of 257 characters', reply({ embeds: [embed({ title: 'ق'.repeat(257) })] }), [['spec: schema maxLength', '/data/embeds/0/title'], ['docs: BASE_TYPE_MAX_LENGTH', '/data/embeds/0/title']]],
    ['content of 2001 characters', reply({ content: 'x'.repeat(2001) }), [['spec: schema maxLength', '/data/content'], ['docs: BASE_TYPE_MAX_LENGTH', '/data/content']]],
    ['11 embeds', reply({ embeds: Array.from({ length: 11 }, (_, i) => embed({ url: `https://example.com/${i}` })) }), [['spec: schema maxItems', '/data/embeds'], ['docs: BASE_TYPE_MAX_LENGTH', '/data/embeds']]],
    ['embeds of 6001 characters in all', reply({ embeds: [embed({ title: undefined, description: 'x'.repeat(4000) }), embed({ url: undefined, title: undefined, description: 'x'.repeat(2001) })] }), [['docs: MAX_EMBED_SIZE_EXCEEDED', '/data/embeds']]],
    ['two embeds with the same url', reply({ embeds: [embed(), embed()] }), [['docs: EMBED_URL_DUPLICATED', '/data/embeds/1/url']]],
    ['a custom_id used twice', reply({ components: [row('page:prev'), row('page:prev')] }), [['docs: COMPONENT_CUSTOM_ID_DUPLICATED', '/data/components/1/components/0/custom_id']]],
    ['an embed url with raw Arabic', reply({ embeds: [embed({ url: 'https://example.com/قمح' })] }), [['spec: schema format', '/data/embeds/0/url']]],
    ['a javascript: link', reply({ embeds: [embed({ url: 'javascript:alert(1)' })] }), [['docs: URL_TYPE_INVALID_SCHEME', '/data/embeds/0/url']]],
    ['a colour given as a name', reply({ embeds: [embed({ color: 'red' })] }), [['spec: schema type', '/data/embeds/0/color']]],
    ['a component of an unknown type', reply({ components: [{ type: 1, components: [{ type: 99, custom_id: 'x' }] }] }), [['spec: schema enum', '/data/components/0/components/0/type']]],
    ['an unknown callback type', { method: 'POST', path: CALLBACK, body: { type: 99 } }, [['spec: schema enum', '/type']]],
    ['a message without allowed_mentions', { method: 'PATCH', path: ORIGINAL, body: { content: '@everyone' } }, [['docs: ALLOWED_MENTIONS_MISSING', '/allowed_mentions']]],
    ['26 autocomplete choices', choices(26), [['spec: schema maxItems', '/data/choices'], ['docs: BASE_TYPE_MAX_LENGTH', '/data/choices']]],
    ['a choice value of 101 characters (the spec allows 6000)', choices(1, () => 'x'.repeat(101)), [['docs: BASE_TYPE_MAX_LENGTH', '/data/choices/0/value']]],
    ['a command name with capitals', { method: 'PUT', path: GUILD_COMMANDS, body: [archive({ name: 'Archive' })] }, [['docs: APPLICATION_COMMAND_INVALID_NAME', '/0/name']]],
    ['a global admin command usable outside servers', { method: 'PUT', path: GLOBAL_COMMANDS, body: [archive()] }, [['docs: COMMAND_CONTEXTS_NOT_GUILD_ONLY', '/0/contexts']]],
    ['default_member_permissions as a number', { method: 'PUT', path: GUILD_COMMANDS, body: [archive({ default_member_permissions: 32 })] }, [['spec: schema type', '/0/default_member_permissions']]],
    ['an undocumented route', { method: 'POST', path: '/channels/1/messages/bulk-send', body: {} }, [['spec: route', '']]],
    ['an interaction id that is no snowflake', { method: 'POST', path: '/interactions/undefined/token/callback', body: { type: 6 } }, [['spec: path', '']]],
    ['a query parameter the route does not take', { method: 'POST', path: FOLLOW_UP, query: { silent: 'true' }, body: { content: 'x', allowed_mentions: NO_MENTIONS } }, [['spec: query', '']]],
  ])('rejects %s', (_, call, expected) => {
    expect(found(call)).toEqual(expected);
  });

  it('describes a violation with its request, rule, place and value', () => {
    const [violation] = checkRequest({ method: 'POST', path: CALLBACK, query: {}, body: reply({ embeds: [embed({ url: 'https://example.com/قمح' })] }).body });
    expect(describeViolation(violation!)).toBe(
      `POST ${CALLBACK} [spec: schema format] /data/embeds/0/url: must match format "uri"; value "https://example.com/قمح"`,
    );
  });
});

describe('FakeDiscord.takeViolations', () => {
  it('lists the violations of every call received since the last take, then forgets them', async () => {
    const fake = await startFakeDiscord();
    try {
      const body = { type: 4, data: { allowed_mentions: NO_MENTIONS, embeds: [embed(), embed()] } };
      await fetch(`${fake.apiUrl}/v10${CALLBACK}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(fake.takeViolations().map(describeViolation)).toEqual([
        `POST ${CALLBACK} [docs: EMBED_URL_DUPLICATED] /data/embeds/1/url: Same url as embeds[0]: Discord merges embeds sharing a url into one; value "https://example.com/wheat"`,
      ]);
      expect(fake.takeViolations()).toEqual([]);
    } finally {
      await fake.stop();
    }
  });
});

describe('loadSpec', () => {
  it('fails naming the missing file', () => {
    expect(() => loadSpec('/nowhere/openapi.json')).toThrow(/OpenAPI spec is missing at \/nowhere\/openapi\.json/);
  });
});

/**
 * The rules of Discord's developer docs that a REST body must follow and that the OpenAPI spec leaves out:
 * message, embed and autocomplete limits (`limits.ts`) and command rules (`commands.ts`), which the fake also
 * enforces, plus what it lets through: embeds of one message with distinct `url`s (Discord merges the rest
 * into the first), unique `custom_id`s, link schemes, `allowed_mentions` on every message, and admin commands
 * that cannot be run outside a server.
 */
import type {
  APICommandAutocompleteInteractionResponseCallbackData,
  APIEmbed,
  RESTPutAPIApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { commandLimits } from './commands.js';
import { FormErrors, choiceLimits, messageLimits, type FormError, type Path } from './limits.js';
import type { MessageBody } from './messages.js';

type Json = Record<string, unknown>;

const WEB = ['http', 'https'];
const WEB_OR_UPLOAD = [...WEB, 'attachment'];
/** The link schemes each URL of a message may have. */
const EMBED_LINKS: Array<[path: string[], schemes: string[]]> = [
  [['url'], WEB],
  [['author', 'url'], WEB],
  [['author', 'icon_url'], WEB_OR_UPLOAD],
  [['footer', 'icon_url'], WEB_OR_UPLOAD],
  [['image', 'url'], WEB_OR_UPLOAD],
  [['thumbnail', 'url'], WEB_OR_UPLOAD],
];
const BUTTON_LINK_SCHEMES = [...WEB, 'discord'];
/** Interaction contexts: 0 a server, 1 the bot's DMs, 2 other private channels. */
const GUILD_CONTEXT = 0;

/** Every documented rule `body` breaks as the body of `method path` (below `/api/v10`); bodies of other routes have none. */
export function documentedRuleErrors(method: string, path: string, body: unknown): readonly FormError[] {
  if (typeof body !== 'object' || body === null) return [];
  const json = body as Json;
  const commands = /^\/applications\/[^/]+(\/guilds\/[^/]+)?\/commands$/.exec(path);
  if (method === 'POST' && /^\/interactions\/[^/]+\/[^/]+\/callback$/.test(path)) {
    if (json.type === 4 || json.type === 7) return messageRules((json.data ?? {}) as MessageBody, ['data']);
    if (json.type === 8) return collect(['data'], (errors) => choiceLimits((json.data ?? {}) as APICommandAutocompleteInteractionResponseCallbackData, errors));
  } else if (/^\/webhooks\/[^/]+\/[^/]+(\/messages\/[^/]+)?$/.test(path) && (method === 'POST' || method === 'PATCH')) {
    return messageRules(json as MessageBody, []);
  } else if (commands && method === 'PUT' && Array.isArray(body)) {
    const list = body as RESTPutAPIApplicationCommandsJSONBody;
    return collect([], (errors) => {
      commandLimits(list, errors);
      if (!commands[1]) list.forEach((command, i) => guildOnlyAdmin(command, [i], errors));
    });
  }
  return [];
}

function collect(prefix: Path, check: (errors: FormErrors) => void): readonly FormError[] {
  const errors = new FormErrors(prefix);
  check(errors);
  return errors.errors;
}

/** Discord's limits on a message, and the rules the fake does not refuse. */
function messageRules(body: MessageBody, prefix: Path): readonly FormError[] {
  return collect(prefix, (errors) => {
    messageLimits(body, errors);
    if (body.allowed_mentions == null) {
      errors.add(['allowed_mentions'], 'ALLOWED_MENTIONS_MISSING', 'Every message says whom it may ping (allowed_mentions), so corpus text never pings anyone');
    }
    (body.embeds ?? []).forEach((embed, i, embeds) => {
      const first = embed.url === undefined ? i : embeds.findIndex((other) => other.url === embed.url);
      if (first < i) errors.add(['embeds', i, 'url'], 'EMBED_URL_DUPLICATED', `Same url as embeds[${first}]: Discord merges embeds sharing a url into one`, embed.url);
      for (const [path, schemes] of EMBED_LINKS) checkScheme(errors, ['embeds', i, ...path], linkAt(embed, path), schemes);
    });
    const seen = new Set<string>();
    for (const [component, at] of componentsOf(body.components ?? [], ['components'])) {
      const customId = component.custom_id;
      if (typeof customId === 'string' && seen.has(customId)) {
        errors.add([...at, 'custom_id'], 'COMPONENT_CUSTOM_ID_DUPLICATED', 'Component custom id cannot be duplicated', customId);
      }
      if (typeof customId === 'string') seen.add(customId);
      if (component.type === 2 && component.style === 5) checkScheme(errors, [...at, 'url'], component.url, BUTTON_LINK_SCHEMES);
    }
  });
}

function linkAt(embed: APIEmbed, path: string[]): unknown {
  return path.reduce<unknown>((node, key) => (typeof node === 'object' && node !== null ? (node as Json)[key] : undefined), embed);
}

function checkScheme(errors: FormErrors, at: Path, url: unknown, schemes: string[]): void {
  if (typeof url !== 'string') return;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme === undefined || !schemes.includes(scheme)) {
    errors.add(at, 'URL_TYPE_INVALID_SCHEME', `Scheme "${scheme ?? ''}" is not supported. Scheme must be one of (${schemes.join(', ')}).`, url);
  }
}

/** Every component of a message, nested ones too (rows, containers, sections' accessories), with where it is. */
function* componentsOf(components: readonly unknown[], at: Path): Generator<[Json, Path]> {
  for (const [i, component] of components.entries()) yield* componentTree(component, [...at, i]);
}

function* componentTree(component: unknown, at: Path): Generator<[Json, Path]> {
  if (typeof component !== 'object' || component === null) return;
  const json = component as Json;
  yield [json, at];
  if (Array.isArray(json.components)) yield* componentsOf(json.components, [...at, 'components']);
  if (json.accessory !== undefined) yield* componentTree(json.accessory, [...at, 'accessory']);
}

/**
 * A global command restricted by `default_member_permissions` must be limited to servers (`contexts: [0]`):
 * member permissions only exist in a server, and by default a new command can be used in every context.
 */
function guildOnlyAdmin(command: RESTPutAPIApplicationCommandsJSONBody[number], at: Path, errors: FormErrors): void {
  if (command.default_member_permissions == null) return;
  const contexts = command.contexts ?? undefined;
  if (contexts === undefined || contexts.some((context) => context !== GUILD_CONTEXT)) {
    errors.add([...at, 'contexts'], 'COMMAND_CONTEXTS_NOT_GUILD_ONLY', `"${command.name}" needs default_member_permissions yet can be used outside servers (contexts must be [${GUILD_CONTEXT}])`, contexts);
  }
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import {
  type APIInteractionResponse,
  type APIMessage,
  type APIUser,
  MessageType,
  type RESTAPIAttachment,
  type RESTGetAPIGatewayBotResult,
  type RESTPutAPIApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { CommandRegistry } from './commands.js';
import { checkMessage } from './limits.js';
import { type MessageBody, buildMessage } from './messages.js';
import type { Answer, InteractionResponses } from './responses.js';

/** One REST call the fake received, with what it answered. */
export interface RecordedRequest {
  method: string;
  /** Below `/api/v10`, percent-decoded (discord.js sends `%40original`; this holds `/webhooks/1/tok/messages/@original`). */
  path: string;
  query: Record<string, string>;
  /** The parsed JSON body, or the `payload_json` part of a multipart body; undefined when empty. */
  body: unknown;
  /** The files of a multipart body (`files[N]` parts). */
  files?: UploadedFile[];
  /** When it arrived, in ms since the fake started (`performance.now()` clock). */
  time: number;
  status: number;
  /** The interaction it responds to, for callbacks and interaction-webhook calls. */
  interactionId?: string;
}

/** A file part of a multipart request. */
export interface UploadedFile {
  /** The part's name, `files[N]`. */
  field: string;
  name: string;
  size: number;
}

/** What the REST routes serve. */
export interface RestBackend {
  applicationId: string;
  botUser: APIUser;
  gatewayUrl: string;
  responses: InteractionResponses;
  commands: CommandRegistry;
  /** Messages the bot posted in channels, in order. */
  channelMessages: APIMessage[];
  /** The shard count `GET /gateway/bot` recommends. */
  shards: number;
  /** Shards that may identify together (`session_start_limit.max_concurrency`). */
  maxConcurrency: number;
}

interface Call {
  method: string;
  params: (string | undefined)[];
  query: URLSearchParams;
  body: unknown;
  authorized: boolean;
}
type Route = [methods: string, pattern: RegExp, handle: (call: Call) => Answer];

/** The routes served here that take a JSON body, as Discord's OpenAPI spec names them. */
export const BODY_ROUTES = [
  ['POST', '/interactions/{interaction_id}/{interaction_token}/callback'],
  ['POST', '/webhooks/{webhook_id}/{webhook_token}'],
  ['PATCH', '/webhooks/{webhook_id}/{webhook_token}/messages/@original'],
  ['PATCH', '/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}'],
  ['PUT', '/applications/{application_id}/commands'],
  ['PUT', '/applications/{application_id}/guilds/{guild_id}/commands'],
  ['POST', '/channels/{channel_id}/messages'],
] as const;

const UNAUTHORIZED: Answer = { status: 401, body: { message: '401: Unauthorized', code: 0 } };
const NOT_FOUND: Answer = { status: 404, body: { message: '404: Not Found', code: 0 } };
const ok = (body: unknown): Answer => ({ status: 200, body });
/** Routes that need the bot token (`Authorization: Bot …`), unlike the interaction ones. */
const asBot = (handle: (call: Call) => Answer) => (call: Call) => (call.authorized ? handle(call) : UNAUTHORIZED);

function routes(b: RestBackend): Route[] {
  const gatewayBot: RESTGetAPIGatewayBotResult = {
    url: b.gatewayUrl,
    shards: b.shards,
    session_start_limit: { total: 1000, remaining: 1000, reset_after: 86_400_000, max_concurrency: b.maxConcurrency },
  };
  const application = { id: b.applicationId, name: b.botUser.username, description: '', flags: 0, bot_public: true, bot: b.botUser };
  const commands = /^\/applications\/([^/]+)(?:\/guilds\/([^/]+))?\/commands$/;
  const ownApp = (handle: (call: Call) => Answer) =>
    asBot((call) => (call.params[0] === b.applicationId ? handle(call) : { status: 403, body: { message: 'Missing Access', code: 50001 } }));
  return [
    ['GET', /^\/gateway\/bot$/, asBot(() => ok(gatewayBot))],
    ['GET', /^\/gateway$/, () => ok({ url: b.gatewayUrl })],
    ['GET', /^\/users\/@me$/, asBot(() => ok(b.botUser))],
    ['GET', /^\/applications\/@me$/, asBot(() => ok(application))],
    ['GET', commands, ownApp(({ params }) => ok(b.commands.list(params[1])))],
    ['PUT', commands, ownApp(({ params, body }) => b.commands.overwrite(params[1], (Array.isArray(body) ? body : []) as RESTPutAPIApplicationCommandsJSONBody))],
    [
      'POST',
      /^\/interactions\/([^/]+)\/([^/]+)\/callback$/,
      ({ params: [id = '', token = ''], query, body }) =>
        b.responses.callback(id, token, (body ?? {}) as APIInteractionResponse, query.get('with_response') === 'true'),
    ],
    // A message the bot posts in a channel (follow alerts): checked against Discord's limits, stored, returned.
    [
      'POST',
      /^\/channels\/(\d+)\/messages$/,
      asBot(({ params: [channelId = ''], body }) => {
        const invalid = checkMessage((body ?? {}) as MessageBody, { isNew: true });
        if (invalid) return invalid;
        const message = buildMessage({ channelId, author: b.botUser, type: MessageType.Default }, (body ?? {}) as MessageBody);
        b.channelMessages.push(message);
        return ok(message);
      }),
    ],
    [
      'GET POST PATCH DELETE',
      /^\/webhooks\/([^/]+)\/([^/]+)(?:\/messages\/([^/]+))?$/,
      ({ method, params: [app = '', token = '', messageId], query, body }) => {
        const answer = b.responses.webhook(method, app, token, messageId, (body ?? {}) as MessageBody);
        return method === 'POST' && answer.status === 200 && query.get('wait') !== 'true' ? { status: 204 } : answer;
      },
    ],
  ];
}

/** The HTTP handler for `/api/v10/...`: parses JSON or multipart bodies, routes, answers, and records every call. */
export function restHandler(backend: RestBackend, record: (request: RecordedRequest) => void, startedAt: number) {
  const table = routes(backend);
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const time = performance.now() - startedAt;
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    const versioned = /^\/api\/v10(?=\/)/.test(url.pathname);
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, '');
    let body: unknown;
    let files: UploadedFile[] | undefined;
    let answer: Answer;
    try {
      ({ body, files } = await readBody(req));
      const call = { method, params: [], query: url.searchParams, body: withUploads(body, files ?? []), authorized: /^Bot \S/.test(req.headers.authorization ?? '') };
      answer = versioned ? route(table, path, call) : NOT_FOUND;
    } catch (error) {
      // A bad body is the client's fault (400 like Discord); a bug in the fake must not become a 5xx that discord.js retries.
      const message = error instanceof SyntaxError ? 'The request body contains invalid JSON.' : `fake Discord failed: ${String(error)}`;
      answer = { status: 400, body: { code: error instanceof SyntaxError ? 50109 : 0, message } };
    }
    const token = /^\/webhooks\/[^/]+\/([^/]+)/.exec(path)?.[1];
    const interactionId = /^\/interactions\/([^/]+)\//.exec(path)?.[1] ?? (token && backend.responses.idForToken(token));
    res.writeHead(answer.status, answer.body === undefined ? {} : { 'content-type': 'application/json' });
    res.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
    const query = Object.fromEntries(url.searchParams);
    record({ method, path, query, body, ...(files && { files }), time, status: answer.status, ...(interactionId && { interactionId }) });
  };
}

function route(table: Route[], path: string, call: Call): Answer {
  let pathKnown = false;
  for (const [methods, pattern, handle] of table) {
    const match = pattern.exec(path);
    if (!match) continue;
    pathKnown = true;
    if (methods.split(' ').includes(call.method)) return handle({ ...call, params: match.slice(1) });
  }
  return pathKnown ? { status: 405, body: { message: '405: Method Not Allowed', code: 0 } } : NOT_FOUND;
}

/** The JSON body, or `payload_json` and the files of a multipart one (discord.js sends multipart when files are attached). */
async function readBody(req: IncomingMessage): Promise<{ body: unknown; files?: UploadedFile[] }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  if (raw.length === 0) return { body: undefined };
  const type = req.headers['content-type'] ?? '';
  if (!type.startsWith('multipart/form-data')) return { body: JSON.parse(raw.toString('utf8')) };
  const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
  const json = form.get('payload_json');
  const files: UploadedFile[] = [];
  form.forEach((value, field) => {
    if (typeof value !== 'string') files.push({ field, name: value.name, size: value.size });
  });
  return { body: typeof json === 'string' ? JSON.parse(json) : {}, files };
}

/** The body handlers see: new uploads listed in `attachments` with their file names, as Discord resolves them. */
function withUploads(body: unknown, files: UploadedFile[]): unknown {
  if (files.length === 0 || typeof body !== 'object' || body === null) return body;
  const message = body as MessageBody;
  const fileFor = (id: string | number) => files.find((f) => f.field === `files[${id}]`);
  const listed: RESTAPIAttachment[] = message.attachments ?? files.map((f) => ({ id: f.field.slice('files['.length, -1) }));
  return { ...message, attachments: listed.map((a) => ({ ...a, filename: a.filename ?? fileFor(a.id)?.name })) };
}

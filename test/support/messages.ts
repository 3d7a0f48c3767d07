import {
  AllowedMentionsTypes,
  EmbedType,
  MessageFlags,
  type APIAllowedMentions,
  type APIAttachment,
  type APIInteractionResponseCallbackData,
  type APIMessage,
  type APIMessageInteractionMetadata,
  type APIUser,
  type MessageType,
} from 'discord-api-types/v10';

/** The message fields a bot sends in a callback, follow-up or edit (JSON body or multipart `payload_json`). */
export type MessageBody = APIInteractionResponseCallbackData;

/** Flags a bot may set on a message it sends; EPHEMERAL only counts on the interaction's first message. */
const SETTABLE_FLAGS = MessageFlags.SuppressEmbeds | MessageFlags.SuppressNotifications | MessageFlags.IsComponentsV2;
const DISCORD_EPOCH = 1_420_070_400_000n;
let lastSnowflake = 0n;

/** A fresh, strictly increasing snowflake whose timestamp is now, so discord.js's `createdAt` is right. */
export function snowflake(): string {
  const now = (BigInt(Date.now()) - DISCORD_EPOCH) << 22n;
  lastSnowflake = now > lastSnowflake ? now : lastSnowflake + 1n;
  return lastSnowflake.toString();
}

/** A user object with Discord's required fields; `id` and `username` are the ones worth overriding. */
export function makeUser(fields: Partial<APIUser> & Pick<APIUser, 'id'>): APIUser {
  return { username: `user${fields.id}`, discriminator: '0', global_name: null, avatar: null, ...fields };
}

/** Where and by whom a new message is posted. */
export interface MessageOrigin {
  channelId: string;
  author: APIUser;
  type: MessageType;
  /** Set for messages an application posts through an interaction webhook. */
  applicationId?: string;
  interaction?: APIMessageInteractionMetadata;
  /** Flags the message gets regardless of the body (EPHEMERAL, LOADING). */
  forcedFlags?: number;
}

/** Builds the message object Discord would store and return for `body`. */
export function buildMessage(origin: MessageOrigin, body: MessageBody): APIMessage {
  const content = body.content ?? '';
  const message: APIMessage = {
    id: snowflake(),
    channel_id: origin.channelId,
    author: origin.author,
    content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: body.tts ?? false,
    ...mentionsIn(content, body.allowed_mentions),
    attachments: attachmentsOf(body),
    embeds: embedsOf(body),
    components: body.components ?? [],
    pinned: false,
    type: origin.type,
    flags: (origin.forcedFlags ?? 0) | ((body.flags ?? 0) & SETTABLE_FLAGS),
  };
  if (origin.applicationId !== undefined) {
    message.webhook_id = origin.applicationId;
    message.application_id = origin.applicationId;
  }
  if (origin.interaction) message.interaction_metadata = origin.interaction;
  return message;
}

/** Applies an edit: fields present in `body` replace the message's; EPHEMERAL stays what it was; LOADING ends. */
export function editMessage(message: APIMessage, body: MessageBody): APIMessage {
  const flags = message.flags ?? 0;
  const edited: APIMessage = {
    ...message,
    edited_timestamp: flags & MessageFlags.Loading ? null : new Date().toISOString(),
    flags: (flags & MessageFlags.Ephemeral) | ((body.flags ?? flags) & SETTABLE_FLAGS),
  };
  if (body.content !== undefined) {
    edited.content = body.content;
    Object.assign(edited, mentionsIn(edited.content, body.allowed_mentions));
  }
  if (body.embeds !== undefined) edited.embeds = embedsOf(body);
  if (body.components !== undefined) edited.components = body.components;
  if (body.attachments !== undefined) edited.attachments = attachmentsOf(body, message.attachments);
  return edited;
}

/** The mentions Discord resolves in `content`: only those `allowed_mentions` permits (everything when absent). */
function mentionsIn(content: string, allowed: APIAllowedMentions | undefined) {
  const parse = allowed ? (allowed.parse ?? []) : Object.values(AllowedMentionsTypes);
  const idsOf = (pattern: RegExp, kind: AllowedMentionsTypes, listed: readonly string[] = []) =>
    [...new Set([...content.matchAll(pattern)].map((m) => m[1] ?? ''))].filter((id) => parse.includes(kind) || listed.includes(id));
  return {
    mention_everyone: /@(everyone|here)\b/.test(content) && parse.includes(AllowedMentionsTypes.Everyone),
    mentions: idsOf(/<@!?(\d+)>/g, AllowedMentionsTypes.User, allowed?.users).map((id) => makeUser({ id })),
    mention_roles: idsOf(/<@&(\d+)>/g, AllowedMentionsTypes.Role, allowed?.roles),
  };
}

function embedsOf(body: MessageBody): APIMessage['embeds'] {
  return (body.embeds ?? []).map((embed) => ({ type: EmbedType.Rich, ...embed }));
}

/** The message's attachments: ones it already has (listed by id) and new uploads (named by the REST layer). */
function attachmentsOf(body: MessageBody, existing: APIAttachment[] = []): APIAttachment[] {
  return (body.attachments ?? []).map((a) => {
    const kept = existing.find((e) => e.id === String(a.id));
    if (kept) return kept;
    const id = snowflake();
    const filename = a.filename ?? 'unknown';
    const url = `https://cdn.discordapp.test/attachments/${id}/${filename}`;
    return { id, filename, size: 0, url, proxy_url: url, ...(a.description && { description: a.description }) };
  });
}

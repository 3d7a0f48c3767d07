import { performance } from 'node:perf_hooks';
import {
  ApplicationCommandType,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  MessageType,
  type APIInteractionResponse,
  type APIMessage,
  type APIMessageInteractionMetadata,
  type APIUser,
  type RESTPostAPIInteractionCallbackWithResponseResult,
} from 'discord-api-types/v10';
import type { FakeInteraction } from './interactions.js';
import { apiError, checkChoices, checkMessage, formError, type DiscordError } from './limits.js';
import { buildMessage, editMessage, type MessageBody, type MessageOrigin } from './messages.js';

/** What an endpoint answers: a status and a JSON body (none for 204). */
export interface Answer {
  status: number;
  body?: unknown;
}

/** Everything the fake knows about one interaction it pushed. */
export interface InteractionState {
  readonly payload: FakeInteraction;
  /** `performance.now()` when it was dispatched. */
  readonly sentAt: number;
  /** The accepted initial callback's type. */
  response?: InteractionResponseType;
  /** The original response (or the component's message after type 6/7); absent until there is one or after DELETE. */
  original?: APIMessage;
  /** `performance.now()` when the original response first became a visible answer (not a loading state). */
  answeredAt?: number;
  followUps: APIMessage[];
}

/** Settings of Discord's interaction rules. */
export interface ResponseRules {
  applicationId: string;
  botUser: APIUser;
  callbackDeadlineMs: number;
  tokenLifetimeMs: number;
}

/** Callback types per interaction type: 4 reply, 5 defer, 6 defer update, 7 update, 8 autocomplete result, 9 modal. */
const ALLOWED_CALLBACKS: Record<FakeInteraction['type'], InteractionResponseType[]> = {
  [InteractionType.ApplicationCommand]: [4, 5, 9],
  [InteractionType.MessageComponent]: [4, 5, 6, 7, 9],
  [InteractionType.ApplicationCommandAutocomplete]: [8],
};
const UNKNOWN_WEBHOOK = apiError(404, 10015, 'Unknown Webhook');

/** Discord's side of responding to interactions: initial callbacks, then the webhook for `@original` and follow-ups. */
export class InteractionResponses {
  private readonly byId = new Map<string, InteractionState>();
  private readonly byToken = new Map<string, InteractionState>();

  constructor(private readonly rules: ResponseRules) {}

  /** Starts tracking an interaction that is being dispatched now. */
  add(payload: FakeInteraction): void {
    const state: InteractionState = { payload, sentAt: performance.now(), followUps: [] };
    this.byId.set(payload.id, state);
    this.byToken.set(payload.token, state);
  }

  /** What is known about the interaction, if the fake sent it. */
  get(id: string): InteractionState | undefined {
    return this.byId.get(id);
  }

  /** The interaction a webhook token belongs to. */
  idForToken(token: string): string | undefined {
    return this.byToken.get(token)?.payload.id;
  }

  /** `POST /interactions/{id}/{token}/callback`. */
  callback(id: string, token: string, body: APIInteractionResponse, withResponse: boolean): Answer {
    const state = this.byId.get(id);
    if (!state || state.payload.token !== token) return apiError(404, 10062, 'Unknown interaction');
    if (state.response !== undefined) return apiError(400, 40060, 'Interaction has already been acknowledged.');
    if (performance.now() - state.sentAt > this.rules.callbackDeadlineMs) {
      return apiError(404, 10062, 'Unknown interaction');
    }
    if (!ALLOWED_CALLBACKS[state.payload.type].includes(body.type)) {
      return formError(['type'], 'INTERACTION_RESPONSE_TYPE_INVALID', `Interaction response type ${body.type} is not valid here.`);
    }
    const invalid = this.apply(state, body);
    if (invalid) return invalid;
    state.response = body.type;
    if (!withResponse) return { status: 204 };
    const message = state.original;
    const result: RESTPostAPIInteractionCallbackWithResponseResult = {
      interaction: {
        id,
        type: state.payload.type,
        ...(message && {
          response_message_id: message.id,
          response_message_loading: Boolean((message.flags ?? 0) & MessageFlags.Loading),
          response_message_ephemeral: Boolean((message.flags ?? 0) & MessageFlags.Ephemeral),
        }),
      },
      resource: { type: body.type, ...(message && { message }) },
    };
    return { status: 200, body: result };
  }

  private apply(state: InteractionState, body: APIInteractionResponse): DiscordError | undefined {
    const { payload } = state;
    switch (body.type) {
      case InteractionResponseType.ChannelMessageWithSource: {
        const data = body.data ?? {};
        const invalid = checkMessage(data, { prefix: ['data'], isNew: true });
        if (invalid) return invalid;
        state.original = buildMessage(this.origin(state, (data.flags ?? 0) & MessageFlags.Ephemeral), data);
        state.answeredAt = performance.now();
        return undefined;
      }
      case InteractionResponseType.DeferredChannelMessageWithSource: {
        const flags = ((body.data?.flags ?? 0) & MessageFlags.Ephemeral) | MessageFlags.Loading;
        state.original = buildMessage(this.origin(state, flags), {});
        return undefined;
      }
      case InteractionResponseType.DeferredMessageUpdate:
      case InteractionResponseType.UpdateMessage: {
        if (payload.type !== InteractionType.MessageComponent) return undefined;
        if (body.type === InteractionResponseType.DeferredMessageUpdate) {
          state.original = payload.message;
          return undefined;
        }
        const data = body.data ?? {};
        const invalid = checkMessage(data, { prefix: ['data'] });
        if (invalid) return invalid;
        state.original = editMessage(payload.message, data);
        state.answeredAt = performance.now();
        return undefined;
      }
      case InteractionResponseType.ApplicationCommandAutocompleteResult:
        return checkChoices(body.data);
      default:
        return undefined;
    }
  }

  /** `/webhooks/{app}/{token}` (POST: follow-up) and `/webhooks/{app}/{token}/messages/{id | @original}`. */
  webhook(method: string, appId: string, token: string, messageId: string | undefined, body: MessageBody): Answer {
    if (appId !== this.rules.applicationId) return UNKNOWN_WEBHOOK;
    const state = this.byToken.get(token);
    if (!state || performance.now() - state.sentAt > this.rules.tokenLifetimeMs) {
      return apiError(401, 50027, 'Invalid Webhook Token');
    }
    if (state.response === undefined) return UNKNOWN_WEBHOOK;
    if (messageId === undefined) return method === 'POST' ? this.followUp(state, body) : UNKNOWN_WEBHOOK;

    const original = messageId === '@original' || messageId === state.original?.id;
    const target = original ? state.original : state.followUps.find((m) => m.id === messageId);
    if (!target) return apiError(404, 10008, 'Unknown Message');
    if (method === 'GET') return { status: 200, body: target };
    if (method === 'DELETE') {
      if (original) state.original = undefined;
      else state.followUps = state.followUps.filter((m) => m !== target);
      return { status: 204 };
    }
    if (method !== 'PATCH') return apiError(405, 0, '405: Method Not Allowed');
    const invalid = checkMessage(body);
    if (invalid) return invalid;
    const edited = editMessage(target, body);
    if (original) {
      state.original = edited;
      state.answeredAt ??= performance.now();
    } else {
      state.followUps = state.followUps.map((m) => (m === target ? edited : m));
    }
    return { status: 200, body: edited };
  }

  /** A follow-up; the first one after a deferral replaces the loading message, keeping the deferral's ephemerality. */
  private followUp(state: InteractionState, body: MessageBody): Answer {
    const invalid = checkMessage(body, { isNew: true });
    if (invalid) return invalid;
    const loading = state.original && (state.original.flags ?? 0) & MessageFlags.Loading;
    if (state.original && loading) {
      state.original = editMessage(state.original, body);
      state.answeredAt ??= performance.now();
      return { status: 200, body: state.original };
    }
    const message = buildMessage(this.origin(state, (body.flags ?? 0) & MessageFlags.Ephemeral, MessageType.Default), body);
    state.followUps.push(message);
    return { status: 200, body: message };
  }

  private origin(state: InteractionState, forcedFlags: number, type = this.originalType(state.payload)): MessageOrigin {
    const { payload } = state;
    const user = payload.member?.user ?? payload.user;
    if (!user) throw new Error(`fake Discord: interaction ${payload.id} has neither user nor member`);
    const common = { id: payload.id, user, authorizing_integration_owners: payload.authorizing_integration_owners };
    const interaction: APIMessageInteractionMetadata =
      payload.type === InteractionType.MessageComponent
        ? { ...common, type: InteractionType.MessageComponent, interacted_message_id: payload.message.id }
        : { ...common, type: InteractionType.ApplicationCommand };
    const channelId = payload.channel?.id ?? payload.channel_id ?? '';
    return { channelId, author: this.rules.botUser, type, applicationId: this.rules.applicationId, interaction, forcedFlags };
  }

  private originalType(payload: FakeInteraction): MessageType {
    if (payload.type !== InteractionType.ApplicationCommand) return MessageType.Default;
    return payload.data.type === ApplicationCommandType.ChatInput ? MessageType.ChatInputCommand : MessageType.ContextMenuCommand;
  }
}

import { randomBytes } from 'node:crypto';
import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  ComponentType,
  InteractionContextType,
  InteractionType,
  Locale,
  MessageType,
  PermissionFlagsBits,
  type APIApplicationCommand,
  type APIApplicationCommandAutocompleteInteraction,
  type APIChatInputApplicationCommandInteraction,
  type APIMessage,
  type APIMessageApplicationCommandInteraction,
  type APIMessageComponentButtonInteraction,
  type APIUser,
} from 'discord-api-types/v10';
import { buildMessage, makeUser, snowflake } from './messages.js';
import { toAutocompleteOptions, toOptions, type AutocompleteOption, type CommandOption, type OptionValues } from './options.js';

/** Every interaction the fake can push. */
export type FakeInteraction =
  | APIChatInputApplicationCommandInteraction
  | APIApplicationCommandAutocompleteInteraction
  | APIMessageComponentButtonInteraction
  | APIMessageApplicationCommandInteraction;

/** Who triggers an interaction, and where. */
export interface Invoker {
  /** Merged over the default user `tester` (id 300000000000000001). */
  user?: Partial<APIUser>;
  /** The guild it happens in (the payload then has `member` with permissions); absent: the bot's DMs (`user`). */
  guildId?: string;
  /** Defaults to 400000000000000001 (or the button's message channel). */
  channelId?: string;
  /** The user's client language (Discord's `locale`); default `en-US`. */
  locale?: Locale;
  /** The member's permissions in a guild; default: view, send and use application commands (no Manage Server). */
  permissions?: bigint;
}


/** A `/name` invocation. */
export interface SlashCommand extends Invoker {
  name: string;
  options?: OptionValues | CommandOption[];
}

/** A user typing into an autocomplete option. */
export interface AutocompleteRequest extends Invoker {
  name: string;
  /** Values typed so far; raw options must mark one `focused: true`. */
  options: OptionValues | AutocompleteOption[];
  /** With `OptionValues`: the option being typed into. */
  focused?: string;
}

/** A click on a button of a message the bot posted. */
export interface ButtonPress extends Invoker {
  customId: string;
  message: APIMessage;
}

/** A message context-menu command on someone's message. */
export interface MessageCommand extends Invoker {
  name: string;
  targetMessage: { id?: string; content: string; author?: Partial<APIUser> };
}

/** What the builders need from the fake: its application id and the commands registered so far. */
export interface BuildContext {
  applicationId: string;
  findCommand(name: string, guildId: string | undefined): APIApplicationCommand | undefined;
}

const DEFAULT_USER = makeUser({ id: '300000000000000001', username: 'tester', global_name: 'Tester' });
const DEFAULT_CHANNEL = '400000000000000001';
const MEMBER_PERMISSIONS = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.UseApplicationCommands;
const APP_PERMISSIONS = MEMBER_PERMISSIONS | PermissionFlagsBits.EmbedLinks | PermissionFlagsBits.AttachFiles | PermissionFlagsBits.ReadMessageHistory;

/** The fields every interaction shares: ids, token, invoker (`user` or guild `member`), channel, context. */
function envelope(ctx: BuildContext, invoker: Invoker, channelId = invoker.channelId ?? DEFAULT_CHANNEL) {
  const user = makeUser({ ...DEFAULT_USER, ...invoker.user });
  const id = snowflake();
  const shared = {
    id,
    application_id: ctx.applicationId,
    token: randomBytes(48).toString('base64url'),
    version: 1 as const,
    app_permissions: String(APP_PERMISSIONS),
    locale: invoker.locale ?? Locale.EnglishUS,
    entitlements: [],
    attachment_size_limit: 10 * 1024 * 1024,
    channel_id: channelId,
  };
  const { guildId } = invoker;
  if (guildId === undefined) {
    return {
      ...shared,
      user,
      channel: { id: channelId, type: ChannelType.DM as const, recipients: [user] },
      context: InteractionContextType.BotDM,
      authorizing_integration_owners: {},
    };
  }
  return {
    ...shared,
    guild_id: guildId,
    guild: { id: guildId, locale: Locale.EnglishUS, features: [] },
    guild_locale: Locale.EnglishUS,
    member: {
      user,
      roles: [],
      joined_at: new Date(0).toISOString(),
      deaf: false,
      mute: false,
      flags: 0,
      permissions: String(invoker.permissions ?? MEMBER_PERMISSIONS),
    },
    channel: { id: channelId, type: ChannelType.GuildText as const, guild_id: guildId, name: 'general' },
    context: InteractionContextType.Guild,
    authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: guildId },
  };
}

/** A CHAT_INPUT application command interaction. */
export function slashCommandPayload(ctx: BuildContext, spec: SlashCommand): APIChatInputApplicationCommandInteraction {
  const command = ctx.findCommand(spec.name, spec.guildId);
  const options = Array.isArray(spec.options) ? spec.options : toOptions(spec.options ?? {}, command);
  return {
    ...envelope(ctx, spec),
    type: InteractionType.ApplicationCommand,
    data: { id: command?.id ?? snowflake(), name: spec.name, type: ApplicationCommandType.ChatInput, options },
  };
}

/** An APPLICATION_COMMAND_AUTOCOMPLETE interaction; the focused value is sent as typed text, like Discord does. */
export function autocompletePayload(ctx: BuildContext, spec: AutocompleteRequest): APIApplicationCommandAutocompleteInteraction {
  const command = ctx.findCommand(spec.name, spec.guildId);
  const options = Array.isArray(spec.options) ? spec.options : toAutocompleteOptions(spec.options, spec.focused, command);
  return {
    ...envelope(ctx, spec),
    type: InteractionType.ApplicationCommandAutocomplete,
    data: { id: command?.id ?? snowflake(), name: spec.name, type: ApplicationCommandType.ChatInput, options },
  };
}

/** A MESSAGE_COMPONENT interaction for a button on `spec.message`. */
export function buttonPayload(ctx: BuildContext, spec: ButtonPress): APIMessageComponentButtonInteraction {
  return {
    ...envelope(ctx, spec, spec.channelId ?? spec.message.channel_id),
    type: InteractionType.MessageComponent,
    data: { custom_id: spec.customId, component_type: ComponentType.Button },
    message: spec.message,
  };
}

/** A MESSAGE application command (context menu) on a message built from `spec.targetMessage`. */
export function messageCommandPayload(ctx: BuildContext, spec: MessageCommand): APIMessageApplicationCommandInteraction {
  const channelId = spec.channelId ?? DEFAULT_CHANNEL;
  const { id, content, author } = spec.targetMessage;
  const origin = { channelId, author: makeUser({ id: snowflake(), username: 'reporter', ...author }), type: MessageType.Default };
  const target = { ...buildMessage(origin, { content }), ...(id === undefined ? {} : { id }) };
  return {
    ...envelope(ctx, spec, channelId),
    type: InteractionType.ApplicationCommand,
    data: {
      id: ctx.findCommand(spec.name, spec.guildId)?.id ?? snowflake(),
      name: spec.name,
      type: ApplicationCommandType.Message,
      target_id: target.id,
      resolved: { messages: { [target.id]: target } },
    },
  };
}

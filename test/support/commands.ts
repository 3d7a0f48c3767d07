import {
  ApplicationCommandType,
  type APIApplicationCommand,
  type APIApplicationCommandOption,
  type RESTPutAPIApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { FormErrors, type Path } from './limits.js';
import { snowflake } from './messages.js';
import type { Answer } from './responses.js';

/** The commands registered through bulk overwrites, globally and per guild. */
export class CommandRegistry {
  private readonly scopes = new Map<string, APIApplicationCommand[]>();

  constructor(private readonly applicationId: string) {}

  /** The commands of a guild, or the global ones when `guildId` is undefined. */
  list(guildId?: string): APIApplicationCommand[] {
    return this.scopes.get(guildId ?? '') ?? [];
  }

  /** The command a user in `guildId` would run under `name`: the guild's own first, then the global one. */
  find(name: string, guildId: string | undefined): APIApplicationCommand | undefined {
    const named = (c: APIApplicationCommand) => c.name === name;
    return (guildId === undefined ? undefined : this.list(guildId).find(named)) ?? this.list().find(named);
  }

  /** `PUT /applications/{app}[/guilds/{g}]/commands`: replaces the scope's commands, keeping the ids of same-named ones. */
  overwrite(guildId: string | undefined, body: RESTPutAPIApplicationCommandsJSONBody): Answer {
    const errors = new FormErrors([]);
    commandLimits(body, errors);
    const invalid = errors.result();
    if (invalid) return invalid;
    const commands = body.map((definition): APIApplicationCommand => ({
      ...definition,
      id: this.list(guildId).find((c) => c.name === definition.name)?.id ?? snowflake(),
      type: definition.type ?? ApplicationCommandType.ChatInput,
      application_id: this.applicationId,
      ...(guildId === undefined ? {} : { guild_id: guildId }),
      description: 'description' in definition ? (definition.description ?? '') : '',
      default_member_permissions: definition.default_member_permissions ?? null,
      version: snowflake(),
    }));
    this.scopes.set(guildId ?? '', commands);
    return { status: 200, body: commands };
  }
}

const NAME = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/**
 * Adds to `errors` what Discord refuses in a bulk command overwrite: names not unique; chat-input names not lowercase
 * 1–32 word characters, descriptions not 1–100; more than 25 options, required ones after optional ones, option names
 * not unique, more than 25 choices, choices beside autocomplete.
 */
export function commandLimits(commands: RESTPutAPIApplicationCommandsJSONBody, errors: FormErrors): void {
  const seen = new Set<string>();
  commands.forEach((command, i) => {
    const key = `${command.type ?? ApplicationCommandType.ChatInput}:${command.name}`;
    if (seen.has(key)) errors.add([i, 'name'], 'APPLICATION_COMMANDS_DUPLICATE_NAME', 'Application command names must be unique', command.name);
    seen.add(key);
    if (command.type === undefined || command.type === ApplicationCommandType.ChatInput) {
      checkNamed(errors, [i], command.name, command.description ?? '');
      checkOptions(errors, [i, 'options'], command.options ?? []);
    } else {
      errors.between([i, 'name'], command.name, 1, 32);
    }
  });
}

function checkNamed(errors: FormErrors, at: Path, name: string, description: string): void {
  if (!NAME.test(name) || name !== name.toLowerCase()) errors.add([...at, 'name'], 'APPLICATION_COMMAND_INVALID_NAME', `Command name is invalid`, name);
  errors.between([...at, 'description'], description, 1, 100);
}

function checkOptions(errors: FormErrors, at: Path, options: readonly APIApplicationCommandOption[]): void {
  if (options.length > 25) errors.add(at, 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.', options.length);
  const names = new Set<string>();
  let optionalSeen = false;
  options.forEach((option, j) => {
    checkNamed(errors, [...at, j], option.name, option.description);
    if (names.has(option.name)) errors.add([...at, j, 'name'], 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS', 'Option names must be unique', option.name);
    names.add(option.name);
    if (option.required && optionalSeen) {
      errors.add([...at, j, 'required'], 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', 'Required options must be placed before non-required options', option.name);
    }
    optionalSeen ||= !option.required;
    const choices = 'choices' in option ? (option.choices ?? []) : [];
    if (choices.length > 25) errors.add([...at, j, 'choices'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.', choices.length);
    if ('autocomplete' in option && option.autocomplete && choices.length > 0) {
      errors.add([...at, j, 'autocomplete'], 'AUTOCOMPLETE_AND_CHOICES_ERROR', 'Autocomplete cannot be enabled with choices');
    }
    if ('options' in option) checkOptions(errors, [...at, j, 'options'], option.options ?? []);
  });
}

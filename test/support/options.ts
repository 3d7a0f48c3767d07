import {
  ApplicationCommandOptionType,
  type APIApplicationCommand,
  type APIApplicationCommandInteractionDataBasicOption,
  type APIApplicationCommandInteractionDataOption,
  type InteractionType,
} from 'discord-api-types/v10';

/** Option values by name, e.g. `{ question: 'x', private: true }`; typed by the registered command when there is one. */
export type OptionValues = Record<string, string | number | boolean>;
/** An option as a CHAT_INPUT interaction carries it. */
export type CommandOption = APIApplicationCommandInteractionDataOption<InteractionType.ApplicationCommand>;
/** An option as an autocomplete interaction carries it (numbers as typed text). */
export type AutocompleteOption = APIApplicationCommandInteractionDataOption<InteractionType.ApplicationCommandAutocomplete>;
type BasicOption = APIApplicationCommandInteractionDataBasicOption<InteractionType.ApplicationCommand>;

/** Turns `{ question: 'x', private: true }` into Discord's option list, typed by the command's definition or by the JS value. */
export function toOptions(values: OptionValues, command?: APIApplicationCommand): BasicOption[] {
  return Object.entries(values).map(([name, value]): BasicOption => {
    const type = command?.options?.find((o) => o.name === name)?.type ?? inferType(value);
    switch (type) {
      case ApplicationCommandOptionType.String:
        return { name, type, value: String(value) };
      case ApplicationCommandOptionType.Integer:
      case ApplicationCommandOptionType.Number:
        return { name, type, value: Number(value) };
      case ApplicationCommandOptionType.Boolean:
        return { name, type, value: value === true || value === 'true' };
      default:
        throw new Error(`fake Discord: option "${name}" has type ${type}; pass raw options for it`);
    }
  });
}

function inferType(value: string | number | boolean): ApplicationCommandOptionType {
  if (typeof value === 'boolean') return ApplicationCommandOptionType.Boolean;
  if (typeof value === 'string') return ApplicationCommandOptionType.String;
  return Number.isInteger(value) ? ApplicationCommandOptionType.Integer : ApplicationCommandOptionType.Number;
}

/** The options of an autocomplete request: like `toOptions`, with `focused` marked and numbers sent as the typed text. */
export function toAutocompleteOptions(values: OptionValues, focused: string | undefined, command?: APIApplicationCommand): AutocompleteOption[] {
  return toOptions(values, command).map((o): AutocompleteOption => {
    const isFocused = o.name === focused;
    if (o.type === ApplicationCommandOptionType.String) return { ...o, focused: isFocused };
    if (o.type === ApplicationCommandOptionType.Integer || o.type === ApplicationCommandOptionType.Number) {
      return { ...o, value: String(o.value), focused: isFocused };
    }
    return o;
  });
}

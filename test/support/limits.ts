import type { APICommandAutocompleteInteractionResponseCallbackData, APIEmbed } from 'discord-api-types/v10';
import type { MessageBody } from './messages.js';

/** An error answer in Discord's shape: `{ code, message, errors? }` with the HTTP status it comes with. */
export interface DiscordError {
  status: number;
  body: { code: number; message: string; errors?: ErrorTree };
}

/** Discord's nested form-error object: keys follow the body's path, leaves hold `_errors`. */
export interface ErrorTree {
  [key: string]: ErrorTree | { code: string; message: string }[] | undefined;
}

/** Where in a request body an error is, e.g. `['data', 'embeds', 0, 'title']`. */
export type Path = (string | number)[];

/** Discord's error for a JSON code and message, e.g. `apiError(404, 10062, 'Unknown interaction')`. */
export function apiError(status: number, code: number, message: string): DiscordError {
  return { status, body: { code, message } };
}

/** A 50035 `Invalid Form Body` answer with one error at `path`. */
export function formError(path: Path, code: string, message: string): DiscordError {
  const errors = new FormErrors([]);
  errors.add(path, code, message);
  return errors.result() ?? apiError(400, 50035, 'Invalid Form Body');
}

/** One broken rule of a request body: where, Discord's error code and message, and the value at fault. */
export interface FormError {
  path: Path;
  code: string;
  message: string;
  value?: unknown;
}

/** Collects form errors by path; lists them, or turns them into Discord's 50035 `Invalid Form Body` answer. */
export class FormErrors {
  private readonly list: FormError[] = [];

  constructor(private readonly prefix: Path) {}

  /** Records one error at `path` (below the prefix), with the offending value when there is one. */
  add(path: Path, code: string, message: string, value?: unknown): void {
    this.list.push({ path: [...this.prefix, ...path], code, message, ...(value !== undefined && { value }) });
  }

  /** BASE_TYPE_MAX_LENGTH when `text` is longer than `max`. */
  maxLength(path: Path, text: string | undefined | null, max: number): void {
    if (text != null && length(text) > max) this.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`, text);
  }

  /** BASE_TYPE_BAD_LENGTH when `text` is not `min`–`max` long. */
  between(path: Path, text: string, min: number, max: number): void {
    const n = length(text);
    if (n < min || n > max) this.add(path, 'BASE_TYPE_BAD_LENGTH', `Must be between ${min} and ${max} in length.`, text);
  }

  /** The errors recorded so far, in order. */
  get errors(): readonly FormError[] {
    return this.list;
  }

  /** The 400 answer, or undefined when nothing was wrong. */
  result(): DiscordError | undefined {
    if (this.list.length === 0) return undefined;
    const tree: ErrorTree = {};
    for (const { path, code, message } of this.list) {
      let node = tree;
      for (const key of path) node = (node[String(key)] ??= {}) as ErrorTree;
      ((node._errors ??= []) as { code: string; message: string }[]).push({ code, message });
    }
    return { status: 400, body: { code: 50035, message: 'Invalid Form Body', errors: tree } };
  }
}

/** Discord counts lengths in Unicode code points. */
function length(text: string): number {
  return [...text].length;
}

/**
 * Checks a message body against Discord's limits (content 2000; 10 embeds; title 256, description 4096,
 * 25 fields, field name 256 / value 1024, footer 2048, author 256, 6000 in all). `prefix` is where the
 * body sits in the request (`['data']` in a callback). A new message must also not be empty.
 */
export function checkMessage(body: MessageBody, { prefix = [] as Path, isNew = false } = {}): DiscordError | undefined {
  const errors = new FormErrors(prefix);
  messageLimits(body, errors);
  const invalid = errors.result();
  if (invalid) return invalid;
  const empty = !body.content && !body.embeds?.length && !body.components?.length && !body.attachments?.length && !body.poll;
  return isNew && empty ? apiError(400, 50006, 'Cannot send an empty message') : undefined;
}

/** Adds to `errors` every limit of `checkMessage` that `body` exceeds. */
export function messageLimits(body: MessageBody, errors: FormErrors): void {
  errors.maxLength(['content'], body.content, 2000);
  const embeds = body.embeds ?? [];
  if (embeds.length > 10) errors.add(['embeds'], 'BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.', embeds.length);
  embeds.forEach((embed, i) => checkEmbed(embed, ['embeds', i], errors));
  const size = embeds.reduce((sum, embed) => sum + embedSize(embed), 0);
  if (size > 6000) errors.add(['embeds'], 'MAX_EMBED_SIZE_EXCEEDED', 'Embed size exceeds maximum size of 6000', size);
}

function checkEmbed(embed: APIEmbed, at: Path, errors: FormErrors): void {
  errors.maxLength([...at, 'title'], embed.title, 256);
  errors.maxLength([...at, 'description'], embed.description, 4096);
  errors.maxLength([...at, 'footer', 'text'], embed.footer?.text, 2048);
  errors.maxLength([...at, 'author', 'name'], embed.author?.name, 256);
  const fields = embed.fields ?? [];
  if (fields.length > 25) errors.add([...at, 'fields'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.', fields.length);
  fields.forEach((field, j) => {
    for (const [key, max] of [['name', 256], ['value', 1024]] as const) {
      const path = [...at, 'fields', j, key];
      if (!field[key]) errors.add(path, 'BASE_TYPE_REQUIRED', 'This field is required', field[key]);
      else errors.maxLength(path, field[key], max);
    }
  });
}

function embedSize(embed: APIEmbed): number {
  const texts = [embed.title, embed.description, embed.footer?.text, embed.author?.name];
  for (const field of embed.fields ?? []) texts.push(field.name, field.value);
  return texts.reduce((sum, text) => sum + length(text ?? ''), 0);
}

/** Checks an autocomplete answer: at most 25 choices, each name 1–100 long, each string value at most 100. */
export function checkChoices(data: APICommandAutocompleteInteractionResponseCallbackData): DiscordError | undefined {
  const errors = new FormErrors(['data']);
  choiceLimits(data, errors);
  return errors.result();
}

/** Adds to `errors` every limit of `checkChoices` that `data` exceeds. */
export function choiceLimits(data: APICommandAutocompleteInteractionResponseCallbackData, errors: FormErrors): void {
  const choices = data.choices ?? [];
  if (choices.length > 25) errors.add(['choices'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.', choices.length);
  choices.forEach((choice, i) => {
    errors.between(['choices', i, 'name'], choice.name, 1, 100);
    if (typeof choice.value === 'string') errors.maxLength(['choices', i, 'value'], choice.value, 100);
  });
}

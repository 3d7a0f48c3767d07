import { type DestinationStream, pino } from 'pino';
import type { Logger } from './engine/index.js';

/** Paths that must never reach a log line, whatever logs them. */
const SECRET_PATHS = ['token', 'DISCORD_TOKEN', '*.token', '*.DISCORD_TOKEN', 'headers.authorization', '*.headers.authorization', 'err.requestBody', '*.requestBody'];

/** Interaction and webhook tokens inside Discord API URLs (as in discord.js errors): `/webhooks/<app>/<token>`, `/interactions/<id>/<token>`. */
const URL_TOKENS = /\/(webhooks|interactions)\/(\d+)\/[A-Za-z0-9._-]{20,}/g;

/** Where logs go and which literal secrets (the bot token) must never appear in them. */
export interface LoggerOptions {
  destination?: DestinationStream | number;
  secrets?: Array<string | undefined>;
  /** Write each line for a person (`warning: corpus file skipped (file: a.txt, reason: …)`) instead of JSON: for a terminal. */
  human?: boolean;
}

/** pino's level numbers as a person reads them. */
const LEVEL_NAMES: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warning', 50: 'error', 60: 'fatal' };
/** How much of one field's value a human log line shows. */
const MAX_FIELD = 200;

/** One JSON log line as a person reads it: level, message, then the fields. */
export function humanLogLine(json: string): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const { level, time: _time, msg, ...fields } = record;
  const shown = Object.entries(fields).map(([key, value]) => {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    return `${key}: ${text.length > MAX_FIELD ? `${text.slice(0, MAX_FIELD - 1)}…` : text}`;
  });
  return `${LEVEL_NAMES[level as number] ?? 'log'}: ${String(msg ?? '')}${shown.length ? ` (${shown.join(', ')})` : ''}\n`;
}

/**
 * Structured JSON logs on stderr (stdout stays clean for console replies and CLI JSON), or human lines for a terminal. Secret
 * fields are redacted, and every written line is scrubbed of the given secrets and of the tokens in
 * Discord API URLs, so even an error message that carries the request cannot leak them. Lines are written
 * synchronously: pino's default asynchronous writer flushes its buffer at `process.exit` while a line it
 * is still writing lands later or never, so the last line before an exit (the error a user must read) could
 * come out before the lines logged earlier, or they could be lost.
 */
export function createLogger(level: string, options: LoggerOptions = {}): Logger & { child(fields: object): Logger } {
  const secrets = (options.secrets ?? []).filter((s): s is string => Boolean(s && s.length >= 8));
  const destination = typeof options.destination === 'object' ? options.destination : pino.destination({ dest: options.destination ?? 2, sync: true });
  return pino(
    {
      level,
      base: undefined,
      redact: { paths: SECRET_PATHS, censor: '[redacted]' },
      hooks: { streamWrite: (line) => (options.human ? humanLogLine(scrub(line, secrets)) : scrub(line, secrets)) },
    },
    destination,
  );
}

/** Removes the secrets and URL tokens from a text (log lines, error messages shown to a person). */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text.replace(URL_TOKENS, '/$1/$2/[redacted]');
  for (const secret of secrets) out = out.split(secret).join('[redacted]');
  return out;
}

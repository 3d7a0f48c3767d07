import { pino } from 'pino';
import type { Logger } from './engine/engine.js';

/** Paths that must never reach a log line, whatever logs them. */
const SECRETS = ['token', 'DISCORD_TOKEN', '*.token', '*.DISCORD_TOKEN', 'headers.authorization', '*.headers.authorization'];

/** Structured JSON logs on stderr (stdout stays clean for console replies and CLI JSON), secrets redacted. */
export function createLogger(level: string, destination = 2): Logger & { child(fields: object): Logger } {
  return pino({ level, redact: { paths: SECRETS, censor: '[redacted]' }, base: undefined }, pino.destination(destination));
}

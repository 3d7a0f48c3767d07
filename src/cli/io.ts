import type { Logger } from '../engine/index.js';

/** Where the CLI writes and what it runs with (injected so tests run it in-process). */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  isTTY: boolean;
  logger: Logger;
}

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { removeDir } from '../discord/botProcess.js';

/**
 * A fresh folder in the system's temporary folder, named `prefix` and six random characters, deleted
 * when `removeWith` runs its cleanups: by default once the running test has finished; `afterAll` for a
 * folder made in a describe block or at a file's top level, deleted after its tests.
 */
export function tempDir(prefix: string, removeWith: (cleanup: () => void) => void = onTestFinished): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  removeWith(() => removeDir(dir));
  return dir;
}

/** A fingerprint of the corpus files, so a cached index is reused only while they are unchanged. */
import { createHash } from 'node:crypto';
import type { CorpusFile } from './walk.js';

/** SHA-256 (hex) of every file's path, size and modification time, in path order: any change changes it. */
export function corpusFingerprint(files: readonly CorpusFile[]): string {
  const hash = createHash('sha256');
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const file of sorted) hash.update(`${file.path}\0${file.size}\0${file.mtimeMs}\n`);
  return hash.digest('hex');
}

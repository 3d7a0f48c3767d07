/** Lists the files of a corpus folder: every article file and `_defaults.json`, in a fixed order. */
import { readdir, realpath, stat } from 'node:fs/promises';
import { join, posix } from 'node:path';
import type { CorpusProblem } from '../types.js';
import { ARTICLE_EXTENSIONS } from './formats.js';

/** A corpus file as the index cache fingerprints it. */
export interface CorpusFile {
  /** Relative to the corpus folder, `/`-separated. */
  path: string;
  size: number;
  mtimeMs: number;
}

/** The name of the file that gives default field values to its folder and below. */
export const DEFAULTS_FILE = '_defaults.json';

/** The files found and the folders or files that could not be read. */
export interface CorpusListing {
  files: CorpusFile[];
  problems: CorpusProblem[];
}

const isCorpusFile = (name: string): boolean =>
  name === DEFAULTS_FILE || ARTICLE_EXTENSIONS.includes(posix.extname(name).toLowerCase());

/**
 * Walks `dir` depth-first, names sorted in each folder, skipping hidden files and folders (`.cache`)
 * and files of other extensions; symbolic links are followed, each real folder visited once.
 */
export async function walkCorpus(dir: string): Promise<CorpusListing> {
  const listing: CorpusListing = { files: [], problems: [] };
  const visited = new Set<string>();

  async function visit(folder: string): Promise<void> {
    const absolute = join(dir, folder);
    try {
      const real = await realpath(absolute);
      if (visited.has(real)) return;
      visited.add(real);
      const entries = (await readdir(absolute, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
      for (const entry of entries) {
        if (entry.name.startsWith('.')) continue;
        const path = folder === '' ? entry.name : `${folder}/${entry.name}`;
        const isFolder = entry.isDirectory() || (entry.isSymbolicLink() && (await isFolderLink(join(dir, path))));
        if (isFolder) await visit(path);
        else if (isCorpusFile(entry.name)) await addFile(path);
      }
    } catch (error) {
      listing.problems.push({ file: folder || '.', reason: `unreadable folder: ${describeError(error)}` });
    }
  }

  async function addFile(path: string): Promise<void> {
    try {
      const stats = await stat(join(dir, path));
      if (stats.isFile()) listing.files.push({ path, size: stats.size, mtimeMs: stats.mtimeMs });
    } catch (error) {
      listing.problems.push({ file: path, reason: `unreadable: ${describeError(error)}` });
    }
  }

  await visit('');
  return listing;
}

async function isFolderLink(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null))?.isDirectory() ?? false;
}

/** `ENOENT: no such file or directory` rather than a stack trace. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message.replace(/, (open|scandir|stat|realpath) .*$/, '') : String(error);
}

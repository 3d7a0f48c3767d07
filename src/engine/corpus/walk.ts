/** Lists the files of a corpus folder: every article file and `_defaults.json`, in a fixed order. */
import { readdir, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { CorpusProblem } from '../types.js';
import { fileFormat } from './formats.js';

/** A corpus file as the index cache fingerprints it. */
export interface CorpusFile {
  /** Relative to the corpus folder, `/`-separated. */
  path: string;
  size: number;
  mtimeMs: number;
}

/** The name of the file that gives default field values to its folder and below. */
export const DEFAULTS_FILE = '_defaults.json';

/** The files found, the folders or files that could not be read, and the files skipped for their type. */
export interface CorpusListing {
  files: CorpusFile[];
  problems: CorpusProblem[];
  /** Files of a type that holds no articles (`.csv`, `.xml.gz`, `.pdf`, …), relative to the corpus folder. */
  skipped: string[];
}

/** Files at the top of the corpus folder that configure it and hold no articles (the followed feeds): not reported as skipped. */
export const SETTINGS_FILES: readonly string[] = ['feeds.yaml'];

const isCorpusFile = (name: string): boolean => name === DEFAULTS_FILE || fileFormat(name) !== null;

/** Why a symbolic link is skipped: the corpus folder is the only place articles are read from. */
export const OUTSIDE_LINK_REASON =
  'symbolic link leads outside the corpus folder; skipped (copy the file or folder into the corpus instead)';

/**
 * Walks `dir` depth-first, names sorted in each folder, skipping hidden files and folders (`.cache`)
 * and listing files of other types as skipped; symbolic links are followed while they stay inside the corpus folder
 * (resolved with realpath; one leading outside is a problem), each real folder visited once.
 */
export async function walkCorpus(dir: string): Promise<CorpusListing> {
  const listing: CorpusListing = { files: [], problems: [], skipped: [] };
  const visited = new Set<string>();
  let root: string | null = null;

  /** True when the link at `path` resolves inside the corpus; otherwise reports it. */
  async function staysInside(path: string): Promise<boolean> {
    const real = await realpath(join(dir, path));
    if (root !== null && isInside(root, real)) return true;
    listing.problems.push({ file: path, reason: OUTSIDE_LINK_REASON });
    return false;
  }

  async function visit(folder: string): Promise<void> {
    const absolute = join(dir, folder);
    try {
      const real = await realpath(absolute);
      if (root === null) root = real;
      else if (!isInside(root, real)) return void listing.problems.push({ file: folder, reason: OUTSIDE_LINK_REASON });
      if (visited.has(real)) return;
      visited.add(real);
      const entries = (await readdir(absolute, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
      for (const entry of entries) {
        if (entry.name.startsWith('.')) continue;
        const path = folder === '' ? entry.name : `${folder}/${entry.name}`;
        const isFolder = entry.isDirectory() || (entry.isSymbolicLink() && (await isFolderLink(join(dir, path))));
        if (isFolder) await visit(path);
        else if (isCorpusFile(entry.name)) await addFile(path, entry.isSymbolicLink());
        else if (folder !== '' || !SETTINGS_FILES.includes(entry.name)) listing.skipped.push(path);
      }
    } catch (error) {
      listing.problems.push({ file: folder || '.', reason: `unreadable folder: ${describeError(error)}` });
    }
  }

  async function addFile(path: string, isLink: boolean): Promise<void> {
    try {
      const stats = await stat(join(dir, path));
      if (isLink && !(await staysInside(path))) return;
      if (stats.isFile()) listing.files.push({ path, size: stats.size, mtimeMs: stats.mtimeMs });
    } catch (error) {
      listing.problems.push({ file: path, reason: `unreadable: ${describeError(error)}` });
    }
  }

  await visit('');
  return listing;
}

/** True when `real` is `root` or below it (both already resolved with realpath). */
function isInside(root: string, real: string): boolean {
  const rel = relative(root, real);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

async function isFolderLink(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null))?.isDirectory() ?? false;
}

/** `ENOENT: no such file or directory` rather than a stack trace. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message.replace(/, (open|scandir|stat|realpath) .*$/, '') : String(error);
}

/** What the engine is created with and reports: its options, its logger's shape, its archive's figures. */

/** The few logging calls the engine makes (pino's signature), so any structured logger fits. */
export interface Logger {
  debug(fields: object, message?: string): void;
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
}

/** A logger that drops everything, for tests and scripts that want silence. */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** Where the engine finds its corpus and keeps its index. */
export interface EngineOptions {
  corpusDir: string;
  /** Folder for the cached index; `null` disables caching. */
  cacheDir: string | null;
  logger?: Logger;
  /**
   * Make what is left lazy (the quote index when the archive comes from the cache, the title list
   * for autocomplete, the term tree for spelling variants) right after start-up instead of on
   * first use: for long-running front ends, not for one-shot commands.
   */
  warmUp?: boolean;
  /** Process-wide settings around each parallel build, chosen by the program (see `src/buildTuning.ts`). */
  buildTuning?: BuildTuning;
}

/** Figures about the loaded archive (for `/about`, `/archive stats` and logs). */
export interface ArchiveStats {
  articles: number;
  passages: number;
  sources: number;
  quotations: number;
  firstDate: string | null;
  lastDate: string | null;
  rejectedFiles: number;
  /** Files of a type that holds no articles, skipped. */
  skippedFiles: number;
  /** When the index was built or loaded. */
  loadedAt: string;
  /** `cache` when the index came from disk, `build` when it was built now, `update` when a reload changed it in place. */
  origin: 'cache' | 'build' | 'update';
}

/** What a program sets around a parallel build (V8 flags, say): the engine itself touches no process-wide setting. */
export interface BuildTuning {
  /** Runs the build with the settings in force, and puts them back after. */
  during<T>(build: () => Promise<T>): Promise<T>;
}

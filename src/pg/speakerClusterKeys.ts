import { joinedAbd, skeleton } from '../engine/quotes/spellings.js';
import { speakerNameWords } from '../engine/quotes/speakers.js';
import { bare, stripConj } from '../engine/quotes/tokens.js';
import { BoundedMemo } from '../engine/util/memo.js';
import { normalizeText, words } from '../engine/text/normalize.js';

/** What one speaker name as written brings to the clustering, and what its reading depends on. */
export interface NameFacts {
  /** Its words in the names' vocabulary. */
  words: string[];
  /** The words whose being in that vocabulary may decide whether one of its words starts with the conjunction و/ف. */
  conj: string[];
}

/** The facts of a speaker name (see `NameFacts`). */
export function nameFacts(name: string): NameFacts {
  const conj = words(normalizeText(name)).flatMap((w) => {
    const rest = stripConj(w);
    return rest === w ? [] : [bare(rest)];
  });
  return { words: [...new Set(speakerNameWords(name))], conj: [...new Set(conj)] };
}

/** Names whose facts one clustering keeps (`nameFactsOnce`) before it starts afresh: tens of thousands a 30k archive. */
const NAME_FACTS_KEPT = 250_000;

/** `nameFacts`, each name's worked out once for the life of the function (one clustering), up to `NAME_FACTS_KEPT` names. */
export function nameFactsOnce(): (name: string) => NameFacts {
  const memo = new BoundedMemo(nameFacts, NAME_FACTS_KEPT);
  return (name) => memo.get(name);
}

/**
 * The labels of a name key (its words): the skeletons of its surname and of its surname with an
 * `عبد` before it joined. `clusterSpeakers` only puts names of one surname together and
 * `mergeSpellings` only merges names whose surnames (عبد joined or not) have one skeleton, so names
 * that share no label, directly or through other names, never meet in one cluster.
 */
export function labelsOf(key: readonly string[]): string[] {
  if (!key.length) return [];
  return [...new Set([skeleton(key.at(-1)!), skeleton(joinedAbd(key).at(-1)!)])];
}

import { type FieldName, type FieldPostings, PassageIndex } from './passageIndex.js';

/**
 * The index of an archive changed in place: the articles `keep` marks (by old number) stay, in
 * their order, and the passages of `added` (an index over the new articles alone) follow them.
 * Postings are copied list by list, never re-analysed, so an update costs a pass over the arrays.
 */
export function mergePassageIndex(old: PassageIndex, keep: Uint8Array, added: PassageIndex): PassageIndex {
  const oldFirst = old.data.firstPassage;
  const keptArticles = keep.reduce((n, k) => n + k, 0);
  const articleNumber = new Int32Array(keep.length).fill(-1);
  const passageNumber = new Int32Array(old.passageCount).fill(-1);
  const firstPassage = new Uint32Array(keptArticles + added.data.firstPassage.length);
  let articles = 0;
  let passages = 0;
  keep.forEach((kept, a) => {
    if (!kept) return;
    articleNumber[a] = articles;
    firstPassage[articles++] = passages;
    for (let p = oldFirst[a]!; p < oldFirst[a + 1]!; p++) passageNumber[p] = passages++;
  });
  added.data.firstPassage.forEach((first, a) => (firstPassage[articles + a] = passages + first));
  const terms = mergeSorted(old.data.terms, added.data.terms);
  const field = (name: FieldName, renumber: Int32Array, offset: number) =>
    mergeField(terms, { postings: old.data[name], terms: old.data.terms, renumber }, { postings: added.data[name], terms: added.data.terms, offset });
  return new PassageIndex({ terms: terms.all, text: field('text', passageNumber, passages), title: field('title', articleNumber, articles), firstPassage });
}

/** The sorted union of two sorted term lists, with where each input's terms went. */
function mergeSorted(a: readonly string[], b: readonly string[]): { all: string[]; fromA: Uint32Array; fromB: Uint32Array } {
  const all: string[] = [];
  const fromA = new Uint32Array(a.length);
  const fromB = new Uint32Array(b.length);
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const takeA = j >= b.length || (i < a.length && a[i]! <= b[j]!);
    const takeB = i >= a.length || (j < b.length && b[j]! <= a[i]!);
    const position = all.push(takeA ? a[i]! : b[j]!) - 1;
    if (takeA) fromA[i++] = position;
    if (takeB) fromB[j++] = position;
  }
  return { all, fromA, fromB };
}

/** One field of a merged index: the kept documents of the old lists (renumbered), then the added ones (shifted). */
function mergeField(
  terms: { all: string[]; fromA: Uint32Array; fromB: Uint32Array },
  old: { postings: FieldPostings; terms: readonly string[]; renumber: Int32Array },
  added: { postings: FieldPostings; terms: readonly string[]; offset: number },
): FieldPostings {
  const count = new Uint32Array(terms.all.length + 1);
  const { docs: oldDocs, start: oldStart } = old.postings;
  for (let t = 0; t < old.terms.length; t++) {
    for (let i = oldStart[t]!; i < oldStart[t + 1]!; i++) if (old.renumber[oldDocs[i]!]! >= 0) count[terms.fromA[t]! + 1]!++;
  }
  for (let t = 0; t < added.terms.length; t++) count[terms.fromB[t]! + 1]! += added.postings.start[t + 1]! - added.postings.start[t]!;
  for (let t = 0; t < terms.all.length; t++) count[t + 1]! += count[t]!;
  const docs = new Uint32Array(count[terms.all.length]!);
  const tfs = new Uint8Array(docs.length);
  const next = count.slice(0, terms.all.length);
  for (let t = 0; t < old.terms.length; t++) {
    const m = terms.fromA[t]!;
    for (let i = oldStart[t]!; i < oldStart[t + 1]!; i++) {
      const doc = old.renumber[oldDocs[i]!]!;
      if (doc < 0) continue;
      docs[next[m]!] = doc;
      tfs[next[m]!++] = old.postings.tfs[i]!;
    }
  }
  for (let t = 0; t < added.terms.length; t++) {
    const m = terms.fromB[t]!;
    for (let i = added.postings.start[t]!; i < added.postings.start[t + 1]!; i++) {
      docs[next[m]!] = added.postings.docs[i]! + added.offset;
      tfs[next[m]!++] = added.postings.tfs[i]!;
    }
  }
  const kept = old.postings.lengths.filter((_, doc) => old.renumber[doc]! >= 0);
  const lengths = new Uint16Array(kept.length + added.postings.lengths.length);
  lengths.set(kept);
  lengths.set(added.postings.lengths, kept.length);
  return { start: count, docs, tfs, lengths };
}

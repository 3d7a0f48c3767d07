import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { segmentArticle } from '../../../src/engine/passages/segment.js';
import { createPlanner, type PlannedHit } from '../../../src/engine/search/planner.js';
import { buildPassageIndex } from '../../../src/engine/search/index/builder.js';
import { RANKING } from '../../../src/engine/options.js';
import { queryTerms } from '../../../src/engine/search/terms.js';
import type { Article } from '../../../src/engine/types.js';

/** Words of a small vocabulary, so that random passages share terms as real ones do (a few common, most rare). */
const VOCABULARY = ['التعاون', 'العسكري', 'إيران', 'روسيا', 'موسكو', 'طهران', 'الأسلحة', 'العقود', 'الاتفاق', 'النووي', 'الرئيس', 'الوزير', 'الحرب', 'سوريا', 'الطاقة', 'القمة', 'الزعفران', 'خراسان'];
const word = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...VOCABULARY.slice(0, 4)) }, { weight: 4, arbitrary: fc.constantFrom(...VOCABULARY) });
const paragraph = fc.array(word, { minLength: 1, maxLength: 12 }).map((w) => w.join(' '));
const articleText = fc.record({ title: fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join(' ')), paragraphs: fc.array(paragraph, { minLength: 1, maxLength: 4 }) });
const corpus = fc.array(articleText, { minLength: 2, maxLength: 12 });
const question = fc.array(fc.constantFrom(...VOCABULARY), { minLength: 1, maxLength: 5 }).map((w) => w.join(' '));

function build(texts: Array<{ title: string; paragraphs: string[] }>) {
  const articles: Article[] = texts.map((t, i) => ({ id: `a${i}`, title: t.title, body: t.paragraphs.join('\n'), date: '2022-01-01', source: 'Test Wire', url: null, lang: 'ar', author: null, file: `a${i}.md` }));
  const passages = articles.flatMap((a) => segmentArticle(a));
  return buildPassageIndex(articles, passages);
}

const byId = (hits: PlannedHit[]) => new Map(hits.map((h) => [h.id, h.score]));

/**
 * BM25+ by its definition, passage by passage, with no planning: for each question term (a repeated one weighing more)
 * and field, weight × boost × idf × (d + tf (k + 1) / (tf + k (1 − b + b · length / average length))), the sum times the
 * number of terms matched raised to `coordination`. Term counts and lengths are read off the index's postings.
 */
function exhaustiveBm25(index: ReturnType<typeof build>, terms: string[]): PlannedHit[] {
  const { k, b, d } = RANKING.bm25;
  const weights = new Map<string, number>();
  for (const term of terms) weights.set(term, (weights.get(term) ?? 0) + 1);
  const hits: PlannedHit[] = [];
  for (let doc = 0; doc < index.passageCount; doc++) {
    let score = 0;
    let matched = 0;
    for (const [term, weight] of weights) {
      let holds = false;
      for (const list of index.postingLists(term)) {
        const at = list.field === 'title' ? index.articleOf[doc]! : doc;
        let tf = 0;
        for (let i = list.from; i < list.to; i++) if (list.postings.docs[i] === at) tf = list.postings.tfs[i]!;
        if (!tf) continue;
        holds = true;
        const idf = Math.log(1 + (index.passageCount - list.passages + 0.5) / (list.passages + 0.5));
        const norm = 1 - b + (b * list.postings.lengths[at]!) / (index.averageLength[list.field] || 1);
        score += weight * RANKING.boost[list.field] * idf * (d + (tf * (k + 1)) / (tf + k * norm));
      }
      if (holds) matched++;
    }
    if (score > 0) hits.push({ id: doc, score: score * matched ** RANKING.coordination });
  }
  return hits.sort((x, y) => y.score - x.score || x.id - y.id);
}

describe('the query planner against exhaustive BM25+', () => {
  it('with no budget limit, returns exactly the passages and scores of BM25+ computed by its definition, best first', () => {
    fc.assert(
      fc.property(corpus, question, (texts, q) => {
        const index = build(texts);
        const terms = queryTerms(q);
        const planned = createPlanner(index)(terms, { ...RANKING, budget: Number.POSITIVE_INFINITY });
        const reference = byId(exhaustiveBm25(index, terms));
        // The same passages with the same scores (summed in another order, so equal up to rounding), best first.
        expect(planned.map((h) => h.id).sort((a, b) => a - b)).toEqual([...reference.keys()].sort((a, b) => a - b));
        for (const hit of planned) expect(hit.score).toBeCloseTo(reference.get(hit.id)!, 9);
        planned.forEach((hit, i) => i === 0 || expect(planned[i - 1]!.score).toBeGreaterThanOrEqual(hit.score));
      }),
      { numRuns: 150 },
    );
  });

  it('at a small budget, gives every passage it returns its exact exhaustive score, and misses no passage holding the rarest term', () => {
    fc.assert(
      fc.property(corpus, question, fc.integer({ min: 1, max: 6 }), (texts, q, budget) => {
        const index = build(texts);
        const plan = createPlanner(index);
        const terms = queryTerms(q);
        const exhaustive = byId(exhaustiveBm25(index, terms));
        const planned = plan(terms, { ...RANKING, budget });
        for (const hit of planned) expect(hit.score).toBeCloseTo(exhaustive.get(hit.id)!, 9);
        // The rarest question term's passages are always read in full, so each is a candidate.
        const rarest = [...new Set(terms)]
          .map((term) => ({ term, passages: index.postingLists(term).reduce((n, l) => n + l.passages, 0) }))
          .filter((t) => t.passages > 0)
          .sort((a, b) => a.passages - b.passages)[0];
        if (!rarest) return;
        const holding = [...exhaustive.keys()].filter((id) => index.hasTerm(id, rarest.term));
        const found = new Set(planned.map((h) => h.id));
        for (const id of holding) expect(found.has(id)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('can rank differently from exhaustive BM25+ at a small budget: a passage of only common words is not a candidate', () => {
    // Stated, not hidden: the README says the planner gives the exhaustive ranking among passages holding the rarest
    // terms, not the exhaustive ranking itself.
    const filler = 'قالت مصادر في المدينة إن الأسواق شهدت حركة كبيرة خلال الأيام الماضية مع اقتراب موسم الحصاد في القرى المجاورة';
    const index = build([
      { title: 'خبر', paragraphs: [`الزعفران ${filler} ${filler}`] },
      ...Array.from({ length: 6 }, () => ({ title: 'خبر', paragraphs: ['إيران روسيا التعاون العسكري إيران روسيا'] })),
    ]);
    const terms = queryTerms('الزعفران إيران روسيا التعاون العسكري');
    const exhaustive = exhaustiveBm25(index, terms);
    const planned = createPlanner(index)(terms, { ...RANKING, budget: 1 });
    expect(exhaustive[0]!.id).not.toBe(0);
    expect(planned.map((h) => h.id)).toEqual([0]);
  });
});

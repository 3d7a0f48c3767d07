/** Reporting events of a paragraph: a cue (or a bare quote), its subject, and the quotations it introduces. */
import { clauseEnd, detachedConjCue, findContent, governed, lex, toNamed, quoteWords, subjectEnd, wordsBetween, type Para } from './clauses.js';
import { attributionAt, cueOf, isComplementizer } from './cues.js';
import type { Cue } from './types.js';
import type { QuotePair } from './marks.js';
import { PRONOUNS } from './lexicon.js';
import { TERMINAL, type Tok } from './tokens.js';
import { QUOTE_READING } from '../options.js';
import { SELF, attribution } from './attributions.js';
import { RELATIVE, agrees, subjectBefore } from './subjects.js';
import { LEADING, contentStart, direct, plain, sentenceEnd, type Report, type Span } from './spans.js';

/** Finds every reporting event of a paragraph, in text order. */
export function findReports(p: Para): Report[] {
  const reports: Report[] = [];
  const used = new Set<QuotePair>();
  let coveredUntil = -1;
  const add = (r: Report) => {
    r.spans = r.spans.filter((s) => s.end > s.start);
    if (r.spans.length) reports.push(r);
  };
  for (let i = 0; i < p.toks.length; i++) {
    const t = p.toks[i]!;
    if (!t.word) continue;
    const nested = p.inside[i] !== -1 || i < coveredUntil;
    const info = lex(p, i);
    const att = info.attr ? attributionAt(p.words, i) : 0;
    if (att && !nested) {
      const r = attribution(p, i, att, used, reports);
      if (r) add(r);
      if (SELF.test(p.words[i + att] ?? '')) i += att;
      continue;
    }
    const light = info.light && /^كرد/.test(p.words[i + 1] ?? '');
    const cue = light ? cueOf('گفت') : JAA.test(t.n) && p.words[i + 1] === 'في' ? CAME_IN : info.cue;
    // `نفي` spelt with ي is the verbal noun (`تأكيد أو نفي ما ورد`); the verb is written نفى.
    if (!cue || doubled(p, i) || /^[وف]?نفي$/.test(t.raw) || (cue.participle && governed(p, i))) continue;
    const r = fromCue(p, light ? i + 1 : i, cue, used, nested);
    if (!r) continue;
    add(r);
    const lastSpan = r.spans.at(-1);
    if (!lastSpan) continue;
    coveredUntil = Math.max(coveredUntil, p.toks.findIndex((x) => x.start >= lastSpan.end));
    if (coveredUntil < 0) coveredUntil = p.toks.length;
  }
  const first = p.openAt.get(0);
  if (!reports.length && first && first.close >= p.toks.length - 3) {
    add({ cue: null, cueText: '', at: p.toks[0]!.start, sentenceAt: p.toks[0]!.start, subject: null, fromSentence: false, nested: false, spans: [direct(p, first)] });
  }
  if (!reports.length) {
    const answer = topicAnswer(p);
    if (answer) add(answer);
  }
  return reports;
}

/** Words that open an interview question's topic (`وعن`, `وحول`, `وبخصوص`, `وفيما يتعلق`, `وبشأن`). */
const TOPICS = /^[وف]?(?:عن|حول|بخصوص|بشان|بالنسبه|فيما|ازاء|تجاه|حيال)$/;

/**
 * An interview answer with no verb: a paragraph opening on a topic (`وعن رأيه في المنافسين: "…"`,
 * `وحول الأحداث: …`) then a colon; the answer is the interviewee's, the speaker in focus.
 */
function topicAnswer(p: Para): Report | null {
  const w = contentStart(p, 0);
  if (!p.toks[w]?.word || !TOPICS.test(p.words[w]!)) return null;
  for (let j = w + 1; j < p.toks.length && j < w + 16; j++) {
    const t = p.toks[j]!;
    if (TERMINAL.has(t.raw) || (t.word && lex(p, j).cue)) return null;
    if (t.raw !== ':' || !p.toks[j + 1]) continue;
    const q = p.openAt.get(j + 1);
    const span = q ? direct(p, q) : plain(p, j + 1, sentenceEnd(p, j + 1), true);
    return { cue: null, cueText: '', at: p.toks[j + 1]!.start, sentenceAt: p.toks[0]!.start, subject: null, fromSentence: false, nested: false, spans: [span] };
  }
  return null;
}

/** `جاء` (with its و/ف): `وجاء في البيان أن …` reports what a document says. */
const JAA = /^[وف]?جاء$/;
const CAME_IN: Cue = { kind: 'say', fem: null, participle: false, denial: false };

/** A finite cue right before another (`أكد أكد الوزير`, a typo; `قال يقول`): the second one reads the report. */
function doubled(p: Para, i: number): boolean {
  const next = p.toks[i + 1];
  if (!next?.word || next.start > p.toks[i]!.end + 2) return false;
  const c = lex(p, i + 1).cue;
  return !!c && !c.participle && !lex(p, i).cue!.participle;
}

function fromCue(p: Para, i: number, cue: Cue, used: Set<QuotePair>, nested: boolean): Report | null {
  const t = p.toks[i]!;
  const s = p.sentence[i]!;
  let subject: Tok[] | null = null;
  let from = i + 1;
  // `رحب بها كل العالم`: a describing verb whose object is a pronoun (بها، به) has its object already; it introduces nothing.
  if (cue.kind === 'describe' && /^[بل](?:ه|ها|هم|هما|هن)$/.test(p.words[i + 1] ?? '')) return null;
  if (JAA.test(t.n) && p.words[i + 1] === 'في') {
    // `وجاء في البيان أن …`, `وجاء في بيان للوزارة: …`: the document (or its issuer) is the subject.
    const end = subjectEnd(p, i + 1);
    if (end > i + 2) [subject, from] = [p.toks.slice(i + 2, end), end];
  } else if (/^و?نقل/.test(t.n)) {
    const about = p.words.indexOf('عن', i);
    const say = about > 0 ? p.words.findIndex((w, k) => k > about && /^(?:ب?قوله|قولها)$/.test(w)) : -1;
    if (say > 0 && say - about < 10) [subject, from] = [p.toks.slice(about + 1, say), say + 1];
  } else if (PRONOUNS.has(p.words[i - 1] ?? '')) {
    cue = { ...cue, fem: PRONOUNS.get(p.words[i - 1]!) ?? cue.fem };
  } else if (!cue.participle && cue.kind === 'describe' && RELATIVE.test(p.words[i - 1] ?? '') && agrees(p.words[i - 1]!, cue)) {
    // `…، الذي وصف الاتفاق بأنه …`: the relative's antecedent is the subject, what follows وصف/اتهم … its object.
    subject = subjectBefore(p, i, cue);
  } else if (!cue.participle && !toNamed(p, p.toks[i + 1])) {
    // (After `وتقول لبي بي سي إنها …` the subject is dropped: the words were said to the outlet after the verb.)
    const end = subjectEnd(p, i);
    if (end > i + 1) [subject, from] = [p.toks.slice(i + 1, end), end];
    else if ((!/^[وف]/.test(t.n) || cueOf(t.n.slice(1)) === null) && !detachedConjCue(p.words, i - 1)) subject = subjectBefore(p, i, cue);
  }
  const words = subject?.filter((x) => x.word) ?? [];
  // `وأضاف ذات المصدر`، `نفس المسؤول`: the same one as before.
  if (words.length > 1 && /^(?:ذات|نفس)$/.test(words[0]!.n)) subject = null;
  if (words.length === 1 && PRONOUNS.has(words[0]!.n)) {
    cue = { ...cue, fem: PRONOUNS.get(words[0]!.n) ?? cue.fem };
    subject = null;
  }
  if (nested && !subject) return null;
  // Impersonal `يُعتقد أن` (it is believed): no one's words.
  if (!subject && /^[وف]?يعتقد$/.test(t.n)) return null;
  // After a fronted topic (`وعن استعدادات المنتخب قال`) the dropped subject is the one in focus, not a body named in the topic.
  const c = contentStart(p, s);
  const topic = !subject && c < i && p.toks[c]!.word && TOPICS.test(p.words[c]!);
  const initial = topic || p.toks.slice(s, i).every((x) => !x.word || LEADING.has(x.n) || x.raw === '-');
  const report: Report = { cue, cueText: t.raw, at: t.start, sentenceAt: p.toks[s]!.start, subject, fromSentence: !subject && (cue.participle || !initial), nested, spans: [] };
  if (subject?.length === 1 && from > i && /^(?:في|عن|من|لدي)$/.test(p.words[from] ?? '') && p.toks[from + 1]?.word) report.role = true;
  const content = findContent(p, from);
  if (content?.type === 'colon') {
    const q = p.openAt.get(content.at);
    report.spans.push(q ? direct(p, q, used) : plain(p, content.at, speechEnd(p, content.at), true));
  } else if (content?.type === 'quote') {
    if (quoteWords(p, content.pair) >= 2) report.spans.push(direct(p, content.pair, used));
  } else if (content?.type === 'clause') {
    report.spans.push(...clause(p, content.at, cue));
  } else if (/^[a-z]/.test(t.n) && p.toks[from]?.word) {
    report.spans.push(plain(p, from, clauseEnd(p, from), false));
  } else {
    const back = quoteBefore(p, i);
    if (back && !used.has(back)) report.spans.push(direct(p, back, used));
    else if (p.words[i - 1] === 'كما' && i - 1 > s && subject) report.spans.push(plain(p, contentStart(p, s), i - 1, false));
  }
  return report.spans.length ? report : null;
}

/**
 * End of unquoted speech after a colon: the speaker goes on over the paragraph's next sentences (`وأبلغ …: من بين
 * الانتقادات … دون معرفة. دعونا نراجع الحقائق.`) up to one that reports again (a cue, an attribution), quotes, or
 * opens on و: news narration links its sentences with و (`وتوج تشيلسي …`), speech goes on without it.
 */
function speechEnd(p: Para, at: number): number {
  let end = sentenceEnd(p, at);
  while (end + 1 < p.toks.length) {
    const next = sentenceEnd(p, end + 1);
    const first = p.toks.slice(end + 1, next).find((t) => t.word);
    if (!first || /^[وف]/.test(first.n)) return end;
    for (let j = end + 1; j < next; j++) {
      if (p.openAt.has(j) || !p.toks[j]!.word) continue;
      const w = lex(p, j);
      if ((w.cue && !governed(p, j)) || (w.attr && attributionAt(p.words, j))) return end;
    }
    if (p.openAt.has(end + 1) || [...p.openAt.keys()].some((k) => k > end && k < next)) return end;
    end = next;
  }
  return end;
}

/** The reported clause at `c`: direct when it is all in quote marks, else indirect with its long quoted fragments. */
function clause(p: Para, c: number, cue: Cue): Span[] {
  const e = clauseEnd(p, c);
  const q = p.openAt.get(c);
  if (q && q.close < e) {
    const after = wordsBetween(p, q.close + 1, e);
    if (after <= 2 || after < quoteWords(p, q)) {
      const spans = [direct(p, q)];
      const more = p.toks.findIndex((t, k) => k > q.close && k < e && /^و(?:ب)?ان/.test(t.n) && isComplementizer(t.n));
      if (more > 0) spans.push(...clause(p, more + 1, cue));
      return spans;
    }
  }
  const spans = cue.kind === 'say' ? [plain(p, c, e, false)] : [];
  const min = cue.kind === 'say' ? QUOTE_READING.clauseQuoteWords.say : QUOTE_READING.clauseQuoteWords.other;
  for (const f of p.pairs) if (f.open >= c && f.close < e && quoteWords(p, f) >= min) spans.push(direct(p, f));
  return spans;
}

/** A quotation just before a cue, past its subject: `"…," she said`, `«…» هكذا اختتم`. */
function quoteBefore(p: Para, i: number): QuotePair | null {
  for (let j = i - 1, words = 0; j >= 0 && words <= 4; j--) {
    const q = p.pairs.find((x) => x.close === j);
    if (q) return q;
    if (TERMINAL.has(p.toks[j]!.raw) || p.openAt.has(j)) return null;
    if (p.toks[j]!.word) words++;
  }
  return null;
}


import { clauseEnd, subjectEnd, type Para } from './clauses.js';
import { isComplementizer } from './cues.js';
import type { QuotePair } from './marks.js';
import { LEADING, contentStart, direct, plain, type Report } from './spans.js';
import { COMMA, TERMINAL, type Tok } from './tokens.js';

/** Possessed nouns after بحسب/وفق that point back at the current speaker: «بحسب تعبيره», «على حد قوله». */
export const SELF = /^(?:تعبير|قول|وصف|زعم)(?:ه|ها|هم)$/;

/**
 * A report introduced by an attribution (`بحسب X`, `وفقا لـX`, `according to X`, `به گفته X`) at token `i`
 * spanning `len` tokens: the clause after it when it opens the sentence, the clause before it when it
 * closes the sentence, a quotation right after X, or the quoted fragments before «بحسب تعبيره».
 */
export function attribution(p: Para, i: number, len: number, used: Set<QuotePair>, reports: Report[]): Report | null {
  const s = p.sentence[i]!;
  let x = i + len;
  if (p.words[x] === 'ما' || p.words[x] === 'لما') {
    // `وفق ما نقلت "فرانس برس"`, `وفقا لما نقلته …`: an outlet that relayed the words is never their speaker.
    if (/^(?:ت|ي)?نقل/.test(p.words[x + 1] ?? '')) return null;
    x += 2;
    // `حسب ما صرح به X`: the verb's pronoun complement is not the source.
    while (/^(?:به|بها|له|لها|عنه|عنها)$/.test(p.words[x] ?? '')) x++;
    // … and the outlet it was said to, in parentheses (`حسب ما أفاد به (وات) المحامي …`).
    if (p.toks[x]?.raw === '(') {
      const close = p.toks.findIndex((t, k) => k > x && t.raw === ')');
      if (close > 0 && close - x <= 6) x = close + 1;
    }
  }
  while (/^(?:the|a|an)$/.test(p.words[x] ?? '')) x++;
  const initial = p.toks.slice(s, i).every((t) => !t.word || LEADING.has(t.n));
  let end = subjectEnd(p, x - 1);
  const comma = p.toks.findIndex((t, k) => k > x && k < end && COMMA.has(t.raw));
  if (initial && comma > 0) end = comma;
  const named = SELF.test(p.words[x] ?? '') ? [] : p.toks.slice(x, end).map((t, k) => (k === 0 && /^ل[^ل]../.test(t.n) ? withoutLam(t) : t));
  const subject = named.some((t) => t.word) ? named : null;
  // The attribution closes the clause when the sentence ends soon after it, or goes on only with a relative
  // clause or a parenthesis about its source (`بحسب المرصد السوري الذي لم يستبعد …`, `… كرشان (الطرف الداعي)`).
  const next = COMMA.has(p.toks[end]?.raw ?? '') ? end + 1 : end;
  const closing = p.toks.slice(end, end + 4).some((t) => TERMINAL.has(t.raw)) || end + 3 >= p.toks.length || /^(?:الذي|التي|الذين)$/.test(p.words[next] ?? '') || p.toks[end]?.raw === '(';
  // `ويعود المستودع، بحسب المرصد، إلى تاجر أسلحة`: an attribution between commas inside the clause.
  const inside = !initial && !closing && COMMA.has(p.toks[i - 1]?.raw ?? '') && COMMA.has(p.toks[end]?.raw ?? '') && p.sentence[end] === s;
  const report: Report = { cue: { kind: 'say', fem: null, participle: false, denial: false }, cueText: p.toks[i]!.raw, at: p.toks[i]!.start, sentenceAt: p.toks[s]!.start, subject: subject?.length ? subject : null, fromSentence: !subject, nested: false, spans: [] };
  const earlier = reports.some((r) => r.sentenceAt === report.sentenceAt);
  const after = p.openAt.get(end);
  if (after && subject) report.spans.push(direct(p, after, used));
  if (!subject) {
    for (const q of p.pairs) if (q.open >= s && q.close < i && !used.has(q) && !earlier) report.spans.push(direct(p, q, used));
  } else if (!earlier) {
    if (initial) {
      const comma = p.toks.findIndex((t, k) => k >= end && COMMA.has(t.raw));
      let c = comma + 1;
      while (comma > 0 && isComplementizer(p.words[c] ?? '')) c++;
      if (comma > 0 && p.sentence[comma] === s) report.spans.unshift(plain(p, c, clauseEnd(p, c), false));
    } else if (closing || after) report.spans.unshift(plain(p, contentStart(p, s), i, false));
    else if (inside) report.spans.unshift(plain(p, contentStart(p, s), clauseEnd(p, end + 1), false));
  }
  return report.spans.length ? report : null;
}

/** `لمنظمة` → `منظمة` (after وفقا), offsets kept inside the word. */
function withoutLam(t: Tok): Tok {
  const cut = t.raw.startsWith('لـ') ? 2 : 1;
  return { ...t, raw: t.raw.slice(cut), n: t.n.slice(1), start: t.start + cut };
}


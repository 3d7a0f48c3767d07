import { normalizeText, words } from '../text/normalize.js';

/** Openers that continue the previous sentence whatever follows (normalised forms): "he added", "also", "but". */
const CONTINUATIONS = new Set([
  // Arabic: added / went on / also / but / therefore / then / this
  'واضاف', 'واضافت', 'اضاف', 'اضافت', 'وتابع', 'وتابعت', 'تابع', 'وتابعوا', 'واستطرد', 'واردف', 'واردفت', 'وختم', 'وختمت',
  'مضيفا', 'مضيفه', 'متابعا', 'مؤكدا', 'موكدا', 'مشيرا', 'كما', 'وكما', 'ايضا', 'كذلك', 'لكن', 'ولكن', 'لكنه', 'ولكنه', 'لكنها',
  'ولكنها', 'غير', 'الا', 'بيد', 'لذلك', 'ولذلك', 'لذا', 'ولهذا', 'بذلك', 'وبذلك', 'ثم', 'وهذا', 'هذا', 'وهذه', 'هذه', 'ذلك', 'وذلك',
  'وهو', 'هو', 'وهي', 'هي', 'وهم', 'هم', 'وهما', 'هما', 'انه', 'وانه', 'انها', 'وانها', 'فيما', 'بينما', 'وعليه', 'عليه',
  // Persian: he/she, also, but, this
  'او', 'وی', 'وي', 'همچنین', 'همچنين', 'اما', 'ولی', 'ولي', 'این', 'اين',
  // English: pronouns, connectives
  'he', 'she', 'they', 'it', 'this', 'these', 'those', 'that', 'but', 'however', 'also', 'meanwhile', 'moreover', 'furthermore',
  'besides', 'still', 'yet', 'so', 'thus', 'then', 'his', 'her', 'their', 'its',
]);

/** Reporting verbs that need a named subject: followed directly by "that" or a colon, the speaker is the previous one's. */
const REPORTING = new Set([
  'وقال', 'وقالت', 'قال', 'قالت', 'واشار', 'واشارت', 'واوضح', 'واوضحت', 'واكد', 'واكدت', 'وذكر', 'وذكرت', 'ولفت', 'ولفتت',
  'وشدد', 'وشددت', 'واعتبر', 'واعتبرت', 'ورأي', 'وراي', 'واعرب', 'واعربت', 'وبين', 'وبينت', 'وافاد', 'وافادت', 'واعلن', 'واعلنت',
  'وگفت', 'وافزود', 'افزود', 'گفت',
]);
const THAT = new Set(['ان', 'انه', 'انها', 'انهم', 'في', 'خلال', 'امام', 'لوكاله', 'كه']);

/**
 * True when a sentence cannot open a summary because it leans on the one before: a dangling
 * "وأضاف"/"كما"/"He added", a leading pronoun or demonstrative, or a reporting verb whose
 * subject was dropped ("وقال إن …").
 */
export function needsAntecedent(sentence: string): boolean {
  const normalized = normalizeText(sentence);
  const [first, second] = words(normalized);
  if (!first) return false;
  if (CONTINUATIONS.has(first)) return true;
  if (!REPORTING.has(first)) return false;
  return second === undefined || THAT.has(second) || /^[^\p{L}\p{N}]*\S+\s*[:،,]/u.test(normalized);
}

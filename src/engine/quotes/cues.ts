import { stripConj } from './tokens.js';
import type { Cue, CueKind } from './types.js';

/** Past forms (normalised) of the verbs of denial; their present and participle forms deny too. */
const DENIALS = new Set(['نفي', 'انكر', 'دحض']);

/** Arabic reporting verbs, normalised: past, present (3rd m. sg.), participle (accusative). */
const ARABIC: Array<[string, string, string, CueKind]> = [
  ['قال', 'يقول', 'قايلا', 'say'], ['اضاف', 'يضيف', 'مضيفا', 'say'], ['اكد', 'يوكد', 'موكدا', 'say'],
  ['اشار', 'يشير', 'مشيرا', 'say'], ['اوضح', 'يوضح', 'موضحا', 'say'], ['اعلن', 'يعلن', 'معلنا', 'say'],
  ['لفت', 'يلفت', 'لافتا', 'say'], ['شدد', 'يشدد', 'مشددا', 'say'], ['اعتبر', 'يعتبر', 'معتبرا', 'say'],
  ['تابع', 'يتابع', 'متابعا', 'say'], ['ذكر', '', 'مذكرا', 'say'], ['صرح', 'يصرح', 'مصرحا', 'say'],
  ['اردف', 'يردف', 'مردفا', 'say'], ['زاد', '', '', 'say'], ['حذر', 'يحذر', 'محذرا', 'say'],
  ['افاد', 'يفيد', 'مفيدا', 'say'], ['كشف', 'يكشف', 'كاشفا', 'say'], ['راي', 'يري', '', 'say'],
  ['توقع', 'يتوقع', 'متوقعا', 'say'], ['اعترف', 'يعترف', 'معترفا', 'say'], ['نفي', 'ينفي', 'نافيا', 'say'], ['انكر', 'ينكر', 'منكرا', 'say'],
  ['دحض', 'يدحض', '', 'say'], ['علق', 'يعلق', 'معلقا', 'say'], ['روي', 'يروي', 'راويا', 'say'],
  ['استنكر', 'يستنكر', 'مستنكرا', 'say'], ['ندد', 'يندد', 'منددا', 'describe'], ['دان', 'يدين', '', 'describe'], ['هتف', 'يهتف', 'هاتفا', 'say'],
  ['كتب', 'يكتب', 'كاتبا', 'say'], ['تساءل', 'يتساءل', 'متسايلا', 'say'], ['اكمل', 'يكمل', 'مكملا', 'say'],
  ['استطرد', 'يستطرد', 'مستطردا', 'say'], ['نوه', 'ينوه', 'منوها', 'say'], ['لمح', 'يلمح', 'ملمحا', 'say'],
  ['المح', '', '', 'say'], ['اقترح', 'يقترح', 'مقترحا', 'say'], ['', 'يبين', 'مبينا', 'say'],
  ['اعتقد', 'يعتقد', 'معتقدا', 'say'], ['غرد', 'يغرد', 'مغردا', 'say'],
  ['ختم', 'يختم', 'خاتما', 'say'], ['اختتم', 'يختتم', 'مختتما', 'say'], ['ابلغ', '', '', 'say'],
  ['وصف', 'يصف', 'واصفا', 'describe'], ['دعا', 'يدعو', 'داعيا', 'describe'], ['طالب', 'يطالب', 'مطالبا', 'describe'],
  ['ناشد', 'يناشد', 'مناشدا', 'describe'], ['نصح', 'ينصح', 'ناصحا', 'describe'], ['وعد', 'يعد', 'واعدا', 'describe'],
  ['اشاد', 'يشيد', 'مشيدا', 'describe'], ['اتهم', 'يتهم', 'متهما', 'describe'], ['عزا', 'يعزو', 'عازيا', 'describe'],
  ['اوصي', 'يوصي', 'موصيا', 'describe'], ['', 'يعبر', 'معبرا', 'describe'], ['استهل', 'يستهل', 'مستهلا', 'describe'],
  ['افتتح', 'يفتتح', 'مفتتحا', 'describe'], ['نقل', 'ينقل', 'ناقلا', 'say'],
  ['رحب', 'يرحب', 'مرحبا', 'describe'], ['اعرب', 'يعرب', 'معربا', 'describe'],
];
/** Verbal nouns used as cues: «بقوله:», «بالقول إن», «عن خامنئي قوله:». */
const NOUNS = ['بقوله', 'بالقول', 'قوله', 'قولها', 'بقولها'];
/** English and Persian reporting words (normalised). */
const OTHER: Array<[string, CueKind]> = [
  ['said', 'say'], ['says', 'say'], ['told', 'say'], ['added', 'say'], ['stated', 'say'], ['noted', 'say'],
  ['explained', 'say'], ['warned', 'say'], ['wrote', 'say'], ['insisted', 'say'], ['argued', 'say'], ['asked', 'say'],
  ['گفت', 'say'], ['افزود', 'say'], ['گفته', 'say'], ['ميگويد', 'say'], ['نوشت', 'say'],
];
/** Persian light-verb cues: «تأکید کرد», «اعلام کرد» … (the noun before کرد). */
export const PERSIAN_LIGHT = new Set(['تاكيد', 'اعلام', 'اظهار', 'عنوان', 'اشاره', 'تصريح']);

/** Every cue form: the verbs' past, present and participle in each gender, the verbal nouns, English and Persian words. */
const LEXICON: ReadonlyMap<string, Cue> = cueForms();
function cueForms(): Map<string, Cue> {
  const forms = new Map<string, Cue>();
  const put = (form: string, kind: CueKind, fem: boolean | null, participle: boolean, denial = false) => {
    if (form && !forms.has(form)) forms.set(form, { kind, fem, participle, denial });
  };
  for (const [past, present, part, kind] of ARABIC) {
    const denial = DENIALS.has(past);
    if (past) {
      put(past, kind, false, false, denial);
      put(/[اي]$/.test(past) ? `${past.slice(0, -1)}ت` : `${past}ت`, kind, true, false, denial);
      // Plural (`قالوا`، `أضافوا`): gender unmarked for the speaker's resolution.
      if (!/[اي]$/.test(past)) put(`${past}وا`, kind, null, false, denial);
    }
    if (present) {
      put(present, kind, false, false, denial);
      put(`ت${present.slice(1)}`, kind, true, false, denial);
    }
    if (part) {
      put(part, kind, false, true, denial);
      put(`${part.slice(0, -1)}ه`, kind, true, true, denial);
    }
  }
  for (const n of NOUNS) put(n, 'say', n.endsWith('ها') ? true : null, true);
  for (const [w, kind] of OTHER) put(w, kind, null, false);
  return forms;
}

/** The cue a normalised word is, if any (with its و/ف conjunction); the reader keeps the answer with a token's word information. */
export function cueOf(n: string): Cue | null {
  return LEXICON.get(n) ?? LEXICON.get(stripConj(n)) ?? null;
}

/** Normalised words opening a reported clause (إن، أن، بأن and their pronoun forms; English that; Persian که). */
export function isComplementizer(n: string): boolean {
  return /^(?:[وف]?ب?ان(?:ه|ها|هم|هما|ني|نا|نه|كم)?|that|كه)$/.test(n);
}

/** Attributions: «بحسب X», «وفقا لـX», «نقلا عن X», «على لسان X», «according to X», «به گفته X». */
export function attributionAt(words: readonly string[], i: number): number {
  const raw = words[i] ?? '';
  if (raw.length > 10) return 0;
  const w = attributionHead(raw);
  if (!w) return 0;
  const next = words[i + 1] ?? '';
  if (w === 'بحسب' || w === 'حسب' || w === 'طبقا') return 1;
  if (w === 'وفقا' || w === 'وفق') return 1;
  if (w === 'نقلا' && next === 'عن') return 2;
  if (w === 'علي' && next === 'لسان') return 2;
  if (w === 'according' && next === 'to') return 2;
  if (w === 'به' && (next === 'گفته' || next === 'نقل')) return 2;
  return 0;
}

/** Words an attribution can start with (after its conjunction). */
const ATTR_HEADS = new Set(['بحسب', 'حسب', 'طبقا', 'وفقا', 'وفق', 'نقلا', 'علي', 'according', 'به']);
/** The attribution head word `raw` is (without its conjunction), or ''. */
function attributionHead(raw: string): string {
  // `فحسب` is the adverb `only` (`ليس على كليفورد فحسب`), never ف + بحسب.
  if (raw === 'فحسب') return '';
  const w = raw.startsWith('ووفق') ? raw.slice(1) : raw.startsWith('وفق') ? raw : stripConj(raw);
  return ATTR_HEADS.has(w) ? w : '';
}

/** Whether attributionAt can be non-zero at a word `raw` (whatever follows it); not memoised: the reader keeps the answer with the word. */
export const mayAttribute = (raw: string) => raw.length <= 10 && attributionHead(raw) !== '';

/** Glosses that end a reported clause: «في إشارة إلى», «على حد قوله», «وفق تعبيره», «in reference to». */
export function isGlossStart(words: readonly string[], i: number): boolean {
  const w = stripConj(words[i] ?? '');
  const next = words[i + 1] ?? '';
  if (w === 'في' && /^(?:اشاره|تحذير|تلميح|انتقاد|رساله|تعليق)/.test(next)) return true;
  if (w === 'علي' && next === 'حد') return true;
  if (words[i] === 'وذلك') return true;
  return attributionAt(words, i) > 0;
}

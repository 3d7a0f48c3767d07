import { normalizeText } from './normalize.js';

/** Arabic function words and question words (normalised when the set is built). */
const ARABIC = `
من إلى الى عن على في مع هذا هذه ذلك تلك هؤلاء أولئك هنا هناك الذي التي الذين اللذان اللتان اللواتي اللاتي
ما ماذا متى أين اين كيف كم لماذا هل أي أية لم لن لا ليس ليست إن أن ان إذا اذا إذ لو لولا كل بعض غير سوى
قد لقد كان كانت يكون تكون كانوا هو هي هم هن هما أنا نحن أنت أنتم انا انت
و أو او ثم بل لكن لكنه حتى إلا الا منذ عند عندما بين خلال حيث حين بعد قبل فوق تحت أمام امام
به بها له لها لهم بهم فيه فيها منه منها عليه عليها إليه اليه عنه عنها كما مثل ذات ذو أيضا ايضا
يا أما اما إنه انه أنه إنها انها أنها وقد وكان وكانت وهو وهي وفي ومن وما ولا وأن وإن فإن فقد
تم التى هى الذى ال ماهي ماهو ماهى مالذي ممن مما عما فيما بما لما كلما عدة عده وهل أو ولم لدى لديه لديها
إذن اذن هذان هاتان ذاك تلكم كذلك هكذا أيضاً جدا جداً كيفية
بماذا ماسم بأي لمن بكم اذكر أعط اعطي شيء الشيء
`;

/** Persian function words. */
const PERSIAN = `
و در به از که این آن را با برای است بود شد می هم تا یا اما اگر نیز چه چرا کجا کی چگونه چند آیا
هر همه دیگر بر پس پیش روی زیر بین باید شده شود کرد کند کرده خود ما شما او آنها ایشان من تو
یک هیچ نه بی چون وی ها های
`;

/** English function words and question words. */
const ENGLISH = `
a an the and or but if of to in on at by for with from as is are was were be been being it its this that
these those there here which who whom whose what when where why how do does did not no so than then too
very can could will would shall should may might must has have had he she they we you i me him her them us
my your his our their into over under about after before between through during up down out off again
`;

/** Normalised stop words of Arabic, Persian and English. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  [ARABIC, PERSIAN, ENGLISH].flatMap((list) => list.split(/\s+/).filter(Boolean).map(normalizeText)),
);

/** True when a normalised token carries no meaning for search. */
export function isStopWord(normalizedToken: string): boolean {
  return STOP_WORDS.has(normalizedToken);
}

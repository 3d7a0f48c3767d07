import { describe, expect, it } from 'vitest';
import { extractQuotations } from '../../../src/engine/quotes/extract.js';

/** Each quotation of an Arabic article as `[first words of the text, speaker]`. */
const read = (body: string) => extractQuotations({ id: 'a', title: 't', body, lang: 'ar' });
const find = (body: string, part: string) => read(body).find((q) => q.text.includes(part));

/** `[pattern, article body, words of the quotation, speaker]`: the speaker the reader must give that quotation. */
type Case = [string, string, string, string | null];

describe('extractQuotations: Arabic attribution patterns', () => {
  const interview =
    'التقت «الصحيفة» المدرب التونسي نبيل معلول في حوار خاص.\n' +
    'وعن استعدادات المنتخب للمونديال قال: "نحن جاهزون تماما ونعمل بجدية".\n' +
    'وحول الأحداث الأخيرة في النادي، أكد أن "الأمور تحت السيطرة".\n' +
    'وبخصوص مستقبله، قال إنه سيبقى مع الفريق حتى نهاية العقد.\n' +
    'وفيما يتعلق بالانتقادات، أوضح أن الجمهور من حقه أن ينتقد.\n' +
    'وعن رأيه في المنافسين: "كل الفرق قوية في هذه البطولة".';
  const cases: Case[] = [
    // Interviews: the interviewee, named once, answers paragraphs opened by a topic.
    ['interview, وعن … قال:', interview, 'نحن جاهزون تماما', 'نبيل معلول'],
    ['interview, وحول …، أكد أن', interview, 'الأمور تحت السيطرة', 'نبيل معلول'],
    ['interview, وبخصوص …، قال إنه', interview, 'سيبقى مع الفريق', 'نبيل معلول'],
    ['interview, وفيما يتعلق بـ…، أوضح أن', interview, 'الجمهور من حقه', 'نبيل معلول'],
    ['interview, وعن …: with no verb', interview, 'كل الفرق قوية', 'نبيل معلول'],
    // The outlet spoken to is never the speaker.
    ['addressee لمراسل', 'وقال مصدر في الدفاع المدني لمراسل الوكالة الفرنسية إن فرق الإغاثة انتشلت خمسة أشخاص.', 'فرق الإغاثة', 'الدفاع المدني'],
    ['addressee لوكالة', 'وقال الوزير خالد شوكات لوكالة تونس افريقيا للأنباء إن الحكومة ستعلن قرارها قريبا.', 'الحكومة ستعلن', 'خالد شوكات'],
    ['relaying outlet', 'قال ترمب إن الاتفاق مختلف كثيرا عن الاتفاق الذي صوت عليه الشعب البريطاني، وفقا لما نقلته "فرانس برس".', 'الاتفاق مختلف', 'ترمب'],
    // Words glued to a name.
    ['verb before a woman\'s name', 'وفي بيان، اعتذرت ليدي غاغا لجمهورها، وقالت إنها "محطمة".\nوكتبت ليدي غاغا لجمهورها "أنا محطمة لدرجة أنني غير قادرة".', 'أنا محطمة', 'ليدي غاغا'],
    ['attribution head before a name', 'وقال المغني إنه سعيد جدا بهذا العمل.\nودخل ويست مصحة نفسية في 2016، بحسب رويترز.', 'ودخل ويست', 'رويترز'],
    ['noun before a name at a later mention', 'قالت المغنية الأمريكية كاتي بيري إنها تعاني من آلام حادة.\nوأعرب كثيرون من جمهور كاتي بيري عن دعمهم لها.', 'تعاني من آلام', 'كاتي بيري'],
    ['relative pronoun that is not the subject', 'وكان حسن نصرالله قد تحدث عن صفقة القرن، والتي قال إنها تتضمن الاعتراف بالقدس عاصمة لإسرائيل.', 'تتضمن الاعتراف', 'حسن نصرالله'],
    ['weekday word as a first name', 'أكد وزير الشؤون الخارجية خميس الجهيناوي أن "تونس اليوم على نفس درجة الأمان مقارنة بالعواصم الكبرى".', 'تونس اليوم', 'خميس الجهيناوي'],
    // Organisation names are not cut after their first word.
    ['org with بلا', 'وقالت منظمة أطباء بلا حدود إن الوضع في المستشفى كارثي.', 'الوضع في المستشفى', 'أطباء بلا حدود'],
    ['org with a feminine nisba', 'وقالت موانئ دبي العالمية إن حكومة جيبوتي ادعت ملكية المحطة.', 'حكومة جيبوتي', 'موانئ دبي العالمية'],
    ['org then its short form', 'وقال المرصد السوري لحقوق الإنسان إن 39 مدنيا قتلوا.\nوأكد المرصد أن القصف مستمر على البلدة.', 'القصف مستمر', 'المرصد السوري لحقوق الإنسان'],
    ['short form of an org with its head', 'وقالت منظمة العفو الدولية في بيان إن السلطات اعتقلت الناشطين.\nوأضافت العفو الدولية أن الاعتقالات تعسفية.', 'الاعتقالات تعسفية', 'منظمة العفو الدولية'],
    // A role word stands for the person the article names.
    ['role, then the surname', 'أكد القيادي عن حركة نداء تونس خميس قسيلة أن الحزب يعاني أزمة حقيقية.\nوأضاف قسيلة أن نداء تونس مكسب للشعب التونسي.', 'الحزب يعاني', 'خميس قسيلة'],
    ['first name, surname written elsewhere', 'تقدم الزميلة "إيمان الفجاري" برنامجا إذاعيا جديدا.\nوقالت إيمان إن البرنامج يبث في نهاية الأسبوع.', 'البرنامج يبث', 'إيمان الفجاري'],
    ['nisba surname before an apposition', 'أكدت ليلى العياشي المرشحة للانتخابات التشريعية أنها اختارت تونس لبدء حملتها.\nوأوضحت العياشي أنها مرشحة عن حزب ماكرون.', 'اختارت تونس', 'ليلى العياشي'],
    // Anonymous sources: of a named body → the body; reports and the media → unknown.
    ['anonymous source of a body', 'وذكر مصدر أمني مسؤول بمنطقة أمن صفاقس المدينة أنه تم العثور على أسلحة.', 'تم العثور', 'منطقة أمن صفاقس المدينة'],
    ['source close to, not of', 'وقالت مصادر مقربة من التحقيق إن المتهم اعترف بالتهم.', 'المتهم اعترف', null],
    ['media reports', 'وذكرت وسائل إعلام محلية أن الشك يحوم حول مشاركة اللاعب.', 'الشك يحوم', null],
  ];
  it.each(cases)('%s', (_pattern, body, part, speaker) => {
    const q = find(body, part);
    expect(q, part).toBeDefined();
    expect(q!.speaker).toBe(speaker);
  });

  it.each([
    ['وعن', 'وعن بدايته في الغناء قال إن حلمه كان أن يصبح فنانا منذ طفولته.'],
    ['حينها', 'وتوقع حينها أن يكون كل الموجودين مدعوين من الوفد.'],
  ])('never gives a grammatical word (%s) as the speaker', (word, body) => {
    for (const q of read(body)) expect(q.speaker ?? '').not.toContain(word);
  });
});

describe('extractQuotations: denials', () => {
  it.each([
    ['ونفت مجموعة بولوريه أن تكون ارتكبت أي مخالفة في نشاطاتها في أفريقيا.', 'تكون ارتكبت أي مخالفة'],
    ['وأنكر المتحدث باسم الوزارة أن تكون الحكومة قد وافقت على الاتفاق.', 'الحكومة قد وافقت'],
    ['وقال الوزير إن الحكومة ملتزمة بالاتفاق، نافيا أن "تكون هناك أي خلافات داخل الائتلاف الحاكم".', 'أي خلافات داخل'],
  ])('marks what %s denies as a denial', (body, part) => {
    expect(find(body, part)).toMatchObject({ polarity: 'denial' });
  });

  it('leaves plain statements without a polarity', () => {
    const qs = read('وقال الوزير إن الحكومة ملتزمة بالاتفاق، نافيا أن "تكون هناك أي خلافات داخل الائتلاف الحاكم".');
    expect(qs.find((q) => q.text.startsWith('الحكومة ملتزمة'))!.polarity).toBeUndefined();
  });

  it('takes نفي spelt with ي for the verbal noun, not a cue', () => {
    expect(read('وحاولت الصحيفة التواصل معه من أجل تأكيد أو نفي ما ورد، إلا أنه تجاهل الرد.')).toEqual([]);
  });
});

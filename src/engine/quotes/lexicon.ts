/** Word lists (normalised, without ال) for reading who is speaking: titles, organisations, places, anonymous sources. */

/** A word list from a space-separated string. */
const set = (words: string) => new Set(words.split(/\s+/).filter(Boolean));

/** Head words of a person's title or description (رئيس، وزيرة، المتحدث، المدرب …). */
export const PERSON_HEADS = set(`
  رييس رييسه وزير وزيره نايب نايبه متحدث متحدثه ناطق ناطقه مدير مديره مستشار مستشاره امين امينه سفير سفيره
  قايد زعيم زعيمه مرشد ملك ملكه امير اميره شيخ شيخه دكتور دكتوره سيد سيده لواء عميد جنرال عقيد مشير فريق
  مدرب مدربه لاعب لاعبه حارس نجم نجمه مسوول مسووله مسوولون مسوولين عضو عضوه محافظ حاكم قاضي قاضيه مفوض مبعوث مندوب
  خبير خبيره محلل محلله مراسل مراسله صحفي صحفيه ناشط ناشطه اعلامي اعلاميه عاهل ولي بابا مصنف مصنفه موسس مالك
  متطوع متطوعه طبيب طبيبه استاذ استاذه مهندس محامي محاميه كاتب كاتبه مساعد مساعده وكيل وكيله ممثل ممثله مغني
  مغنيه سكرتير سكرتيره فنان فنانه بطل بطله قاده نواب وزراء مسوولي رجل امراه سيناتور حاخام مفتي امام داعيه باحث باحثه
  president minister spokesman spokeswoman secretary director chief senator governor mr mrs ms dr
`);
/** Honorifics and titles stripped from a name (rule 5). */
export const HONORIFICS = set(`
  دكتور دكتوره سفير سفيره امير اميره ملك ملكه شيخ شيخه لواء سيد سيده مهندس عميد جنرال رييس رييسه نايب نايبه
  حاج استاذ استاذه فريق عقيد مشير بابا قاضي mr mrs ms dr sir
`);
/** Head words of an organisation (منظمة، وزارة، شركة …). */
export const ORG_HEADS = set(`
  منظمه وزاره شركه لجنه وكاله قناه صحيفه مجلس هييه حكومه جامعه حزب مجموعه شبكه اتحاد جمعيه مكتب مركز بنك
  مجله صندوق معهد موسسه رياسه جيش قوات شرطه تلفزيون موقع اذاعه محكمه برلمان سلطات بعثه تحالف جبهه حركه نادي منتخب تقرير
  اداره اليزيه جمهوريه مملكه ولايه كرملين بنتاغون ministry company committee agency government council
`);
/** Documents: a statement or report speaks for whoever issued it (بيان، تقرير، تغريدة …). */
export const DOCUMENTS = set(`بيان تقرير تغريده رساله مقال وثيقه وثايق تصريحات تصريح تدوينه منشور دعوي نص مذكره شكوي نشريه بلاغ`);

/** Figures and findings (بيانات، أرقام، إحصاءات، دراسة، استطلاع …): they speak for whoever issued them, else for no one. */
export const FIGURES = set(`بيانات ارقام احصاءات احصاييات معطيات نتايج دراسه استطلاع مسوده مسح معلومات`);

/** Anonymous, unaffiliated sources: their quotations get a null speaker (rule 6). */
export const GENERIC = set(`
  مصدر مصادر شهود شاهد سكان محللون محللين خبراء مراقبون متظاهرون ناشطون نشطاء دبلوماسيون دبلوماسيين مواطنون وسايل تقارير انباء source sources witnesses analysts
`);
/** General opinion (يرى الكثيرون، يعتقد البعض): not a quotation at all. */
export const OPINION_HOLDERS = set(`كثيرون بعض اخرون جميع كثير many some others`);
/** Nationality adjectives: a title that says السعودي does not describe someone said to be الأميركي. */
export const NATIONALITIES = set(`
  ايراني امريكي اميركي سعودي مصري روسي صيني فرنسي بريطاني الماني تركي سوري عراقي لبناني اردني فلسطيني
  اسراييلي قطري اماراتي كويتي بحريني عماني يمني ليبي تونسي جزايري مغربي سوداني اسباني ايطالي برتغالي بلجيكي
  هولندي ارجنتيني برازيلي كندي ياباني كوري هندي باكستاني افغاني اوكراني اوروبي افريقي اسكتلندي ايرلندي سويسري
  سويدي يوناني مكسيكي تشيلي نيجيري اثيوبي اميركيه امريكيه
`);
/** Countries and capitals: they close a title (رئيسة وزراء اسكتلندا نيكولا ستورجن) or speak for a state. */
export const PLACES = set(`
  ايران امريكا اميركا روسيا صين فرنسا بريطانيا المانيا تركيا سوريا عراق لبنان اردن فلسطين اسراييل قطر امارات
  كويت بحرين عمان يمن ليبيا تونس جزاير مغرب سودان مصر سعوديه اسبانيا ايطاليا برتغال بلجيكا هولندا ارجنتين
  برازيل كندا يابان كوريا هند باكستان افغانستان اوكرانيا اوروبا افريقيا اسكتلندا ايرلندا سويسرا طهران موسكو
  واشنطن لندن باريس برلين بكين رياض قاهره دمشق بغداد بيروت انقره دوحه ابوظبي دبي غزه قدس اوتاوا بيونغيانغ
  كوبا فنزويلا اليونان سويد نيجيريا اثيوبيا الكونغو
`);
/**
 * Capitals (normalised, without ال) and the country that speaks through them: a government named by its
 * capital (`اعتبرت موسكو`) is the country (annotation choice: capital → country).
 */
export const CAPITALS = new Map<string, string>([
  ['موسكو', 'روسيا'], ['واشنطن', 'الولايات المتحدة'], ['بكين', 'الصين'], ['طهران', 'إيران'], ['دمشق', 'سوريا'],
  ['انقره', 'تركيا'], ['باريس', 'فرنسا'], ['لندن', 'بريطانيا'], ['برلين', 'ألمانيا'], ['رياض', 'السعودية'],
  ['قاهره', 'مصر'], ['بغداد', 'العراق'], ['بيروت', 'لبنان'], ['دوحه', 'قطر'], ['ابوظبي', 'الإمارات'],
  ['بيونغيانغ', 'كوريا الشمالية'], ['سيول', 'كوريا الجنوبية'], ['طوكيو', 'اليابان'], ['روما', 'إيطاليا'],
  ['مدريد', 'إسبانيا'], ['كييف', 'أوكرانيا'], ['منامه', 'البحرين'], ['مسقط', 'عمان'], ['صنعاء', 'اليمن'],
  ['خرطوم', 'السودان'], ['رباط', 'المغرب'], ['اوتاوا', 'كندا'], ['نيودلهي', 'الهند'], ['اسلام اباد', 'باكستان'],
  ['كابول', 'أفغانستان'],
]);

/** Words that never belong to a name: prepositions, relatives, particles, days and times. */
export const FUNCTION_WORDS = set(`
  في من الي علي عن مع خلال امام عبر بعد قبل الذي التي الذين اللذين هو هي هم انه ان قد كان كانت لا لم لن ما
  هذا هذه ذلك تلك حيث اذ كما او ثم بين عند منذ حتي لدي لدى ضد نحو حول دون غير كل جميع اي ايضا يوم اليوم
  امس غدا الان مساء صباح احد اثنين الاحد الاثنين الثلاثاء الاربعاء الخميس
  الجمعه السبت ماضي الماضي اسبوع الاسبوع لكن ولكن بل عقب اثر لـ ب ل لقناه لصحيفه لوكاله اكثر وسط اما انها
  بدوره بدورها جهته جهتها جانبه جانبها تحت فوق عشيه اول وكذلك كذلك وهو وهي سابقا حاليا عالميا رسميا موخرا مجددا
  لاحقا شخصيا ليس ليست ليسوا لنا لي لكم به بها بهم ذات بشكل بصوره بصفه بصفته بصفتها بصفتي حينها وقتها حينذاك انذاك عندئذ يومها انا نحن انني اني لكني لكنني ولكني ولكنني هذه هذا هولاء فيها فيه له لها لهم عنه عنها منه منها معه معها امامه عليه عليها ايضا the a an of in on at to for by with from
  he she they it who which that this
`);
/** Time words that end a subject when they start it or follow a comma (`قال الشهر الماضي`). */
export const TIME_WORDS = set(`شهر الشهر عام العام اسبوع الاسبوع يوم اليوم امس مساء صباح ليله الليله`);
/** Pronoun subjects: the speaker is the one already talking (gender when marked). */
export const PRONOUNS = new Map<string, boolean | null>([
  ['he', false], ['she', true], ['they', null], ['هو', false], ['هي', true], ['او', null],
  ['لكنه', false], ['ولكنه', false], ['لكنها', true], ['ولكنها', true], ['انه', false], ['انها', true],
]);

/** Particles inside names (بن، آل، أبو، عبد …). */
export const NAME_PARTICLES = set(`بن بنت ابن ال ابو ام عبد عبدال الدين دي دو فان فون دا de van von al bin`);

/** A country or capital, with or without ال. */
export const isPlace = (n: string) => PLACES.has(n) || PLACES.has(n.replace(/^[وفبل]?ال/, ''));
/** A nationality adjective in its definite form (التركي), not a name (تركي آل الشيخ). */
export const isNationality = (n: string) => /^[وفبل]?ال/.test(n) && NATIONALITIES.has(n.replace(/^[وفبل]?ال/, '').replace(/ه$/, ''));

/** Feminine head words and honorifics end in ه (ة normalised): رئيسة، الأميرة، المستشارة. */
export function feminineTitle(bareHead: string): boolean {
  return PERSON_HEADS.has(bareHead) && /ه$/.test(bareHead) && !['ولي', 'فقيه'].includes(bareHead);
}

/** English word lists for reading who says what: reporting verbs by class, titles, organisation words, anonymous sources. */

/** A word list from a space-separated string. */
const set = (words: string) => new Set(words.split(/\s+/).filter(Boolean));

/** Verbs of saying (lemmas): their subject speaks, their complement or the adjacent quotation is what was said. */
export const SPEECH_VERBS = set(`
  say tell add ask write tweet post note explain argue claim insist warn suggest announce state declare report
  continue reply respond answer recall remark observe acknowledge admit concede confirm deny reject dismiss predict
  promise pledge vow urge call cite mention point stress emphasize emphasise reiterate repeat assert allege contend
  maintain complain lament caution testify quip joke shout yell scream boast brag tout praise criticize criticise
  blast slam attack accuse blame charge describe conclude estimate propose recommend demand order advise inform
  assure remind concur agree disagree counter retort interrupt begin summarize summarise signal indicate reveal
  disclose release publish read show find imply hint speculate guess wonder question proclaim preach vote endorse
  support oppose condemn defend apologize apologise threaten encourage welcome highlight underscore reaffirm voice
  express outline detail share recount characterize
`);

/** Verbs of thinking, wanting and planning (lemmas): PolNeAR counts their complements as attributed too. */
export const COGNITION_VERBS = set(`
  believe think know feel hope want wish expect fear worry doubt suspect consider see view regard assume understand
  realize realise recognize recognise remember forget plan intend prefer seek aim decide determine imagine
`);

/** Verbs whose object is the addressee: `told reporters`, `urged voters to` (the addressee is never the speaker). */
export const ADDRESSEE_VERBS = set(`tell ask urge remind assure inform warn advise encourage order caution call`);

/** Verbs that put the speaker after them in a sentence that opens with the quotation: `"…," said Jane Doe`. */
export const INVERTING_VERBS = set(`say add ask write explain continue reply respond answer note recall tweet post declare insist warn`);

/** Titles and honorifics before a name, dropped from speaker names (rule 5). */
export const TITLES = set(`
  mr mr. mrs mrs. ms ms. miss dr dr. sen sen. rep rep. gov gov. gen gen. lt lt. col col. sgt sgt. rev rev. prof prof.
  president vice senator representative congressman congresswoman governor mayor secretary minister premier chancellor
  judge justice speaker chairman chairwoman chair leader sir lord lady king queen prince princess pope sheikh
  former candidate nominee attorney general state defense treasury homeland commerce labor
  democratic republican democrat gop independent presidential hopeful front-runner frontrunner rival businessman billionaire
  spokesman spokeswoman spokesperson adviser advisor aide strategist manager director chief officer ambassador
  gubernatorial councilman councilwoman commissioner
`);

/** Honorifics and titles that tell a man. */
export const MALE_HONORIFICS = set(`mr mr. sir lord king prince congressman councilman chairman spokesman businessman`);
/** Honorifics and titles that tell a woman. */
export const FEMALE_HONORIFICS = set(`mrs mrs. ms ms. miss lady queen princess congresswoman councilwoman chairwoman spokeswoman businesswoman`);

/** Words that make a capitalised name an organisation. */
export const ORG_WORDS = set(`
  committee party department campaign administration association institute center centre university college council
  news post times journal network inc inc. corp corp. company group foundation agency bureau office court congress
  senate house assembly commission service organization organisation union coalition fund bank board club league
  ministry government police army navy force forces project watch pac caucus poll polls institution alliance
  reuters press tribune gazette magazine review herald telegraph globe chronicle daily weekly radio tv television
  cnn msnbc fox abc cbs nbc npr pbs bbc politico breitbart huffpost huffington twitter facebook google
  democrats republicans workers
`);

/** Heads of a body's mouthpiece: `a spokesman for X`, `a State Department official` speak for X. */
export const MOUTHPIECES = set(`
  spokesman spokeswoman spokesperson spokespeople official officials representative representatives statement
  release aide aides staffer staffers source sources
`);

/** Pronouns and their sex (true: female). */
export const GENDERED: ReadonlyMap<string, boolean> = new Map([
  ['he', false], ['him', false], ['his', false], ['himself', false],
  ['she', true], ['her', true], ['hers', true], ['herself', true],
]);

/** Subjects that name no one in particular: their quotations get a null speaker (rule 6). */
export const GENERIC = set(`
  i we you they it one some many most few several others someone somebody anyone people everyone nobody critics
  experts analysts officials observers supporters opponents voters residents witnesses sources aides advisers
  republicans democrats conservatives liberals americans members lawmakers leaders activists economists scientists
  researchers polls surveys studies reports data numbers figures this that these those there percent majority
  minority half allies friends strategists
`);

/** Relative pronouns: the speaker is their antecedent. */
export const RELATIVES = set(`who which that`);

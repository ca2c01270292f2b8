// The demo instrument: a school survey shaped like "Barns och ungdomars hälsa och levnadsvanor i
// Kronobergs län" (grades 5, 8 and upper-secondary year 2, every three years). Twenty items with
// codebooks; one item changed scale in 2024 (a series break) and one was added in 2021. The
// question texts are paraphrases written for Barnkompass, not the survey's copyrighted wording.

import type { CodebookOption, InstrumentDefinition, ItemDefinition, WaveDefinition } from './types.js';

export const DEMO_INSTRUMENT_ID = 'kronoberg-levnadsvanor';
export const DEMO_GRADES = ['5', '8', 'gy2'] as const;
export const DEMO_WAVE_YEARS = [2018, 2021, 2024] as const;

const o = (
  code: number,
  labelSv: string,
  labelEn: string,
  kind: CodebookOption['kind'] = 'answer',
): CodebookOption => ({ code, labelSv, labelEn, kind });

const FREQ_SYMPTOM = [
  o(1, 'Sällan eller aldrig', 'Rarely or never'),
  o(2, 'Någon gång i månaden', 'About once a month'),
  o(3, 'Någon gång i veckan', 'About once a week'),
  o(4, 'Flera gånger i veckan', 'Several times a week'),
  o(5, 'Nästan varje dag', 'Almost every day'),
];
const ALWAYS_NEVER = [
  o(1, 'Alltid', 'Always'),
  o(2, 'Oftast', 'Mostly'),
  o(3, 'Ibland', 'Sometimes'),
  o(4, 'Sällan', 'Rarely'),
  o(5, 'Aldrig', 'Never'),
];
const VERY_GOOD_BAD = [
  o(1, 'Mycket bra', 'Very good'),
  o(2, 'Bra', 'Good'),
  o(3, 'Varken bra eller dåligt', 'Neither good nor bad'),
  o(4, 'Dåligt', 'Bad'),
  o(5, 'Mycket dåligt', 'Very bad'),
];

function item(
  key: string,
  topic: string,
  labelSv: string,
  labelEn: string,
  questionSv: string,
  questionEn: string,
  options: CodebookOption[],
): ItemDefinition {
  return {
    key,
    topic,
    labelSv,
    labelEn,
    versions: [{ version: 1, questionSv, questionEn, options, breaksSeries: false }],
  };
}

export const DEMO_ITEMS: readonly ItemDefinition[] = [
  item(
    'trygg_skolan',
    'school',
    'Trygg i skolan',
    'Safe at school',
    'Känner du dig trygg i skolan?',
    'Do you feel safe at school?',
    ALWAYS_NEVER,
  ),
  item(
    'mobbad',
    'social_relations',
    'Mobbad',
    'Bullied',
    'Har du blivit mobbad i skolan den här terminen?',
    'Have you been bullied at school this term?',
    [
      o(1, 'Nej', 'No'),
      o(2, 'Ja, någon enstaka gång', 'Yes, once or twice'),
      o(3, 'Ja, två–tre gånger i månaden', 'Yes, two or three times a month'),
      o(4, 'Ja, ungefär en gång i veckan', 'Yes, about once a week'),
      o(5, 'Ja, flera gånger i veckan', 'Yes, several times a week'),
    ],
  ),
  item(
    'halsa',
    'health',
    'Självskattad hälsa',
    'Self-rated health',
    'Hur bedömer du ditt allmänna hälsotillstånd?',
    'How would you rate your general health?',
    VERY_GOOD_BAD,
  ),
  item(
    'huvudvark',
    'health',
    'Huvudvärk',
    'Headache',
    'Hur ofta har du haft huvudvärk det senaste halvåret?',
    'How often have you had a headache in the last six months?',
    FREQ_SYMPTOM,
  ),
  item(
    'ont_i_magen',
    'health',
    'Ont i magen',
    'Stomach ache',
    'Hur ofta har du haft ont i magen det senaste halvåret?',
    'How often have you had a stomach ache in the last six months?',
    FREQ_SYMPTOM,
  ),
  item(
    'sovsvarigheter',
    'health',
    'Svårt att somna',
    'Difficulty sleeping',
    'Hur ofta har du haft svårt att somna det senaste halvåret?',
    'How often have you had difficulty falling asleep in the last six months?',
    FREQ_SYMPTOM,
  ),
  item(
    'nedstamd',
    'health',
    'Nedstämd',
    'Feeling low',
    'Hur ofta har du känt dig nedstämd det senaste halvåret?',
    'How often have you felt low in the last six months?',
    FREQ_SYMPTOM,
  ),
  item(
    'fysisk_aktivitet',
    'leisure',
    'Fysisk aktivitet',
    'Physical activity',
    'Hur många dagar den senaste veckan var du fysiskt aktiv sammanlagt minst 60 minuter?',
    'On how many days in the last week were you physically active for at least 60 minutes in total?',
    Array.from({ length: 8 }, (_, d) => o(d, d === 1 ? '1 dag' : `${d} dagar`, d === 1 ? '1 day' : `${d} days`)),
  ),
  item(
    'fritidsaktivitet',
    'leisure',
    'Organiserad fritidsaktivitet',
    'Organised leisure activity',
    'Är du med i någon organiserad fritidsaktivitet, till exempel idrott, musik eller scouter?',
    'Do you take part in an organised leisure activity, such as sport, music or scouting?',
    [o(1, 'Ja', 'Yes'), o(2, 'Nej', 'No')],
  ),
  item('snus', 'andts', 'Snus', 'Snus', 'Snusar du?', 'Do you use snus?', [
    o(1, 'Nej, jag har aldrig snusat', 'No, never'),
    o(2, 'Nej, jag har provat men slutat', 'No, tried but stopped'),
    o(3, 'Ja, ibland', 'Yes, sometimes'),
    o(4, 'Ja, dagligen', 'Yes, daily'),
  ]),
  item('alkohol', 'andts', 'Alkohol', 'Alcohol', 'Hur ofta dricker du alkohol?', 'How often do you drink alcohol?', [
    o(1, 'Aldrig', 'Never'),
    o(2, 'Någon gång per år eller mer sällan', 'Once a year or less'),
    o(3, 'Någon gång i månaden', 'About once a month'),
    o(4, 'Varje vecka', 'Every week'),
  ]),
  item(
    'intensivkonsumtion',
    'andts',
    'Intensivkonsumtion',
    'Heavy episodic drinking',
    'Hur ofta dricker du så mycket alkohol att det motsvarar minst fyra burkar starköl vid samma tillfälle?',
    'How often do you drink the equivalent of at least four cans of strong beer on one occasion?',
    [
      o(1, 'Aldrig', 'Never'),
      o(2, 'Mer sällan än en gång i månaden', 'Less than once a month'),
      o(3, 'Minst en gång i månaden', 'At least once a month'),
      o(4, 'Minst en gång i veckan', 'At least once a week'),
    ],
  ),
  item(
    'vuxen_att_prata_med',
    'family',
    'Vuxen att prata med',
    'Adult to talk to',
    'Finns det någon vuxen du kan prata med om något är jobbigt?',
    'Is there an adult you can talk to when something is difficult?',
    [o(1, 'Ja', 'Yes'), o(2, 'Nej', 'No'), o(9, 'Vet inte', "Don't know", 'dont_know')],
  ),
  item(
    'trivs_skolan',
    'school',
    'Trivs i skolan',
    'Likes school',
    'Hur trivs du i skolan?',
    'How do you like school?',
    VERY_GOOD_BAD,
  ),
  {
    key: 'stress_skolarbete',
    topic: 'school',
    labelSv: 'Stress av skolarbetet',
    labelEn: 'Stressed by schoolwork',
    versions: [
      {
        version: 1,
        questionSv: 'Känner du dig stressad av skolarbetet?',
        questionEn: 'Do you feel stressed by schoolwork?',
        options: [
          o(1, 'Inte alls', 'Not at all'),
          o(2, 'Lite', 'A little'),
          o(3, 'Ganska mycket', 'Quite a lot'),
          o(4, 'Väldigt mycket', 'Very much'),
        ],
        breaksSeries: false,
      },
      {
        version: 2,
        questionSv: 'Hur ofta har du känt dig stressad av skolarbetet den senaste månaden?',
        questionEn: 'How often have you felt stressed by schoolwork in the last month?',
        options: [
          o(1, 'Aldrig', 'Never'),
          o(2, 'Sällan', 'Rarely'),
          o(3, 'Ibland', 'Sometimes'),
          o(4, 'Ofta', 'Often'),
          o(5, 'Alltid', 'Always'),
        ],
        breaksSeries: true,
        changeNote: 'Frequency scale over the last month instead of an intensity scale (2024).',
      },
    ],
  },
  item(
    'skolk',
    'school',
    'Skolk',
    'Truancy',
    'Har du skolkat den här terminen?',
    'Have you skipped school this term?',
    [
      o(1, 'Nej', 'No'),
      o(2, 'Ja, någon enstaka gång', 'Yes, once or twice'),
      o(3, 'Ja, ett par gånger i månaden', 'Yes, a couple of times a month'),
      o(4, 'Ja, varje vecka', 'Yes, every week'),
    ],
  ),
  item(
    'framtidstro',
    'family_future',
    'Framtidstro',
    'Future optimism',
    'Jag ser positivt på min framtid.',
    'I feel positive about my future.',
    [
      o(1, 'Stämmer helt', 'Completely true'),
      o(2, 'Stämmer ganska bra', 'Fairly true'),
      o(3, 'Stämmer ganska dåligt', 'Not very true'),
      o(4, 'Stämmer inte alls', 'Not true at all'),
      o(9, 'Vet inte', "Don't know", 'dont_know'),
    ],
  ),
  item(
    'ensam',
    'social_relations',
    'Ensamhet',
    'Loneliness',
    'Hur ofta känner du dig ensam?',
    'How often do you feel lonely?',
    [
      o(1, 'Aldrig', 'Never'),
      o(2, 'Sällan', 'Rarely'),
      o(3, 'Ibland', 'Sometimes'),
      o(4, 'Ofta', 'Often'),
      o(5, 'Alltid', 'Always'),
    ],
  ),
  item(
    'utanfor',
    'social_relations',
    'Utanför',
    'Left out',
    'Händer det att du känner dig utanför i skolan?',
    'Do you feel left out at school?',
    [o(1, 'Nej, aldrig', 'No, never'), o(2, 'Ja, ibland', 'Yes, sometimes'), o(3, 'Ja, ofta', 'Yes, often')],
  ),
  item(
    'larare_lyssnar',
    'school',
    'Lärarna lyssnar',
    'Teachers listen',
    'Tycker du att lärarna lyssnar på vad du tycker?',
    'Do you think the teachers listen to your views?',
    ALWAYS_NEVER,
  ),
];

export const DEMO_INSTRUMENT: InstrumentDefinition = {
  id: DEMO_INSTRUMENT_ID,
  name: 'Barns och ungdomars hälsa och levnadsvanor (demo)',
  description:
    'Synthetic demo survey for the demo county: grades 5, 8 and upper-secondary year 2, three waves. ' +
    'Fictional respondents; the structure follows the county school survey.',
  items: DEMO_ITEMS,
};

/** The three demo waves: loneliness is asked from 2021, school stress changed scale in 2024. */
export const DEMO_WAVES: readonly WaveDefinition[] = DEMO_WAVE_YEARS.map((year) => ({
  year,
  label: `Skolenkät ${year}`,
  grades: [...DEMO_GRADES],
  instrumentVersion: `${year}.1`,
  items: DEMO_ITEMS.filter((i) => !(i.key === 'ensam' && year < 2021)).map((i) => ({
    key: i.key,
    version: i.key === 'stress_skolarbete' && year >= 2024 ? 2 : 1,
  })),
}));

export function itemVersion(instrument: InstrumentDefinition, key: string, version: number) {
  const it = instrument.items.find((i) => i.key === key);
  const v = it?.versions.find((x) => x.version === version);
  if (!it || !v) throw new RangeError(`unknown item version ${key} v${version}`);
  return { item: it, version: v };
}

/** The demo plans' Swedish texts (written for this demo): needs, goals, actions, voices, views, reasons. */
import type { WheelIndicator } from '../../../core/wheel.js';
import type { UnitRow } from '../seed.js';
import type { Group } from './model.js';

export const NEEDS: Record<WheelIndicator, Record<Group, string[]>> = {
  safe: {
    small: [
      'Barnet behöver en trygg och förutsägbar vardag med samma vuxna på förskolan.',
      'Barnet behöver skyddas från bråk och oro hemma.',
    ],
    school: [
      'Eleven behöver känna sig trygg på rasterna och i korridoren.',
      'Eleven behöver en vuxen att gå till när något händer.',
    ],
    teen: [
      'Ungdomen behöver ett tryggare umgänge på kvällarna.',
      'Ungdomen behöver känna sig säker på vägen till och från skolan.',
    ],
  },
  healthy: {
    small: ['Barnet behöver regelbundna måltider och sömn.', 'Barnets språk och tillväxt behöver följas noga.'],
    school: [
      'Eleven behöver sova bättre och orka hela skoldagen.',
      'Eleven behöver hjälp med magont och huvudvärk som håller hen borta från skolan.',
    ],
    teen: ['Ungdomen behöver stöd för nedstämdhet och oro.', 'Ungdomen behöver få ordning på sömnen och skärmtiden.'],
  },
  achieving: {
    small: ['Barnet behöver stöd i språket och samspelet med andra barn.'],
    school: [
      'Eleven behöver stöd i matematik och läsning för att nå målen.',
      'Eleven behöver anpassningar för att kunna koncentrera sig på lektionerna.',
    ],
    teen: [
      'Ungdomen behöver komma tillbaka till skolan efter lång frånvaro.',
      'Ungdomen behöver en plan för att klara gymnasiebehörigheten.',
    ],
  },
  nurtured: {
    small: ['Barnet behöver vårdnadshavare som orkar och får stöd i föräldraskapet.'],
    school: [
      'Familjen behöver stöd i vardagen efter separationen.',
      'Eleven behöver att vuxna hemma och i skolan har samma förväntningar.',
    ],
    teen: ['Ungdomen behöver en vuxen hemma som finns där och sätter gränser.'],
  },
  active: {
    small: ['Barnet behöver få röra sig och leka ute varje dag.'],
    school: ['Eleven behöver en fritidsaktivitet att se fram emot.'],
    teen: ['Ungdomen behöver en meningsfull fritid med vuxna som bryr sig.'],
  },
  respected: {
    small: ['Barnets egna signaler behöver bli lyssnade på.'],
    school: [
      'Eleven behöver bli lyssnad på och få vara med och bestämma om sitt stöd.',
      'Eleven behöver slippa kränkningar från klasskamraterna.',
    ],
    teen: ['Ungdomen behöver bli tagen på allvar och få vara med och bestämma.'],
  },
  responsible: {
    small: ['Barnet behöver hjälp att hantera konflikter i leken.'],
    school: ['Eleven behöver verktyg för att hantera ilska och besvikelse.'],
    teen: ['Ungdomen behöver stöd för att hålla sig borta från kriminalitet och droger.'],
  },
  included: {
    small: ['Barnet behöver komma in i barngruppen och ha någon att leka med.'],
    school: [
      'Eleven behöver kamrater och någon att vara med på rasterna.',
      'Eleven behöver känna sig som en del av klassen.',
    ],
    teen: ['Ungdomen behöver ett sammanhang och vänner utanför hemmet.'],
  },
};

export const GOALS: Record<WheelIndicator, string[]> = {
  safe: ['Barnet säger själv att hen känner sig trygg.', 'Inga incidenter på rasterna under en hel månad.'],
  healthy: [
    'Sover minst nio timmar de flesta nätter och orkar hela skoldagen.',
    'Mår bättre enligt sin egen skattning i hjulet vid nästa uppföljning.',
  ],
  achieving: [
    'Närvaron är över 90 procent i tre månader i rad.',
    'Når kunskapskraven i svenska och matematik till terminens slut.',
  ],
  nurtured: [
    'Familjen har fungerande rutiner för morgon och kväll.',
    'Vårdnadshavarna upplever att de får det stöd de behöver.',
  ],
  active: ['Deltar i en fritidsaktivitet varje vecka.'],
  respected: ['Barnet är med och bestämmer vid varje uppföljning av planen.'],
  responsible: ['Hanterar konflikter utan att lämna lektionen.', 'Inga nya polisärenden under planperioden.'],
  included: [
    'Har minst en kamrat att vara med på rasterna.',
    'Känner sig delaktig i klassen enligt sin egen skattning.',
  ],
};

export const ACTIONS_BY_UNIT: Partial<Record<UnitRow['kind'], string[]>> = {
  compulsory_school: [
    'Anpassad studieplan med mentorn varje vecka',
    'Extra stöd i matematik två gånger i veckan',
    'Trygg vuxen möter eleven vid skolstart varje morgon',
    'Rastaktivitet med rastvärd tre dagar i veckan',
    'Veckovis kontakt med vårdnadshavarna om närvaron',
    'Utreda behov av särskilt stöd och skriva åtgärdsprogram',
  ],
  upper_secondary_school: [
    'Anpassad studiegång med mentorn',
    'Veckovis uppföljning av närvaron med mentorn',
    'Studie- och yrkesvägledning om programbyte',
  ],
  student_health_medical: [
    'Hälsosamtal hos skolsköterskan',
    'Uppföljning av sömn och vikt hos skolsköterskan',
    'Remiss till vårdcentralen för utredning av magont',
  ],
  student_health_psychosocial: [
    'Stödsamtal hos kuratorn varannan vecka',
    'Pedagogisk kartläggning av specialpedagogen',
    'Psykologisk bedömning hos skolpsykologen',
  ],
  social_services: [
    'Erbjuda föräldrastödsprogrammet ABC',
    'Familjebehandling med träffar i hemmet',
    'Utreda barnets behov enligt BBIC',
    'Kontaktperson enligt socialtjänstlagen',
  ],
  child_psychiatry: [
    'Bedömningssamtal på BUP',
    'KBT-behandling för oro',
    'BUP återkopplar till nätverket efter bedömningen',
  ],
  youth_clinic: ['Samtal på ungdomsmottagningen'],
  leisure_centre: [
    'Introducera ungdomen på fritidsgårdens kvällsverksamhet',
    'Fritidsledaren följer med till första träningen',
  ],
  child_health_centre: [
    'Extra BVC-besök för uppföljning av språk och tillväxt',
    'Hembesök av BVC-sjuksköterskan',
    'Remiss till logoped',
  ],
  preschool: [
    'Bildstöd och tecken som stöd i vardagen',
    'Extra vuxenstöd vid lämning och hämtning',
    'Specialpedagogen observerar och handleder personalen',
  ],
  police: ['Orosamtal med ungdomen och vårdnadshavarna (SSPF)'],
  youth_follow_up: [
    'Individuell plan med handläggaren för aktivitetsansvaret',
    'Studiebesök på gymnasiets introduktionsprogram',
  ],
};
export const GUARDIAN_ACTIONS = [
  'Vårdnadshavarna följer med på första mötet',
  'Vårdnadshavarna inför fasta kvällsrutiner hemma',
  'Vårdnadshavarna deltar i föräldraträffarna',
];
export const CHILD_ACTIONS: Record<Group, string[]> = {
  small: ['Barnet visar med bildkort hur dagen har varit'],
  school: [
    'Eleven skriver dagbok om sömn och ork i två veckor',
    'Eleven säger till sin trygga vuxen när det blir för mycket',
  ],
  teen: ['Ungdomen provar på en fritidsaktivitet', 'Ungdomen för egen närvarologg tillsammans med mentorn'],
};

export const VOICE: Record<Group, { text: string; byChild: boolean }[]> = {
  small: [
    {
      text: 'Barnet berättade med bildkort att det tycker bäst om att leka i sandlådan och att det blir ledset när det är mycket ljud.',
      byChild: false,
    },
    { text: 'Jag vill att mamma hämtar tidigt. Jag tycker om att måla och att gunga med Sara.', byChild: false },
  ],
  school: [
    {
      text: 'Jag vill ha någon att vara med på rasterna. Det är jobbigt när det är stökigt i klassrummet. Jag tycker om när läraren förklarar en gång till bara för mig.',
      byChild: false,
    },
    {
      text: 'Jag mår bättre när jag får börja dagen lugnt. Jag vill inte byta klass, men jag vill sitta närmare fönstret.',
      byChild: true,
    },
    {
      text: 'Det bästa är fotbollen på onsdagar. Jag vill att pappa och mamma pratar snällt med varandra.',
      byChild: false,
    },
  ],
  teen: [
    {
      text: 'Jag vill klara skolan men jag orkar inte när jag sover dåligt. Det hjälper att prata med kuratorn. Jag vill inte att alla ska veta allt om mig.',
      byChild: true,
    },
    {
      text: 'Jag vill bestämma mer själv. På fritidsgården känner jag mig lugn. Jag vill ha hjälp med matten, inte med allt.',
      byChild: true,
    },
    {
      text: 'Det har blivit bättre hemma. Jag vill fortsätta träffa samma person på BUP och inte börja om med någon ny.',
      byChild: false,
    },
  ],
};

export const GUARDIAN_VIEWS = [
  'Vi ser att hen mår bättre när det finns tydliga rutiner. Vi vill ha kontakt med skolan varje vecka, gärna via telefon.',
  'Jag är orolig för att hen inte får den hjälp hen behöver i skolan. Jag vill att BUP kopplas in så snart som möjligt.',
  'Vi är tacksamma för stödet men vill inte att fler verksamheter ska vara inblandade än nödvändigt.',
  'Hemma fungerar det ganska bra. Det svåra är morgnarna. Jag vill att skolan hör av sig samma dag om hen inte kommer.',
  'Jag håller med om planen. Jag vill själv vara med på mötena även om jag inte bor med barnet.',
];

export const DISAGREEMENTS: { party: 'child' | 'guardian' | 'professional'; about: string; text: string }[] = [
  {
    party: 'guardian',
    about: 'Kontakten med socialtjänsten',
    text: 'Vårdnadshavaren anser att familjebehandling inte behövs. Övriga i nätverket bedömer att stödet hjälper och vill fortsätta.',
  },
  {
    party: 'child',
    about: 'Byte av klass',
    text: 'Barnet vill inte byta klass. Skolan föreslår det för att bryta konflikterna; frågan tas upp igen vid nästa uppföljning.',
  },
  {
    party: 'professional',
    about: 'När en BUP-bedömning behövs',
    text: 'BUP anser att skolans anpassningar först bör utvärderas. Skolan vill ha en bedömning nu.',
  },
  {
    party: 'guardian',
    about: 'Skolskjuts och schema',
    text: 'Vårdnadshavaren vill att eleven börjar senare på morgonen. Skolan anser att det påverkar undervisningen för mycket.',
  },
];

export const CREATE_REASON: Record<1 | 2 | 3, string[]> = {
  3: [
    'Beslut om samverkan efter nätverksmöte med familjen: skolan, socialtjänsten och vården behöver arbeta tillsammans. Samordnare är utsedd.',
    'Flera verksamheter behöver samordna sitt stöd. Vårdnadshavarna har samtyckt och barnet har varit med och berättat vad som är viktigt.',
  ],
  2: [
    'Elevhälsan ger stöd inom skolan; planen gör stödet tydligt för barnet och vårdnadshavarna.',
    'Stödet ges inom den egna verksamheten. Planen samlar vad vi gör, vem som gör det och när vi följer upp.',
  ],
  1: ['Planen samlar barnets och familjens önskemål; stödet ges inom den ordinarie verksamheten.'],
};
export const LOWERED_TO_ONE =
  'Stödet har gett effekt och behövs inte längre i samma omfattning. Uppföljning sker i den ordinarie verksamheten.';
export const FIRST_AT_TWO = 'Tidigt stöd inom verksamheten efter samtal med barnet och vårdnadshavarna.';

export const BACKGROUND: Record<Group, string[]> = {
  small: [
    'Barnet har ett försenat tal och drar sig undan i barngruppen. Familjen har nyligen flyttat till kommunen.',
    'Förskolan och BVC har sett att barnet ofta är trött och hungrigt på morgnarna.',
  ],
  school: [
    'Frånvaron har ökat under terminen och eleven har svårt att koncentrera sig. Familjen har genomgått en separation.',
    'Eleven har blivit utsatt för kränkningar och drar sig undan. Vårdnadshavarna har sökt kontakt med skolan.',
  ],
  teen: [
    'Ungdomen har lång frånvaro och beskriver nedstämdhet. Polisen har haft kontakt med familjen efter en händelse i centrum.',
    'Ungdomen har slutat träffa sina vänner och har svårt att ta sig till skolan.',
  ],
};

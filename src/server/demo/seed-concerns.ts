/**
 * Demo concerns (uppmärksamma) and chronologies for the teamed children of the demo county, so that
 * a newcomer sees the noticing step at work: decided concerns that explain each child's support
 * level, open concerns waiting for a decision (some overdue), and a chronology per child with the
 * entries the concerns added and notes written by the team. Swedish texts written for this demo.
 *
 * anna.lindqvist's current children (five or more) carry, on the first five, exactly: three open
 * concerns she raised that are overdue, one due within three days and one due later — so her "Att
 * göra" has 3 overdue items and 1 upcoming — and no open concern by anyone else.
 *
 * Deterministic (seeded PRNG, ids from stable keys) and pure until `seedConcerns` writes it inside
 * seedDemo's owner transaction. Every author and decider was on the child's team on that day, and
 * no decision implies a higher support level than the one the child has (decisions raise levels).
 */
import type { Queryable } from '../db/client.js';
import type { WheelIndicator } from '../../core/wheel.js';
import { Rng, addDays, ageOn, daysBetween, demoUuid } from './random.js';
import type { DemoData } from './seed.js';
import { teamMembersByChild, type Member } from './plan/model.js';

type Decision = 'no_further_action' | 'own_service' | 'collaboration';
type Significance = 'low' | 'medium' | 'high';
type AgeGroup = 'small' | 'school' | 'teen';

export interface ConcernSeedRow {
  id: string;
  child_id: string;
  observation: string;
  observed_since: string | null;
  earlier_concerns: string | null;
  indicators: WheelIndicator[];
  q_getting_in_the_way: string | null;
  q_information_needed: string | null;
  q_what_i_can_do: string | null;
  q_what_my_agency_can_do: string | null;
  q_additional_help: string | null;
  decision_due: string;
  decision: Decision | null;
  decision_reason: string | null;
  decided_at: string | null;
  decided_by_person_id: string | null;
  decided_by_assignment_id: string | null;
  created_by_person_id: string;
  created_by_assignment_id: string;
  owning_unit_id: string;
  secrecy_domain: string;
  created_at: string;
}

export interface ChronologySeedRow {
  id: string;
  child_id: string;
  kind: 'note' | 'concern_raised' | 'concern_decided';
  event_date: string;
  significance: Significance;
  text: string;
  concern_id: string | null;
  details: string;
  source_organisation_id: string;
  source_unit_id: string;
  secrecy_domain: string;
  entered_by_person_id: string;
  entered_by_assignment_id: string;
  created_at: string;
}

export interface ConcernSeed {
  concern: ConcernSeedRow[];
  chronology_entry: ChronologySeedRow[];
}

interface Template {
  ages: AgeGroup[];
  indicators: WheelIndicator[];
  observation: string;
  sinceDays: number;
  earlier: string | null;
  answers: [string, string, string, string, string];
}

/** What professionals notice, by age group. */
const TEMPLATES: readonly Template[] = [
  {
    ages: ['school', 'teen'],
    indicators: ['healthy', 'achieving'],
    sinceDays: 21,
    observation:
      'Eleven verkar trött och har svårt att koncentrera sig på lektionerna. Hen har somnat i klassrummet två gånger den senaste veckan.',
    earlier: 'Mentorn noterade liknande trötthet under förra terminen men det gick över.',
    answers: [
      'Tröttheten gör att eleven inte orkar med skolarbetet. Oklart om det handlar om sömn, oro eller något hemma.',
      'Nej. Jag behöver prata med eleven och vårdnadshavarna och höra vad skolsköterskan vet.',
      'Ha ett enskilt samtal med eleven och anpassa arbetsmängden under några veckor.',
      'Elevhälsan kan erbjuda ett hälsosamtal hos skolsköterskan.',
      'Om tröttheten håller i sig kan vårdcentralen behöva kopplas in.',
    ],
  },
  {
    ages: ['school', 'teen'],
    indicators: ['safe', 'included', 'respected'],
    sinceDays: 35,
    observation:
      'Eleven har vid flera tillfällen blivit utesluten och kallad nedsättande saker i korridoren. Hen drar sig undan och är ofta ensam på rasterna.',
    earlier: null,
    answers: [
      'Kränkningar från andra elever gör att eleven inte känner sig trygg eller delaktig i skolan.',
      'Delvis. Jag behöver veta mer om vad som händer på rasterna och i chattar utanför skolan.',
      'Anmäla kränkningarna till rektor enligt skollagen och prata med eleven om vad hen behöver.',
      'Skolan utreder kränkningarna och rastvärdarna får särskild uppmärksamhet på korridoren.',
      'Kurator kan behöva ge stödsamtal om eleven mår dåligt av det som hänt.',
    ],
  },
  {
    ages: ['school', 'teen'],
    indicators: ['safe', 'nurtured'],
    sinceDays: 10,
    observation:
      'Eleven har berättat att det är mycket bråk hemma och att hen inte vill gå hem efter skolan. Hen stannar kvar i skolan långt efter skoldagens slut.',
    earlier: 'Vårdnadshavarna har tidigare berättat om en svår separation.',
    answers: [
      'Situationen hemma gör att eleven inte känner sig trygg.',
      'Nej. Jag vet inte hur det ser ut hemma och behöver rådgöra med rektor och elevhälsan.',
      'Lyssna på eleven, dokumentera vad hen berättar och inte lova att hålla det hemligt.',
      'Rektor och kurator bedömer tillsammans om en orosanmälan ska göras till socialtjänsten.',
      'Socialtjänsten kan behöva utreda barnets situation.',
    ],
  },
  {
    ages: ['school', 'teen'],
    indicators: ['achieving', 'included'],
    sinceDays: 30,
    observation:
      'Frånvaron har ökat till ungefär 20 procent den senaste månaden, mest på måndagar och fredagar. Eleven säger att hen har ont i magen på morgnarna.',
    earlier: null,
    answers: [
      'Frånvaron gör att eleven halkar efter och tappar kontakten med klasskamraterna.',
      'Nej. Vi behöver kartlägga frånvaron och prata med eleven och vårdnadshavarna.',
      'Höra av mig till vårdnadshavarna samma dag eleven är borta och ha ett samtal med eleven.',
      'Skolan gör en frånvaroutredning och elevhälsan tar upp eleven på nästa möte.',
      'Om magontet har en medicinsk orsak kan vården behöva undersöka det.',
    ],
  },
  {
    ages: ['school', 'teen'],
    indicators: ['responsible', 'respected'],
    sinceDays: 45,
    observation:
      'Eleven har hamnat i konflikter med vuxna och andra elever flera gånger och har svårt att hantera besvikelse. Två gånger har hen lämnat lektionen i ilska.',
    earlier: 'Liknande konflikter förekom i årskurs 3 och hanterades då med extra vuxenstöd på rasterna.',
    answers: [
      'Svårigheter att hantera känslor leder till konflikter som gör skoldagen svår för eleven.',
      'Delvis. Jag vill veta om det finns något i elevens situation som förklarar förändringen.',
      'Förbereda eleven inför övergångar och ge en tydlig plats att gå till när det blir för mycket.',
      'Specialpedagogen kan göra en pedagogisk kartläggning och ge råd om anpassningar.',
      'Eventuellt en utredning hos skolpsykologen.',
    ],
  },
  {
    ages: ['school', 'teen'],
    indicators: ['healthy'],
    sinceDays: 60,
    observation:
      'Eleven äter sällan lunch i skolan och har gått ner märkbart i vikt under terminen. Hen undviker idrottslektionerna.',
    earlier: null,
    answers: [
      'Eleven äter för lite, vilket påverkar orken och hälsan.',
      'Nej. Skolsköterskan behöver träffa eleven och vårdnadshavarna behöver kontaktas.',
      'Prata med eleven i lugn och ro och uppmuntra hen att träffa skolsköterskan.',
      'Skolsköterskan gör en hälsobedömning och följer vikten.',
      'Remiss till vården kan behövas om skolsköterskan bedömer det.',
    ],
  },
  {
    ages: ['teen'],
    indicators: ['safe', 'responsible'],
    sinceDays: 20,
    observation:
      'Ungdomen har setts flera kvällar i centrum i sällskap med äldre personer som är kända av polisen. Hen har börjat komma sent till skolan.',
    earlier: null,
    answers: [
      'Umgänget kan utsätta ungdomen för risker och påverka skolgången.',
      'Nej. Vi behöver prata med ungdomen och vårdnadshavarna och höra vad fritidsgården vet.',
      'Ta upp det med ungdomen på ett respektfullt sätt och visa att vi bryr oss.',
      'Skolan kontaktar vårdnadshavarna och tar upp frågan i elevhälsoteamet.',
      'Socialtjänsten och polisen kan behöva samverka kring ungdomen (SSPF).',
    ],
  },
  {
    ages: ['teen'],
    indicators: ['healthy', 'included'],
    sinceDays: 40,
    observation:
      'Ungdomen har berättat för kurator att hen ofta känner sig nedstämd och inte ser någon mening med skolan. Hen har slutat träffa sina vänner.',
    earlier: 'Ungdomen hade samtal hos kurator under höstterminen.',
    answers: [
      'Nedstämdheten gör att ungdomen drar sig undan både skolan och vännerna.',
      'Nej. Vi behöver veta hur länge det har pågått och om vårdnadshavarna ser samma sak hemma.',
      'Fortsätta samtalen och hjälpa ungdomen att hålla kontakten med skolan.',
      'Elevhälsan kan erbjuda täta stödsamtal och samordna anpassningar.',
      'BUP eller ungdomsmottagningen kan behöva göra en bedömning.',
    ],
  },
  {
    ages: ['small'],
    indicators: ['nurtured', 'healthy'],
    sinceDays: 25,
    observation: 'Barnet kommer ofta till förskolan utan ytterkläder efter väder och verkar hungrigt på morgnarna.',
    earlier: null,
    answers: [
      'Barnets grundläggande behov av omsorg verkar inte alltid vara tillgodosedda.',
      'Nej. Jag behöver prata med vårdnadshavarna om hur morgnarna ser ut.',
      'Erbjuda frukost på förskolan och ha extrakläder tillgängliga.',
      'Förskolechefen och BVC kan tillsammans se vad familjen behöver för stöd.',
      'Socialtjänstens förebyggande stöd kan vara aktuellt om familjen vill.',
    ],
  },
  {
    ages: ['small'],
    indicators: ['achieving', 'included'],
    sinceDays: 90,
    observation: 'Barnet använder få ord och leker mest för sig själv. Vid samlingen har barnet svårt att vara med.',
    earlier: 'BVC noterade vid 2,5-årsbesöket att språket var sent.',
    answers: [
      'Språket och samspelet utvecklas långsammare än väntat.',
      'Delvis. BVC:s bedömning och vårdnadshavarnas bild behövs.',
      'Använda bildstöd och tecken som stöd i vardagen på förskolan.',
      'Förskolan kan ta in specialpedagog för observation och handledning.',
      'Logoped kan behöva göra en bedömning efter remiss från BVC.',
    ],
  },
  {
    ages: ['small'],
    indicators: ['safe', 'nurtured'],
    sinceDays: 14,
    observation:
      'Barnet har blåmärken på överarmarna och blir orolig när en viss vuxen hämtar. Barnet säger att hen inte vill gå hem.',
    earlier: null,
    answers: [
      'Det finns tecken på att barnet kan fara illa.',
      'Nej, men det behövs inte för att göra en orosanmälan.',
      'Dokumentera vad jag har sett och hört, utan att ställa ledande frågor.',
      'Förskolan gör en orosanmälan till socialtjänsten samma dag.',
      'Socialtjänsten bedömer om barnet behöver skydd.',
    ],
  },
];

const REASONS: Record<Decision, string[]> = {
  no_further_action: [
    'Samtal med barnet och vårdnadshavarna visade att det var en tillfällig situation. Vi fortsätter att vara uppmärksamma i det vanliga arbetet.',
    'Oron är besvarad: barnet får det stöd som behövs i vardagen och ingen ytterligare åtgärd behövs just nu.',
  ],
  own_service: [
    'Vi hanterar oron inom verksamheten med anpassningar och regelbundna samtal. Uppföljning om sex veckor.',
    'Elevhälsan ger stöd genom samtal varannan vecka. Vårdnadshavarna är informerade och positiva.',
    'Anpassningar i undervisningen och tätare kontakt med hemmet. Vi följer upp på nästa elevhälsomöte.',
  ],
  collaboration: [
    'Behoven kräver insatser från flera verksamheter. Vårdnadshavarna har samtyckt till samverkan och en samordnare utses.',
    'Skolan, socialtjänsten och vården behöver arbeta tillsammans. Barnets plan upprättas vid ett nätverksmöte.',
  ],
};

const NOTES: Record<AgeGroup, { significance: Significance; text: string }[]> = {
  small: [
    {
      significance: 'low',
      text: 'BVC-besök: barnet växer och utvecklas som förväntat. Vårdnadshavarna har inga frågor.',
    },
    { significance: 'low', text: 'Inskolningen på förskolan är klar. Barnet har kommit in bra i gruppen.' },
    {
      significance: 'medium',
      text: 'Vårdnadshavarna berättade att familjen har separerat och att barnet bor växelvis.',
    },
    { significance: 'medium', text: 'Barnet har bytt avdelning på förskolan efter önskemål från vårdnadshavarna.' },
    { significance: 'high', text: 'Orosanmälan gjord till socialtjänsten efter det barnet berättade på förskolan.' },
  ],
  school: [
    { significance: 'low', text: 'Utvecklingssamtal med eleven och vårdnadshavarna. Eleven är nöjd med skolarbetet.' },
    { significance: 'low', text: 'Vårdnadshavare ringde och berättade att familjen ska flytta inom kommunen.' },
    { significance: 'medium', text: 'Skolsköterskan har haft hälsosamtal med eleven.' },
    { significance: 'medium', text: 'Frånvaroutredning påbörjad efter upprepad ströfrånvaro.' },
    { significance: 'medium', text: 'Eleven har bytt klass efter önskemål från vårdnadshavarna.' },
    {
      significance: 'high',
      text: 'Eleven var inblandad i ett allvarligt bråk på skolgården. Vårdnadshavarna kontaktades samma dag.',
    },
    { significance: 'high', text: 'Orosanmälan gjord till socialtjänsten.' },
  ],
  teen: [
    { significance: 'low', text: 'Studie- och yrkesvägledning inför gymnasievalet.' },
    { significance: 'medium', text: 'Ungdomen har börjat på fritidsgårdens kvällsverksamhet och kommer regelbundet.' },
    { significance: 'medium', text: 'Ungdomen har fått en tid på ungdomsmottagningen.' },
    { significance: 'medium', text: 'Ungdomen har haft ströfrånvaro i tre veckor; mentor har kontakt med hemmet.' },
    {
      significance: 'high',
      text: 'Polisen har kontaktat socialtjänsten efter att ungdomen varit med vid en händelse i centrum.',
    },
    { significance: 'high', text: 'Ungdomen har fått en första tid hos BUP efter remiss från elevhälsan.' },
  ],
};

const DECISION_LEVEL: Record<Decision, number> = { no_further_action: 1, own_service: 2, collaboration: 3 };
const DECISION_SIGNIFICANCE: Record<Decision, Significance> = {
  no_further_action: 'low',
  own_service: 'medium',
  collaboration: 'high',
};

/** A time on a working day, deterministic: 07:30–15:59 Swedish winter time, written in UTC. */
function stamp(rng: Rng, date: string): string {
  return `${date}T${String(rng.int(6, 14)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:00Z`;
}

function ageGroup(age: number): AgeGroup {
  return age <= 5 ? 'small' : age >= 13 ? 'teen' : 'school';
}

export function buildConcernData(data: DemoData): ConcernSeed {
  const today = data.today;
  const rng = new Rng('concerns');
  const assignments = new Map(data.assignment.map((a) => [a.id, a]));
  const membersOf = teamMembersByChild(data);
  const active = (m: Member) => m.team.valid_to === null || m.team.valid_to >= today;
  // The same rule as seedDemo's support-level update (levels follow the team).
  const levelOf = (ms: Member[]) =>
    ms.some((m) => active(m) && m.team.team_role === 'coordinator')
      ? 3
      : ms.some((m) => active(m) && (m.team.team_role === 'contact_person' || m.team.team_role === 'member'))
        ? 2
        : 1;

  const b: Builder = { today, rng, concern: [], chronology_entry: [], currentLevel: new Map() };
  const annaChildren = new Set(
    data.team_membership
      .filter(
        (t) =>
          assignments.get(t.assignment_id)?.username === 'anna.lindqvist' &&
          (t.valid_to === null || t.valid_to >= today),
      )
      .map((t) => t.child_id),
  );
  const children = data.child.filter((c) => membersOf.has(c.id)).sort((a, b) => (a.id < b.id ? -1 : 1));
  // When no child has only a lead on the day the demo is built for, the first child at level 2
  // (not anna's) also had an earlier concern that needed no further action.
  const levelOneExists = children.some(
    (c) => (membersOf.get(c.id) ?? []).some(active) && levelOf(membersOf.get(c.id)!) === 1,
  );
  const state = { annaIndex: 0, noFurtherAction: 0 };
  for (const child of children) {
    childConcerns(b, child, membersOf.get(child.id) ?? [], { active, levelOf, annaChildren, levelOneExists }, state);
  }
  return { concern: b.concern, chronology_entry: b.chronology_entry };
}

/** What the concern and chronology drafts share: the day, the draws and the rows so far. */
interface Builder {
  readonly today: string;
  readonly rng: Rng;
  readonly concern: ConcernSeedRow[];
  readonly chronology_entry: ChronologySeedRow[];
  /** Support level per child as the decisions so far have set it. */
  readonly currentLevel: Map<string, number>;
}

interface ConcernRules {
  readonly active: (m: Member) => boolean;
  readonly levelOf: (ms: Member[]) => number;
  readonly annaChildren: ReadonlySet<string>;
  readonly levelOneExists: boolean;
}

/** A day in [from, to] (both YYYY-MM-DD); `from` when the window is empty. */
function dayIn(b: Builder, from: string, to: string): string {
  return to <= from ? from : addDays(from, b.rng.int(0, daysBetween(from, to)));
}

/** One child's concerns (the decision behind its level, open ones) and the team's notes. */
function childConcerns(
  b: Builder,
  child: DemoData['child'][number],
  members: Member[],
  rules: ConcernRules,
  state: { annaIndex: number; noFurtherAction: number },
): void {
  const { today, rng, currentLevel } = b;
  const { active, levelOf, annaChildren, levelOneExists } = rules;
  const current = members.filter(active);
  if (current.length === 0 && !members.some((m) => m.assignment.username === 'anna.lindqvist')) return;
  const group = ageGroup(ageOn(child.birth_date, today));
  const level = levelOf(members);
  currentLevel.set(child.id, 1);

  // The decision that explains the child's level (a former member's concern for anna's former child).
  // The first child with only a lead always has a "no further action" decision, so that all
  // three decisions are there on any day the demo is built.
  const decision: Decision | null =
    level === 3
      ? 'collaboration'
      : level === 2
        ? 'own_service'
        : rng.chance(0.4) || state.noFurtherAction === 0
          ? 'no_further_action'
          : null;
  if (decision === 'no_further_action') state.noFurtherAction += 1;
  if (
    !levelOneExists &&
    state.noFurtherAction === 0 &&
    level === 2 &&
    current.length > 0 &&
    !annaChildren.has(child.id)
  ) {
    const author = current[0]!;
    const createdOn = author.team.valid_from > addDays(today, -300) ? author.team.valid_from : addDays(today, -300);
    const on = addDays(createdOn, 3) < today ? addDays(createdOn, 3) : addDays(today, -1);
    raise(b, child.id, group, author, createdOn, addDays(createdOn, 14), {
      decision: 'no_further_action',
      decider: author,
      on,
    });
    state.noFurtherAction += 1;
  }
  if (decision) {
    const former = members.find((m) => !active(m) && m.assignment.username === 'anna.lindqvist');
    const author = former ?? rng.pick(current);
    const until = former?.team.valid_to ?? addDays(today, -20);
    const createdOn = dayIn(
      b,
      author.team.valid_from > addDays(today, -300) ? author.team.valid_from : addDays(today, -300),
      addDays(until, -3),
    );
    const deciders = current.filter((m) => m.team.valid_from <= addDays(createdOn, 2));
    const coordinator = deciders.find((m) => m.team.team_role === 'coordinator');
    const decider =
      decision === 'collaboration' && coordinator
        ? coordinator
        : (former ?? (deciders.includes(author) ? author : (deciders[0] ?? author)));
    const on = dayIn(b, addDays(createdOn, 2), addDays(createdOn, 12) < until ? addDays(createdOn, 12) : until);
    const yesterday = addDays(today, -1);
    raise(b, child.id, group, author, createdOn, addDays(createdOn, 14), {
      decision,
      decider,
      on: on > yesterday ? yesterday : on,
    });
  }

  if (annaChildren.has(child.id)) {
    // anna's open concerns: overdue by 9, 4 and 1 days, due in 2 days, due in 10 days.
    const anna = current.find((m) => m.assignment.username === 'anna.lindqvist');
    const offset = [-9, -4, -1, 2, 10][state.annaIndex++];
    if (anna && offset !== undefined) {
      const joined = anna.team.valid_from;
      // Never before she joined the team: a very recent member gets a shorter deadline instead.
      const due = offset < 0 && addDays(today, offset) <= joined ? addDays(joined, 1) : addDays(today, offset);
      const createdOn = addDays(due, -14) < joined ? joined : addDays(due, -14);
      raise(b, child.id, group, anna, createdOn, due, null);
    }
  } else if (current.length > 0 && rng.chance(0.25)) {
    // Someone else's open concern: some overdue, some due soon, most with time to spare.
    const author = rng.pick(current);
    const offset = rng.int(-6, 12);
    const due =
      addDays(today, offset) <= author.team.valid_from ? addDays(author.team.valid_from, 1) : addDays(today, offset);
    const createdOn = addDays(due, -14) < author.team.valid_from ? author.team.valid_from : addDays(due, -14);
    raise(b, child.id, group, author, createdOn >= today ? addDays(today, -1) : createdOn, due, null);
  }

  // Notes from the team over the last year.
  const notes = rng.int(annaChildren.has(child.id) ? 2 : 0, 4);
  for (let i = 0; i < notes && current.length > 0; i++) {
    const author = rng.pick(current);
    const note = rng.pick(NOTES[group]);
    // Up to yesterday: a seeded time of day on today could lie in the future.
    const on = dayIn(
      b,
      author.team.valid_from > addDays(today, -365) ? author.team.valid_from : addDays(today, -365),
      addDays(today, -1),
    );
    entry(b, child.id, author, {
      kind: 'note',
      event_date: on,
      significance: note.significance,
      text: note.text,
      concern_id: null,
      created_at: stamp(rng, on),
    });
  }
}

function entry(
  b: Builder,
  childId: string,
  m: Member,
  e: Pick<ChronologySeedRow, 'kind' | 'event_date' | 'significance' | 'text' | 'concern_id' | 'created_at'> & {
    details?: object;
  },
): void {
  const chronology_entry = b.chronology_entry;
  chronology_entry.push({
    id: demoUuid(`chronology:${childId}:${chronology_entry.length}`),
    child_id: childId,
    kind: e.kind,
    event_date: e.event_date,
    significance: e.significance,
    text: e.text,
    concern_id: e.concern_id,
    details: JSON.stringify(e.details ?? {}),
    source_organisation_id: m.assignment.organisation_id,
    source_unit_id: m.unit.id,
    secrecy_domain: m.unit.secrecy_domain,
    entered_by_person_id: m.team.person_id,
    entered_by_assignment_id: m.assignment.id,
    created_at: e.created_at,
  });
}

/** A concern raised by `author` on `createdOn`; decided by `decider` on `decidedOn` when given. */
function raise(
  b: Builder,
  childId: string,
  group: AgeGroup,
  author: Member,
  createdOn: string,
  due: string,
  decided: { decision: Decision; decider: Member; on: string } | null,
): void {
  const { rng, concern, currentLevel } = b;
  const t = rng.pick(TEMPLATES.filter((x) => x.ages.includes(group)));
  const id = demoUuid(`concern:${childId}:${concern.length}`);
  const answered = decided ? 5 : rng.int(1, 5); // open concerns are often still being worked through
  const a = (i: number) => (i < answered ? (t.answers[i] ?? null) : null);
  const createdAt = stamp(rng, createdOn);
  const reason = decided ? rng.pick(REASONS[decided.decision]) : null;
  const decidedAt = decided ? stamp(rng, decided.on) : null;
  concern.push({
    id,
    child_id: childId,
    observation: t.observation,
    observed_since: addDays(createdOn, -t.sinceDays),
    earlier_concerns: t.earlier,
    indicators: t.indicators,
    q_getting_in_the_way: a(0),
    q_information_needed: a(1),
    q_what_i_can_do: a(2),
    q_what_my_agency_can_do: a(3),
    q_additional_help: a(4),
    decision_due: due,
    decision: decided?.decision ?? null,
    decision_reason: reason,
    decided_at: decidedAt,
    decided_by_person_id: decided?.decider.team.person_id ?? null,
    decided_by_assignment_id: decided?.decider.assignment.id ?? null,
    created_by_person_id: author.team.person_id,
    created_by_assignment_id: author.assignment.id,
    owning_unit_id: author.unit.id,
    secrecy_domain: author.unit.secrecy_domain,
    created_at: createdAt,
  });
  entry(b, childId, author, {
    kind: 'concern_raised',
    event_date: createdOn,
    significance: 'medium',
    text: t.observation,
    concern_id: id,
    created_at: createdAt,
  });
  if (decided && reason && decidedAt) {
    const before = currentLevel.get(childId) ?? 1;
    const after = Math.max(before, DECISION_LEVEL[decided.decision]);
    currentLevel.set(childId, after);
    entry(b, childId, decided.decider, {
      kind: 'concern_decided',
      event_date: decided.on,
      significance: DECISION_SIGNIFICANCE[decided.decision],
      text: reason,
      concern_id: id,
      created_at: decidedAt,
      details: { decision: decided.decision, supportLevelBefore: before, supportLevelAfter: after },
    });
  }
}

/** Writes the demo concerns and chronologies (one multi-row INSERT per table). Returns the concern count. */
export async function seedConcerns(tx: Queryable, data: DemoData): Promise<number> {
  const { concern: c, chronology_entry: e } = buildConcernData(data);
  if (c.length > 0) {
    const col = <K extends keyof ConcernSeedRow>(k: K) => c.map((r) => r[k]);
    await tx.query(
      `INSERT INTO concern (id, child_id, observation, observed_since, earlier_concerns, indicators, q_getting_in_the_way, q_information_needed,
         q_what_i_can_do, q_what_my_agency_can_do, q_additional_help, decision_due, decision, decision_reason, decided_at, decided_by_person_id,
         decided_by_assignment_id, created_by_person_id, created_by_assignment_id, owning_unit_id, secrecy_domain, version, created_at, updated_at, updated_by_person_id)
       SELECT u.id, u.child_id, u.observation, u.observed_since, u.earlier_concerns, string_to_array(u.indicators, ','), u.q1, u.q2, u.q3, u.q4, u.q5,
              u.decision_due, u.decision, u.decision_reason, u.decided_at, u.decided_by_person_id, u.decided_by_assignment_id, u.created_by_person_id,
              u.created_by_assignment_id, u.owning_unit_id, u.secrecy_domain, CASE WHEN u.decision IS NULL THEN 1 ELSE 2 END, u.created_at,
              COALESCE(u.decided_at, u.created_at), COALESCE(u.decided_by_person_id, u.created_by_person_id)
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::date[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[],
                     $12::date[], $13::text[], $14::text[], $15::timestamptz[], $16::uuid[], $17::uuid[], $18::uuid[], $19::uuid[], $20::uuid[], $21::text[],
                     $22::timestamptz[])
           AS u(id, child_id, observation, observed_since, earlier_concerns, indicators, q1, q2, q3, q4, q5, decision_due, decision, decision_reason,
                decided_at, decided_by_person_id, decided_by_assignment_id, created_by_person_id, created_by_assignment_id, owning_unit_id, secrecy_domain, created_at)`,
      [
        col('id'),
        col('child_id'),
        col('observation'),
        col('observed_since'),
        col('earlier_concerns'),
        c.map((r) => r.indicators.join(',')),
        col('q_getting_in_the_way'),
        col('q_information_needed'),
        col('q_what_i_can_do'),
        col('q_what_my_agency_can_do'),
        col('q_additional_help'),
        col('decision_due'),
        col('decision'),
        col('decision_reason'),
        col('decided_at'),
        col('decided_by_person_id'),
        col('decided_by_assignment_id'),
        col('created_by_person_id'),
        col('created_by_assignment_id'),
        col('owning_unit_id'),
        col('secrecy_domain'),
        col('created_at'),
      ],
    );
  }
  if (e.length > 0) {
    const col = <K extends keyof ChronologySeedRow>(k: K) => e.map((r) => r[k]);
    await tx.query(
      `INSERT INTO chronology_entry (id, child_id, kind, event_date, significance, text, concern_id, details, source_organisation_id, source_unit_id,
         secrecy_domain, entered_by_person_id, entered_by_assignment_id, created_at)
       SELECT u.id, u.child_id, u.kind, u.event_date, u.significance, u.text, u.concern_id, u.details::jsonb, u.source_organisation_id, u.source_unit_id,
              u.secrecy_domain, u.entered_by_person_id, u.entered_by_assignment_id, u.created_at
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::date[], $5::text[], $6::text[], $7::uuid[], $8::text[], $9::uuid[], $10::uuid[], $11::text[],
                     $12::uuid[], $13::uuid[], $14::timestamptz[])
           AS u(id, child_id, kind, event_date, significance, text, concern_id, details, source_organisation_id, source_unit_id, secrecy_domain,
                entered_by_person_id, entered_by_assignment_id, created_at)`,
      [
        col('id'),
        col('child_id'),
        col('kind'),
        col('event_date'),
        col('significance'),
        col('text'),
        col('concern_id'),
        col('details'),
        col('source_organisation_id'),
        col('source_unit_id'),
        col('secrecy_domain'),
        col('entered_by_person_id'),
        col('entered_by_assignment_id'),
        col('created_at'),
      ],
    );
  }
  return c.length;
}

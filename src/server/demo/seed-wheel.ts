/**
 * Demo wellbeing-wheel histories (Map / kartlägga) for the teamed children of the demo county:
 * assessments from the child's, a guardian's and a professional's perspective over the last year
 * and a half, with plausible ratings that change over time and Swedish texts. Children with
 * coordinated or early support (levels 2–3) get the richest histories; the children on
 * anna.lindqvist's team all have one, with assessments she recorded herself.
 *
 * Deterministic (seeded PRNG, ids from stable keys) and pure until `seedWheel` writes it, inside
 * seedDemo's owner transaction. Every author was on the child's team on the assessment date, every
 * guardian is one of the child's, and nothing is ever totalled (see src/core/wheel.ts).
 */
import type { Queryable } from '../db/client.js';
import { MY_WORLD_TRIANGLE, WHEEL_INDICATORS, type WheelIndicator } from '../../core/wheel.js';
import { Rng, addDays, ageOn, daysBetween, demoUuid } from './random.js';
import type { AssignmentRow, CustodyRow, DemoData, TeamRow, UnitRow } from './seed.js';

export interface WheelAssessmentSeedRow {
  id: string;
  child_id: string;
  assessed_on: string;
  perspective: 'child' | 'guardian' | 'professional';
  guardian_id: string | null;
  professional_person_id: string | null;
  professional_assignment_id: string | null;
  professional_unit_id: string | null;
  author_person_id: string;
  author_assignment_id: string;
  owning_organisation_id: string;
  owning_unit_id: string;
  secrecy_domain: string;
  my_world_triangle: string | null;
  resilience_matrix: string | null;
  created_at: string;
}

export interface WheelIndicatorSeedRow {
  assessment_id: string;
  indicator: WheelIndicator;
  what_works: string;
  what_is_hard: string;
  rating: number | null;
}

export interface WheelSeed {
  wheel_assessment: WheelAssessmentSeedRow[];
  wheel_assessment_indicator: WheelIndicatorSeedRow[];
}

/** How far back the histories reach (about 18 months). */
export const WHEEL_HISTORY_DAYS = 540;

type Voice = 'child' | 'guardian' | 'professional';

/**
 * Phrases per indicator and voice: what works, what is hard. `{place}` becomes "i skolan",
 * "på förskolan" and so on. Written for this demo; no licensed scale texts.
 */
const TEXTS: Record<WheelIndicator, Record<Voice, { works: string[]; hard: string[] }>> = {
  safe: {
    child: {
      works: [
        'Jag känner mig trygg hemma.',
        'Jag vet vilken vuxen jag kan gå till om något händer.',
        'På rasterna är det lugnt nu.',
      ],
      hard: [
        'Ibland är jag rädd på vägen hem.',
        'Det blir bråk i omklädningsrummet och då vill jag inte vara där.',
        'Jag blir orolig när mamma och pappa grälar.',
      ],
    },
    guardian: {
      works: ['Hen har bra rutiner och vi vet var hen är.', 'Vi har en öppen dialog om vad som händer på nätet.'],
      hard: ['Vi oroar oss för vilka hen umgås med på kvällarna.', 'Hen berättar sällan hur dagen har varit.'],
    },
    professional: {
      works: [
        'Barnet söker upp trygga vuxna {place} när något händer.',
        'Rastvärdarna har koll och incidenterna har minskat.',
      ],
      hard: [
        'Barnet har beskrivit händelser som väcker oro; vi följer upp.',
        'Vid övergångar och i korridoren blir det otryggt.',
      ],
    },
  },
  healthy: {
    child: {
      works: ['Jag sover bättre nu.', 'Jag äter frukost de flesta dagar.', 'Jag mår bra när jag får röra på mig.'],
      hard: [
        'Jag har ont i magen på morgnarna.',
        'Jag sitter uppe sent med mobilen.',
        'Jag känner mig ofta trött och ledsen.',
      ],
    },
    guardian: {
      works: ['Sömnen har blivit bättre sedan vi ändrade kvällsrutinerna.', 'Hen äter bra och är sällan sjuk.'],
      hard: ['Hen har svårt att somna och är trött på morgonen.', 'Vi märker att hen är nedstämd i perioder.'],
    },
    professional: {
      works: ['Hälsosamtalet visade inga särskilda bekymmer.', 'Barnet orkar mer och är piggare {place}.'],
      hard: [
        'Återkommande huvudvärk och magont; kontakt med elevhälsan.',
        'Tecken på psykisk ohälsa som behöver följas upp.',
      ],
    },
  },
  achieving: {
    child: {
      works: [
        'Jag är bra på att rita och bygga.',
        'Matten har blivit lättare.',
        'Jag tycker om när vi jobbar i grupp.',
      ],
      hard: [
        'Det är svårt att koncentrera sig när det är stökigt.',
        'Jag hänger inte med när läraren pratar fort.',
        'Läxorna tar jättelång tid.',
      ],
    },
    guardian: {
      works: [
        'Hen är stolt över sina framsteg i läsningen.',
        'Lärarna berättar att hen tar mer ansvar för skolarbetet.',
      ],
      hard: ['Hen tappar lusten när något är svårt.', 'Vi vet inte hur vi ska hjälpa till med skolarbetet hemma.'],
    },
    professional: {
      works: [
        'Med anpassningarna (tydligt schema, kortare pass) kommer barnet igång.',
        'Barnet visar god förmåga när uppgifterna är konkreta.',
      ],
      hard: ['Riskerar att inte nå kunskapskraven i flera ämnen.', 'Stor frånvaro gör att barnet missar genomgångar.'],
    },
  },
  nurtured: {
    child: {
      works: [
        'Mormor hämtar mig och då har vi det mysigt.',
        'Jag får hjälp med läxorna hemma.',
        'Pappa lyssnar när jag berättar.',
      ],
      hard: ['Det är ofta ingen hemma när jag kommer hem.', 'Jag önskar att vi gjorde fler saker tillsammans.'],
    },
    guardian: {
      works: ['Vi äter middag tillsammans nästan varje dag.', 'Stora syskon och mor- och farföräldrar ställer upp.'],
      hard: ['Det är tufft att få ihop vardagen med skiftarbete.', 'Jag känner mig ensam som förälder ibland.'],
    },
    professional: {
      works: ['Vårdnadshavarna är engagerade och kommer på möten.', 'Barnet har ett stabilt nätverk runt sig.'],
      hard: [
        'Familjen har en ansträngd situation; stöd från socialtjänsten har erbjudits.',
        'Barnet kommer ibland utan frukost och rätt kläder.',
      ],
    },
  },
  active: {
    child: {
      works: [
        'Jag spelar fotboll två gånger i veckan.',
        'Jag gillar att vara ute och cykla.',
        'Jag har börjat på dans.',
      ],
      hard: ['Jag vill inte vara med på idrotten.', 'Jag gör inget på fritiden förutom att spela.'],
    },
    guardian: {
      works: ['Hen har hittat en fritidsaktivitet som hen tycker om.', 'Vi är ute i skogen på helgerna.'],
      hard: ['Aktiviteterna kostar pengar och vi har inte råd med allt.', 'Hen sitter mycket inne med skärmar.'],
    },
    professional: {
      works: ['Barnet deltar aktivt på idrotten och på rasterna.', 'Fritidsgården har fått kontakt med barnet.'],
      hard: ['Barnet är ofta ensamt och passivt på rasterna.', 'Deltar sällan i idrott och hälsa.'],
    },
  },
  respected: {
    child: {
      works: ['De vuxna frågar vad jag tycker.', 'Jag får vara med och bestämma om mitt schema.'],
      hard: ['Det känns som att ingen lyssnar på mig.', 'Några i klassen skrattar åt mig.'],
    },
    guardian: {
      works: ['Skolan lyssnar på hur vi ser på saken.', 'Hen blir tagen på allvar när hen säger ifrån.'],
      hard: ['Vi upplever att hen får skulden för saker som händer.', 'Hen känner sig inte lyssnad på i skolan.'],
    },
    professional: {
      works: [
        'Barnet har varit med i samtalet och kunnat uttrycka sina önskemål.',
        'Barnets synpunkter har tagits med i planeringen.',
      ],
      hard: ['Barnet har svårt att göra sin röst hörd i gruppen.', 'Behöver stöd för att kunna säga vad hen tycker.'],
    },
  },
  responsible: {
    child: {
      works: ['Jag tar hand om vår hund.', 'Jag kommer i tid till skolan nu.', 'Jag hjälper min lillebror.'],
      hard: ['Jag glömmer saker hela tiden.', 'Ibland gör jag dumma saker när kompisarna gör det.'],
    },
    guardian: {
      works: ['Hen tar ansvar för sina syskon och för sysslor hemma.', 'Hen har börjat passa tider själv.'],
      hard: ['Hen har varit inblandad i konflikter och skadegörelse.', 'Vi får påminna om allt.'],
    },
    professional: {
      works: [
        'Barnet håller överenskommelser och tar ansvar för sitt arbete.',
        'Barnet kan be om ursäkt och gottgöra.',
      ],
      hard: [
        'Barnet har svårt att följa gemensamma regler.',
        'Har varit i riskmiljöer; polis och socialtjänst samverkar.',
      ],
    },
  },
  included: {
    child: {
      works: [
        'Jag har en bästa kompis i klassen.',
        'Jag får vara med och leka på rasten.',
        'Jag är med i en grupp på fritidsgården.',
      ],
      hard: ['Jag är ofta ensam på rasterna.', 'Jag får inte vara med i gruppchatten.'],
    },
    guardian: {
      works: ['Hen har kompisar som kommer hem till oss.', 'Hen har hittat en grupp där hen trivs.'],
      hard: ['Hen blir sällan bjuden på kalas.', 'Vi är nya här och har inte hittat någon gemenskap ännu.'],
    },
    professional: {
      works: ['Barnet ingår i en fungerande kamratgrupp {place}.', 'Barnet deltar i gemensamma aktiviteter.'],
      hard: ['Barnet står ofta utanför gemenskapen.', 'Språket gör det svårt att delta fullt ut.'],
    },
  },
};

const NOT_DISCUSSED = 'Vi pratade inte om det den här gången.';

const MY_WORLD_SAMPLES: Record<
  'howIGrowAndDevelop' | 'whatINeedFromPeople' | 'myWiderWorld',
  { strengths: string; challenges: string }[]
> = {
  howIGrowAndDevelop: [
    {
      strengths: 'Nyfiken och kreativ, visar framsteg i läsning.',
      challenges: 'Koncentrationssvårigheter i stora grupper.',
    },
    { strengths: 'God fysisk hälsa.', challenges: 'Sömnproblem och trötthet.' },
    {
      strengths: 'Uttrycker sig väl i lugna samtal.',
      challenges: 'Har svårt att sätta ord på känslor när det blir jobbigt.',
    },
  ],
  whatINeedFromPeople: [
    {
      strengths: 'En vuxen i skolan som barnet litar på.',
      challenges: 'Behöver förutsägbarhet: veta vad som händer och när.',
    },
    { strengths: 'Vårdnadshavarna är engagerade.', challenges: 'Föräldrarna behöver stöd i att sätta gränser.' },
  ],
  myWiderWorld: [
    {
      strengths: 'Tillgång till fritidsgård och föreningsliv.',
      challenges: 'Familjens ekonomi begränsar aktiviteter.',
    },
    {
      strengths: 'Skolan har ett fungerande elevhälsoteam.',
      challenges: 'Trångboddhet gör det svårt att göra läxor hemma.',
    },
  ],
};

const RESILIENCE_SAMPLES = [
  {
    resilience: 'Har en nära relation till en äldre syskon och en vuxen i skolan; humor och envishet.',
    vulnerability: 'Lätt att dras med av äldre kamrater; låg självkänsla i skolarbetet.',
    protectiveEnvironment: 'Engagerade lärare, fritidsaktivitet två gånger i veckan, stöttande mormor.',
    adversity: 'Föräldrarnas separation och flytt under året; ekonomisk stress i familjen.',
    analysis:
      'Skyddsfaktorerna väger tungt men är sköra. Viktigast nu: behålla kontinuiteten i skolan och fritidsaktiviteten och stärka föräldrarnas stöd.',
  },
  {
    resilience: 'Tar ansvar för sina syskon, är omtyckt av jämnåriga.',
    vulnerability: 'Oro och sömnsvårigheter; har svårt att be om hjälp.',
    protectiveEnvironment: 'Skolsköterskan och kuratorn har god kontakt med barnet.',
    adversity: 'Hög frånvaro, konflikter hemma som polisen känner till.',
    analysis:
      'Barnet bär mycket själv. Samordnade insatser mellan skola och socialtjänst behövs för att minska belastningen hemma.',
  },
];

interface Member {
  team: TeamRow;
  assignment: AssignmentRow;
  unit: UnitRow;
}

function placeFor(kind: string | null, age: number): string {
  if (kind === 'preschool') return 'på förskolan';
  if (kind === 'compulsory_school' || kind === 'upper_secondary_school') return 'i skolan';
  return age <= 6 ? 'på BVC' : 'i vardagen';
}

const clamp = (v: number) => Math.max(1, Math.min(5, Math.round(v)));

/** The wheel histories, built from the rest of the demo data (pure and deterministic). */
export function buildWheelData(data: DemoData): WheelSeed {
  const today = data.today;
  const rng = new Rng('wheel');
  const assignments = new Map(data.assignment.map((a) => [a.id, a]));
  const units = new Map(data.unit.map((u) => [u.id, u]));
  const unitKinds = new Map(data.unit.map((u) => [u.id, u.kind]));
  const teamsByChild = new Map<string, TeamRow[]>();
  for (const t of data.team_membership) teamsByChild.set(t.child_id, [...(teamsByChild.get(t.child_id) ?? []), t]);
  const custodyByChild = new Map<string, CustodyRow[]>();
  for (const c of data.custody) custodyByChild.set(c.child_id, [...(custodyByChild.get(c.child_id) ?? []), c]);
  const enrolKind = new Map(data.enrolment.map((e) => [e.child_id, unitKinds.get(e.unit_id) ?? null]));
  const anna = data.person.find((p) => p.username === 'anna.lindqvist')?.id;

  const out: WheelSeed = { wheel_assessment: [], wheel_assessment_indicator: [] };
  const historyStart = addDays(today, -WHEEL_HISTORY_DAYS);
  const lastDay = addDays(today, -3);

  const ctx: WheelContext = {
    today,
    rng,
    out,
    assignments,
    units,
    teamsByChild,
    custodyByChild,
    enrolKind,
    anna,
    historyStart,
    lastDay,
  };
  for (const child of data.child) childWheel(child, ctx);
  return out;
}

interface WheelContext {
  readonly today: string;
  readonly rng: Rng;
  readonly out: WheelSeed;
  readonly assignments: ReadonlyMap<string, DemoData['assignment'][number]>;
  readonly units: ReadonlyMap<string, DemoData['unit'][number]>;
  readonly teamsByChild: ReadonlyMap<string, TeamRow[]>;
  readonly custodyByChild: ReadonlyMap<string, CustodyRow[]>;
  readonly enrolKind: ReadonlyMap<string, DemoData['unit'][number]['kind'] | null>;
  readonly anna: string | undefined;
  readonly historyStart: string;
  readonly lastDay: string;
}

/** One round's drawing state: the child's wellbeing model, the day, and the next free minute. */
interface RoundState {
  readonly rng: Rng;
  readonly out: WheelSeed;
  readonly child: DemoData['child'][number];
  readonly round: number;
  readonly date: string;
  readonly age: number;
  readonly place: string;
  readonly progress: number;
  readonly base: number[];
  readonly trend: number[];
  readonly offsets: Record<Voice, number[]>;
  minute: number;
}

/** A child's wheel history: rounds on dates spread over the team's time, each with several voices. */
function childWheel(child: DemoData['child'][number], ctx: WheelContext): void {
  const { today, rng, assignments, units, teamsByChild, custodyByChild, anna, historyStart, lastDay } = ctx;
  const active: Member[] = (teamsByChild.get(child.id) ?? [])
    .filter((t) => t.valid_to === null || t.valid_to >= today)
    .map((t) => {
      const assignment = assignments.get(t.assignment_id)!;
      return { team: t, assignment, unit: units.get(assignment.unit_id)! };
    });
  if (active.length === 0) return;
  const level = active.some((m) => m.team.team_role === 'coordinator')
    ? 3
    : active.some((m) => m.team.team_role === 'contact_person' || m.team.team_role === 'member')
      ? 2
      : 1;
  const annaOnTeam = anna !== undefined && active.some((m) => m.team.person_id === anna);

  const teamStart = active.map((m) => m.team.valid_from).sort()[0]!;
  const start = teamStart > historyStart ? teamStart : historyStart;
  const span = daysBetween(start, lastDay);
  if (span < 0) return;
  let rounds = level === 3 ? rng.int(3, 4) : level === 2 ? rng.int(2, 3) : rng.int(1, 2);
  if (annaOnTeam) rounds = Math.max(rounds, 3);
  rounds = Math.max(1, Math.min(rounds, Math.floor(span / 21) + 1));
  const dates: string[] = [];
  for (let k = 0; k < rounds; k++) {
    const base = rounds === 1 ? rng.int(0, span) : Math.round((span * k) / (rounds - 1));
    const jitter = rounds === 1 ? 0 : rng.int(-5, 5);
    const d = addDays(start, Math.max(0, Math.min(span, base + jitter)));
    if (!dates.includes(d)) dates.push(d);
  }
  dates.sort();

  // The child's wellbeing: where it starts, and where it is heading, per indicator.
  const { base, trend, offsets } = wellbeingModel(rng, level);
  const guardians = (custodyByChild.get(child.id) ?? [])
    .slice()
    .sort(
      (a, b) =>
        Number(b.has_custody) - Number(a.has_custody) || Number(b.lives_with_child) - Number(a.lives_with_child),
    );

  dates.forEach((date, round) => {
    const progress = dates.length === 1 ? 0 : round / (dates.length - 1);
    const age = ageOn(child.birth_date, date);
    const onTeam = active.filter((m) => m.team.valid_from <= date);
    if (onTeam.length === 0) return;
    const coordinatorOrLead = () =>
      onTeam.find((m) => m.team.team_role === 'coordinator') ??
      onTeam.find((m) => m.team.team_role === 'best_interest_lead') ??
      rng.pick(onTeam);
    const place = placeFor(ctx.enrolKind.get(child.id) ?? null, age);

    const r: RoundState = {
      rng,
      out: ctx.out,
      child,
      round,
      date,
      age,
      place,
      progress,
      base,
      trend,
      offsets,
      minute: 0,
    };
    const add = (
      voice: Voice,
      author: Member,
      guardianId: string | null,
      extras: { myWorld?: boolean; resilience?: boolean } = {},
    ) => addAssessment(r, voice, author, guardianId, extras);
    // The child's own view (from about four years old), written down by someone on the team.
    if (age >= 4 && (level >= 2 || annaOnTeam || rng.chance(0.5))) add('child', coordinatorOrLead(), null);
    // A guardian's view; at coordinated support sometimes both guardians.
    const present = guardians.filter((g) => g.valid_from <= date);
    if (present.length > 0 && (level >= 2 || annaOnTeam || rng.chance(0.4))) {
      add('guardian', coordinatorOrLead(), present[0]!.guardian_id);
      if (level === 3 && present.length > 1 && rng.chance(0.35))
        add('guardian', coordinatorOrLead(), present[1]!.guardian_id);
    }
    // A professional's view: anna records her own at her pupils' rounds; otherwise the coordinator,
    // the lead or another member.
    const annaMember = annaOnTeam ? onTeam.find((m) => m.team.person_id === anna) : undefined;
    const professional = annaMember ?? (level === 3 ? coordinatorOrLead() : rng.pick(onTeam));
    const last = round === dates.length - 1;
    add('professional', professional, null, {
      resilience: level === 3 && last,
      myWorld: level === 3 && last && rng.chance(0.5),
    });
    if (level === 3 && onTeam.length > 1 && rng.chance(0.5)) {
      const other = onTeam.find((m) => m.team.person_id !== professional.team.person_id);
      if (other) add('professional', other, null);
    }
  });
}

/** Where a child's wellbeing starts and is heading per indicator, and how each voice tends to differ. */
function wellbeingModel(
  rng: Rng,
  level: number,
): { base: number[]; trend: number[]; offsets: Record<Voice, number[]> } {
  const baseMid = level === 3 ? 2.3 : level === 2 ? 3 : 3.8;
  const base = WHEEL_INDICATORS.map(() => baseMid + (rng.float() * 2 - 1) * 1.1);
  const trend = WHEEL_INDICATORS.map(() =>
    rng.weighted([
      [1.5, 0.3],
      [1, 0.3],
      [0.5, 0.15],
      [0, 0.15],
      [-1, 0.1],
    ] as const),
  );
  const offsets: Record<Voice, number[]> = {
    child: WHEEL_INDICATORS.map(() =>
      rng.weighted([
        [-1, 0.2],
        [0, 0.5],
        [1, 0.3],
      ] as const),
    ),
    guardian: WHEEL_INDICATORS.map(() =>
      rng.weighted([
        [-1, 0.2],
        [0, 0.55],
        [1, 0.25],
      ] as const),
    ),
    professional: WHEEL_INDICATORS.map(() =>
      rng.weighted([
        [-1, 0.3],
        [0, 0.55],
        [1, 0.15],
      ] as const),
    ),
  };
  return { base, trend, offsets };
}

/** One assessment by one voice, with a rating and texts per indicator. */
function addAssessment(
  r: RoundState,
  voice: Voice,
  author: Member,
  guardianId: string | null,
  extras: { myWorld?: boolean; resilience?: boolean },
): void {
  const { rng, out, child, round, date, age, place, progress, base, trend, offsets } = r;
  const id = demoUuid(`wheel:${child.id}:${round}:${voice}:${guardianId ?? author.team.person_id}`);
  const ratings = WHEEL_INDICATORS.map((indicator, i) => {
    const notAssessed =
      rng.chance(voice === 'professional' ? 0.1 : 0.06) ||
      (voice === 'child' && age < 7 && indicator === 'responsible' && rng.chance(0.5));
    if (notAssessed) return null;
    return clamp(base[i]! + trend[i]! * progress + offsets[voice][i]! + (rng.float() - 0.5) * 0.8);
  });
  out.wheel_assessment.push({
    id,
    child_id: child.id,
    assessed_on: date,
    perspective: voice,
    guardian_id: guardianId,
    professional_person_id: voice === 'professional' ? author.team.person_id : null,
    professional_assignment_id: voice === 'professional' ? author.assignment.id : null,
    professional_unit_id: voice === 'professional' ? author.unit.id : null,
    author_person_id: author.team.person_id,
    author_assignment_id: author.assignment.id,
    owning_organisation_id: author.assignment.organisation_id,
    owning_unit_id: author.unit.id,
    secrecy_domain: author.unit.secrecy_domain,
    my_world_triangle: extras.myWorld ? JSON.stringify(myWorld(rng)) : null,
    resilience_matrix: extras.resilience ? JSON.stringify(rng.pick(RESILIENCE_SAMPLES)) : null,
    created_at: `${date}T${String(8 + Math.floor(r.minute / 60)).padStart(2, '0')}:${String(r.minute % 60).padStart(2, '0')}:00.000Z`,
  });
  r.minute += 25;
  WHEEL_INDICATORS.forEach((indicator, i) => {
    const rating = ratings[i]!;
    const pool = TEXTS[indicator][voice];
    const fill = (s: string) => s.replaceAll('{place}', place);
    const works = rating === null ? '' : rating >= 3 || rng.chance(0.4) ? fill(rng.pick(pool.works)) : '';
    const hard =
      rating === null
        ? rng.chance(0.5)
          ? NOT_DISCUSSED
          : ''
        : rating <= 3 || rng.chance(0.25)
          ? fill(rng.pick(pool.hard))
          : '';
    out.wheel_assessment_indicator.push({
      assessment_id: id,
      indicator,
      what_works: works,
      what_is_hard: hard,
      rating,
    });
  });
}

function myWorld(rng: Rng): Record<string, Record<string, { strengths: string; challenges: string }>> {
  const out: Record<string, Record<string, { strengths: string; challenges: string }>> = {};
  for (const side of Object.keys(MY_WORLD_SAMPLES) as (keyof typeof MY_WORLD_SAMPLES)[]) {
    const headings = rng.shuffle(MY_WORLD_TRIANGLE[side]).slice(0, 2);
    out[side] = Object.fromEntries(headings.map((h) => [h, rng.pick(MY_WORLD_SAMPLES[side])]));
  }
  return out;
}

/** Writes the histories (inside seedDemo's transaction). Returns the number of assessments. */
export async function seedWheel(tx: Queryable, data: DemoData): Promise<number> {
  const w = buildWheelData(data);
  const a = w.wheel_assessment;
  if (a.length === 0) return 0;
  const col = <K extends keyof WheelAssessmentSeedRow>(k: K) => a.map((r) => r[k]);
  await tx.query(
    `INSERT INTO wheel_assessment (id, child_id, assessed_on, perspective, guardian_id, professional_person_id, professional_assignment_id,
       professional_unit_id, author_person_id, author_assignment_id, owning_organisation_id, owning_unit_id, secrecy_domain,
       my_world_triangle, resilience_matrix, version, created_at, updated_at, updated_by_person_id)
     SELECT u.id, u.child_id, u.assessed_on, u.perspective, u.guardian_id, u.professional_person_id, u.professional_assignment_id,
            u.professional_unit_id, u.author_person_id, u.author_assignment_id, u.owning_organisation_id, u.owning_unit_id, u.secrecy_domain,
            u.my_world_triangle::jsonb, u.resilience_matrix::jsonb, 1, u.created_at, u.created_at, u.author_person_id
       FROM unnest($1::uuid[], $2::uuid[], $3::date[], $4::text[], $5::uuid[], $6::uuid[], $7::uuid[], $8::uuid[], $9::uuid[], $10::uuid[],
                   $11::uuid[], $12::uuid[], $13::text[], $14::text[], $15::text[], $16::timestamptz[])
         AS u(id, child_id, assessed_on, perspective, guardian_id, professional_person_id, professional_assignment_id, professional_unit_id,
              author_person_id, author_assignment_id, owning_organisation_id, owning_unit_id, secrecy_domain, my_world_triangle, resilience_matrix, created_at)`,
    [
      col('id'),
      col('child_id'),
      col('assessed_on'),
      col('perspective'),
      col('guardian_id'),
      col('professional_person_id'),
      col('professional_assignment_id'),
      col('professional_unit_id'),
      col('author_person_id'),
      col('author_assignment_id'),
      col('owning_organisation_id'),
      col('owning_unit_id'),
      col('secrecy_domain'),
      col('my_world_triangle'),
      col('resilience_matrix'),
      col('created_at'),
    ],
  );
  const i = w.wheel_assessment_indicator;
  await tx.query(
    `INSERT INTO wheel_assessment_indicator (assessment_id, indicator, what_works, what_is_hard, rating)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::smallint[])`,
    [
      i.map((r) => r.assessment_id),
      i.map((r) => r.indicator),
      i.map((r) => r.what_works),
      i.map((r) => r.what_is_hard),
      i.map((r) => r.rating),
    ],
  );
  return a.length;
}

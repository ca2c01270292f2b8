/**
 * Demo plans (Collaborate / samarbeta): "Barnets plan" for every child with coordinated support
 * (level 3) and about a dozen children at each of levels 2 and 1, so that a newcomer sees the
 * practice model at work. Level-3 plans are kept by the child's coordinator from the team data, have
 * 2–4 services taking part (contact persons from the team), needs on 2–4 wellbeing-wheel indicators,
 * goals, 5–15 actions with mixed status (some overdue), the child's own voice, each custodial
 * guardian's view, now and then a disagreement, and a level history. A few offers of a role wait
 * for an answer — one to anna.lindqvist, one to someone not yet on the team. Swedish texts written
 * for this demo.
 *
 * Level 1 has few teamed children in the demo county, so this step adds the barnets bästa-ansvarig
 * (and only that role) for some untouched children — the principal of their school, the BVC nurse
 * of their municipality or the KAA — until a dozen level-1 children exist. No coordinator is ever
 * invented: level-3 plans use the coordinators team_membership already has. Where a coordinated
 * child's whole team sits in one unit, a contact person from a second service (social services,
 * elevhälsan, BUP or the leisure centre serving the child) joins the team.
 *
 * Deterministic (seeded PRNG, ids from stable keys) and pure until `seedPlans` writes it inside
 * seedDemo's owner transaction. Every author, contact person and responsible professional is on
 * the child's team on the day concerned; every plan is drawn up after the concern decision that
 * explains the child's level.
 */
import type { Queryable } from '../db/client.js';
import { proposeBestInterestLead } from '../../core/best-interest-lead.js';
import { WHEEL_INDICATORS, type WheelIndicator } from '../../core/wheel.js';
import { buildConcernData } from './seed-concerns.js';
import { MUNICIPALITIES, NEVER_ON_TEAMS } from './data.js';
import { Rng, addDays, ageOn, daysBetween, demoUuid } from './random.js';
import type { AssignmentRow, DemoData, TeamRow, UnitRow } from './seed.js';

type Group = 'small' | 'school' | 'teen';
type ActionStatus = 'planned' | 'in_progress' | 'done' | 'cancelled';

/** How many plans at levels 1 and 2 (level 3: every coordinated child). */
export const PLANS_PER_LEVEL = 12;
/** The demo never grows the number of teamed children beyond this (the seed's own bound is 80). */
const MAX_TEAMED = 80;

export interface PlanSeed {
  team_membership: TeamRow[];
  plan: Record<string, unknown>[];
  plan_level_change: Record<string, unknown>[];
  plan_service: Record<string, unknown>[];
  plan_need: Record<string, unknown>[];
  plan_goal: Record<string, unknown>[];
  plan_action: Record<string, unknown>[];
  plan_voice: Record<string, unknown>[];
  plan_guardian_view: Record<string, unknown>[];
  plan_disagreement: Record<string, unknown>[];
  role_handover: Record<string, unknown>[];
  chronology_entry: Record<string, unknown>[];
  plan_meeting: Record<string, unknown>[];
  plan_meeting_invitee: Record<string, unknown>[];
  plan_meeting_decision: Record<string, unknown>[];
  plan_review: Record<string, unknown>[];
  plan_review_outcome: Record<string, unknown>[];
  plan_status_change: Record<string, unknown>[];
}

// ---------------------------------------------------------------------------------------------
// Texts

const NEEDS: Record<WheelIndicator, Record<Group, string[]>> = {
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

const GOALS: Record<WheelIndicator, string[]> = {
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

const ACTIONS_BY_UNIT: Partial<Record<UnitRow['kind'], string[]>> = {
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
const GUARDIAN_ACTIONS = [
  'Vårdnadshavarna följer med på första mötet',
  'Vårdnadshavarna inför fasta kvällsrutiner hemma',
  'Vårdnadshavarna deltar i föräldraträffarna',
];
const CHILD_ACTIONS: Record<Group, string[]> = {
  small: ['Barnet visar med bildkort hur dagen har varit'],
  school: [
    'Eleven skriver dagbok om sömn och ork i två veckor',
    'Eleven säger till sin trygga vuxen när det blir för mycket',
  ],
  teen: ['Ungdomen provar på en fritidsaktivitet', 'Ungdomen för egen närvarologg tillsammans med mentorn'],
};

const VOICE: Record<Group, { text: string; byChild: boolean }[]> = {
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

const GUARDIAN_VIEWS = [
  'Vi ser att hen mår bättre när det finns tydliga rutiner. Vi vill ha kontakt med skolan varje vecka, gärna via telefon.',
  'Jag är orolig för att hen inte får den hjälp hen behöver i skolan. Jag vill att BUP kopplas in så snart som möjligt.',
  'Vi är tacksamma för stödet men vill inte att fler verksamheter ska vara inblandade än nödvändigt.',
  'Hemma fungerar det ganska bra. Det svåra är morgnarna. Jag vill att skolan hör av sig samma dag om hen inte kommer.',
  'Jag håller med om planen. Jag vill själv vara med på mötena även om jag inte bor med barnet.',
];

const DISAGREEMENTS: { party: 'child' | 'guardian' | 'professional'; about: string; text: string }[] = [
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

const CREATE_REASON: Record<1 | 2 | 3, string[]> = {
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
const LOWERED_TO_ONE =
  'Stödet har gett effekt och behövs inte längre i samma omfattning. Uppföljning sker i den ordinarie verksamheten.';
const FIRST_AT_TWO = 'Tidigt stöd inom verksamheten efter samtal med barnet och vårdnadshavarna.';

const BACKGROUND: Record<Group, string[]> = {
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

// ---------------------------------------------------------------------------------------------
// Building

interface Member {
  team: TeamRow;
  assignment: AssignmentRow;
  unit: UnitRow;
}

const groupOf = (age: number): Group => (age <= 5 ? 'small' : age >= 13 ? 'teen' : 'school');
const stamp = (rng: Rng, date: string) =>
  `${date}T${String(rng.int(6, 14)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:00Z`;

export function buildPlanData(data: DemoData): PlanSeed {
  const today = data.today;
  const yesterday = addDays(today, -1);
  const rng = new Rng('plans');
  const assignments = new Map(data.assignment.map((a) => [a.id, a]));
  const units = new Map(data.unit.map((u) => [u.id, u]));
  const unitByKey = new Map(data.unit.map((u) => [u.key, u]));
  const children = new Map(data.child.map((c) => [c.id, c]));
  const active = (t: TeamRow) => t.valid_from <= today && (t.valid_to === null || t.valid_to >= today);
  const seed: PlanSeed = {
    team_membership: [],
    plan: [],
    plan_level_change: [],
    plan_service: [],
    plan_need: [],
    plan_goal: [],
    plan_action: [],
    plan_voice: [],
    plan_guardian_view: [],
    plan_disagreement: [],
    role_handover: [],
    chronology_entry: [],
    plan_meeting: [],
    plan_meeting_invitee: [],
    plan_meeting_decision: [],
    plan_review: [],
    plan_review_outcome: [],
    plan_status_change: [],
  };

  const membersOf = new Map<string, Member[]>();
  for (const t of data.team_membership) {
    if (!active(t)) continue;
    const assignment = assignments.get(t.assignment_id);
    const unit = assignment ? units.get(assignment.unit_id) : undefined;
    if (!assignment || !unit) continue;
    membersOf.set(t.child_id, [...(membersOf.get(t.child_id) ?? []), { team: t, assignment, unit }]);
  }
  const levelOf = (ms: Member[]) =>
    ms.some((m) => m.team.team_role === 'coordinator')
      ? 3
      : ms.some((m) => m.team.team_role === 'contact_person' || m.team.team_role === 'member')
        ? 2
        : 1;

  // -- more level-1 children: a barnets bästa-ansvarig for untouched children --
  const enrolmentOf = new Map(data.enrolment.map((e) => [e.child_id, e]));
  const everTeamed = new Set(data.team_membership.map((t) => t.child_id));
  const levelOne = [...membersOf.entries()].filter(([, ms]) => levelOf(ms) === 1).map(([id]) => id);
  const room = Math.max(0, Math.min(PLANS_PER_LEVEL - levelOne.length, MAX_TEAMED - membersOf.size));
  const leadFor = (childId: string): AssignmentRow | null => {
    const c = children.get(childId)!;
    const e = enrolmentOf.get(childId);
    const kind = e ? units.get(e.unit_id)?.kind : null;
    const age = ageOn(c.birth_date, today);
    if (age >= 18) return null;
    if (e && (kind === 'compulsory_school' || kind === 'upper_secondary_school'))
      return data.assignment.find((a) => a.role === 'principal' && a.unit_id === e.unit_id) ?? null;
    if (age <= 5)
      return (
        data.assignment.find(
          (a) => a.role === 'child_health_nurse' && units.get(a.unit_id)?.municipality_code === c.municipality_code,
        ) ?? null
      );
    if (!e && age >= 16)
      return (
        data.assignment.find(
          (a) =>
            a.role === 'youth_follow_up_officer' && units.get(a.unit_id)?.municipality_code === c.municipality_code,
        ) ?? null
      );
    return null;
  };
  // (Not children born within the last year: the lead's start must not predate the child.)
  const yearAgo = addDays(today, -365);
  const candidates = rng
    .shuffle(
      data.child
        .filter((c) => !everTeamed.has(c.id) && c.birth_date <= yearAgo)
        .map((c) => c.id)
        .sort(),
    )
    .filter((id) => leadFor(id) !== null);
  for (const childId of candidates.slice(0, room)) {
    const lead = leadFor(childId)!;
    const row: TeamRow = {
      id: demoUuid(`team:plan-lead:${childId}`),
      child_id: childId,
      person_id: lead.person_id,
      assignment_id: lead.id,
      team_role: 'best_interest_lead',
      valid_from: addDays(today, -rng.int(60, 330)),
      valid_to: null,
    };
    seed.team_membership.push(row);
    membersOf.set(childId, [{ team: row, assignment: lead, unit: units.get(lead.unit_id)! }]);
  }

  // -- coordinated support means more than one service: a contact person from a second one where the team sits in one unit --
  const muniDef = new Map(MUNICIPALITIES.map((m) => [m.code, m]));
  for (const [childId, ms] of [...membersOf.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    if (levelOf(ms) !== 3 || new Set(ms.map((m) => m.unit.id)).size >= 2 || ms.length >= 5) continue;
    const c = children.get(childId)!;
    const e = enrolmentOf.get(childId);
    const schoolMuni = (e && units.get(e.unit_id)?.municipality_code) || c.municipality_code;
    const def = muniDef.get(c.municipality_code);
    const keys = [
      `${c.municipality_code}:soc`,
      `${schoolMuni}:eh-psy`,
      `${schoolMuni}:eh-med`,
      `bup:${def?.bup ?? 'vaxjo'}`,
      `${c.municipality_code}:fritid`,
    ];
    // The local police (SSPF) only for teenagers, and only when nothing else serves the child.
    if (ageOn(c.birth_date, today) >= 13) keys.push(`police:${def?.policeArea ?? 'vaxjo'}`);
    const second = keys
      .map((k) => unitByKey.get(k))
      .filter((u): u is UnitRow => u !== undefined && !ms.some((m) => m.unit.id === u.id))
      .flatMap((u) =>
        data.assignment.filter((a) => a.unit_id === u.id && !ms.some((m) => m.team.person_id === a.person_id)),
      )[0];
    if (!second) continue;
    const row: TeamRow = {
      id: demoUuid(`team:plan-service:${childId}`),
      child_id: childId,
      person_id: second.person_id,
      assignment_id: second.id,
      team_role: 'contact_person',
      valid_from: addDays(today, -rng.int(30, 200)),
      valid_to: null,
    };
    seed.team_membership.push(row);
    ms.push({ team: row, assignment: second, unit: units.get(second.unit_id)! });
  }

  // -- which children get a plan --
  const decisions = new Map<string, string>();
  for (const c of buildConcernData(data).concern)
    if (c.decided_at && c.decision !== 'no_further_action') decisions.set(c.child_id, c.decided_at.slice(0, 10));
  const byLevel = (l: number) =>
    [...membersOf.entries()]
      .filter(([, ms]) => levelOf(ms) === l)
      .map(([id]) => id)
      .sort();
  const anna = data.assignment.find((a) => a.username === 'anna.lindqvist')!;
  const annaKids = new Set(
    data.team_membership.filter((t) => t.assignment_id === anna.id && active(t)).map((t) => t.child_id),
  );
  // anna's children first (so she sees plans at work), then the rest in a seeded order.
  const pick = (ids: string[], n: number) =>
    [...ids.filter((id) => annaKids.has(id)), ...rng.shuffle(ids.filter((id) => !annaKids.has(id)))].slice(0, n);
  const chosen: [string, 1 | 2 | 3][] = [
    ...byLevel(3).map((id) => [id, 3] as [string, 3]),
    ...pick(byLevel(2), PLANS_PER_LEVEL).map((id) => [id, 2] as [string, 2]),
    ...pick(byLevel(1), PLANS_PER_LEVEL).map((id) => [id, 1] as [string, 1]),
  ];

  const custodyOf = new Map<string, typeof data.custody>();
  for (const c of data.custody) custodyOf.set(c.child_id, [...(custodyOf.get(c.child_id) ?? []), c]);
  const guardians = new Map(data.guardian.map((g) => [g.id, g]));

  const sipCapablePlans: string[] = [];
  for (const [childId, level] of chosen) {
    const child = children.get(childId)!;
    const members = membersOf.get(childId)!;
    const age = ageOn(child.birth_date, today);
    const group = groupOf(age);
    const key = `plan:${childId}`;
    let n = 0;
    const id = (what: string) => demoUuid(`${key}:${what}:${n++}`);
    // Texts are picked without repeating within one plan while there are unused ones.
    const used = new Set<string>();
    const fresh = <T extends string | { text: string }>(list: readonly T[]): T => {
      const key = (x: T) => (typeof x === 'string' ? x : x.text);
      const unused = list.filter((x) => !used.has(key(x)));
      const chosen = rng.pick(unused.length > 0 ? unused : list);
      used.add(key(chosen));
      return chosen;
    };
    const coordinator = members.find((m) => m.team.team_role === 'coordinator');
    const lead = members.find((m) => m.team.team_role === 'best_interest_lead');
    const author = coordinator ?? lead ?? members[0]!;
    // Drawn up after the decision that explains the level, after the author joined, before today.
    const earliest = [decisions.get(childId) ?? addDays(today, -200), author.team.valid_from, addDays(today, -240)]
      .sort()
      .reverse()[0]!;
    const createdOn =
      earliest >= yesterday
        ? yesterday
        : addDays(earliest, rng.int(1, Math.max(1, Math.min(30, daysBetween(earliest, yesterday)))));
    const createdAt = stamp(rng, createdOn);
    const planId = demoUuid(key);
    const lowered = level === 1 && rng.chance(0.5) && daysBetween(createdOn, yesterday) > 20;
    const firstLevel = lowered ? 2 : level;

    // Level history (and the chronology entries the API would have written).
    const chron = (
      kind: 'plan_created' | 'plan_level_changed',
      on: string,
      at: string,
      text: string,
      before: number,
      after: number,
      m: Member,
    ) =>
      seed.chronology_entry.push({
        id: demoUuid(`${key}:chronology:${kind}:${on}`),
        child_id: childId,
        kind,
        event_date: on,
        significance: after === 3 ? 'high' : after === 2 ? 'medium' : 'low',
        text,
        concern_id: null,
        details: JSON.stringify({ supportLevelBefore: before, supportLevelAfter: after }),
        source_organisation_id: m.assignment.organisation_id,
        source_unit_id: m.unit.id,
        secrecy_domain: m.unit.secrecy_domain,
        entered_by_person_id: m.team.person_id,
        entered_by_assignment_id: m.assignment.id,
        created_at: at,
      });
    const createReason = lowered ? FIRST_AT_TWO : rng.pick(CREATE_REASON[level]);
    seed.plan_level_change.push({
      id: id('level'),
      plan_id: planId,
      child_id: childId,
      level_before: null,
      level_after: firstLevel,
      reason: createReason,
      changed_by_person_id: author.team.person_id,
      changed_by_assignment_id: author.assignment.id,
      changed_at: createdAt,
    });
    chron('plan_created', createdOn, createdAt, createReason, lowered ? 1 : level, firstLevel, author);
    let version = 1;
    if (lowered) {
      const on = addDays(createdOn, rng.int(10, daysBetween(createdOn, yesterday)));
      const at = stamp(rng, on);
      seed.plan_level_change.push({
        id: id('level'),
        plan_id: planId,
        child_id: childId,
        level_before: 2,
        level_after: 1,
        reason: LOWERED_TO_ONE,
        changed_by_person_id: author.team.person_id,
        changed_by_assignment_id: author.assignment.id,
        changed_at: at,
      });
      chron('plan_level_changed', on, at, LOWERED_TO_ONE, 2, 1, author);
      version += 1;
    }

    // Services taking part: one per unit on the team, contact persons from the team.
    const byUnit = new Map<string, Member>();
    for (const m of rng.shuffle(members)) {
      const prev = byUnit.get(m.unit.id);
      if (!prev || m.team.team_role === 'contact_person' || m === coordinator) byUnit.set(m.unit.id, m);
    }
    const wanted = level === 3 ? rng.int(2, 4) : level === 2 ? rng.int(1, 2) : 1;
    const serviceMembers = [...byUnit.values()]
      .sort((a, b) => (a === coordinator ? -1 : b === coordinator ? 1 : a.unit.name.localeCompare(b.unit.name, 'sv')))
      .slice(0, wanted);
    const services = serviceMembers.map((m) => {
      const sid = id('service');
      const since = m.team.valid_from > createdOn ? m.team.valid_from : createdOn;
      seed.plan_service.push({
        id: sid,
        plan_id: planId,
        unit_id: m.unit.id,
        organisation_id: m.assignment.organisation_id,
        contact_person_id: m.team.person_id,
        contact_assignment_id: m.assignment.id,
        contribution: rng.pick(ACTIONS_BY_UNIT[m.unit.kind] ?? ['Deltar i nätverksmötena']),
        ended_on: null,
        created_at: stamp(rng, since),
        created_by_person_id: author.team.person_id,
      });
      return { id: sid, member: m };
    });

    // Needs on 2–4 indicators (level 3), 1–3 (level 2), 1 (level 1); a goal for most needs.
    const indicators = rng
      .shuffle([...WHEEL_INDICATORS])
      .slice(0, level === 3 ? rng.int(2, 4) : level === 2 ? rng.int(1, 3) : 1);
    const goals: string[] = [];
    for (const ind of WHEEL_INDICATORS.filter((i) => indicators.includes(i))) {
      const needId = id('need');
      seed.plan_need.push({
        id: needId,
        plan_id: planId,
        indicator: ind,
        description: fresh(NEEDS[ind][group]),
        created_at: createdAt,
        created_by_person_id: author.team.person_id,
      });
      // (Every plan gets at least one goal: the last need gets one if none before it did.)
      const wanted = level === 1 || rng.chance(0.85);
      if (
        wanted ||
        (goals.length === 0 &&
          ind === indicators.reduce((a, b) => (WHEEL_INDICATORS.indexOf(a) > WHEEL_INDICATORS.indexOf(b) ? a : b)))
      ) {
        const goalId = id('goal');
        goals.push(goalId);
        seed.plan_goal.push({
          id: goalId,
          plan_id: planId,
          description: fresh(GOALS[ind]),
          need_id: needId,
          indicators: ind,
          target_date: addDays(today, rng.int(30, 180)),
          created_at: createdAt,
          created_by_person_id: author.team.person_id,
        });
      }
    }

    // Actions: mostly by the services' contact persons; some by a guardian or the child.
    const custodial = (custodyOf.get(childId) ?? []).filter((c) => c.has_custody);
    const count = level === 3 ? rng.int(5, 15) : level === 2 ? rng.int(2, 5) : rng.int(1, 3);
    const days = Math.max(1, daysBetween(createdOn, today));
    for (let i = 0; i < count; i++) {
      const s = rng.pick(services);
      const who = rng.float();
      const byGuardian = who < 0.12 && custodial.length > 0;
      const byChild = !byGuardian && who < 0.2 && age >= 6;
      const what = byGuardian
        ? fresh(GUARDIAN_ACTIONS)
        : byChild
          ? fresh(CHILD_ACTIONS[group])
          : fresh(ACTIONS_BY_UNIT[s.member.unit.kind] ?? ['Delta i nätverksmötena']);
      const due = addDays(createdOn, rng.int(7, days + 90));
      let status: ActionStatus;
      if (due < today)
        status = rng.weighted([
          ['done', 0.7],
          ['in_progress', 0.12],
          ['planned', 0.06],
          ['cancelled', 0.12],
        ] as const);
      else
        status = rng.weighted([
          ['planned', 0.55],
          ['in_progress', 0.35],
          ['done', 0.1],
        ] as const);
      const responsible = byGuardian
        ? { kind: 'guardian', person: null, assignment: null, guardian: rng.pick(custodial).guardian_id }
        : byChild
          ? { kind: 'child', person: null, assignment: null, guardian: null }
          : {
              kind: 'professional',
              person: s.member.team.person_id,
              assignment: s.member.assignment.id,
              guardian: null,
            };
      // At levels 1–2 an action now and then waits for its owner or date; at level 3 never.
      const incomplete = level < 3 && rng.chance(0.15);
      seed.plan_action.push({
        id: id('action'),
        plan_id: planId,
        what,
        goal_id: goals.length > 0 && rng.chance(0.8) ? rng.pick(goals) : null,
        service_id: byGuardian || byChild ? null : s.id,
        responsible_kind: incomplete ? null : responsible.kind,
        responsible_person_id: incomplete ? null : responsible.person,
        responsible_assignment_id: incomplete ? null : responsible.assignment,
        responsible_guardian_id: incomplete ? null : responsible.guardian,
        due_date: due,
        status,
        created_at: createdAt,
        created_by_person_id: author.team.person_id,
      });
    }

    // The child's voice ("Det här tycker jag"), and each custodial guardian's view.
    const voices = level === 3 ? rng.int(1, 2) : 1;
    for (let i = 0; i < voices; i++) {
      const v = fresh(VOICE[group]);
      const day = addDays(createdOn, i === 0 ? 0 : rng.int(1, days));
      const on = day > yesterday ? yesterday : day;
      const pool = members.filter((m) => m.team.valid_from <= on);
      const recorder = pool.length > 0 ? rng.pick(pool) : author;
      seed.plan_voice.push({
        id: id('voice'),
        plan_id: planId,
        text: v.text,
        recorded_on: on,
        written_by_child: v.byChild && age >= 10,
        recorded_by_person_id: recorder.team.person_id,
        recorded_by_assignment_id: recorder.assignment.id,
        created_at: stamp(rng, on),
      });
    }
    for (const c of custodial) {
      if (!guardians.has(c.guardian_id)) continue;
      const pool = members.filter((m) => m.team.valid_from <= createdOn);
      const recorder = pool.length > 0 ? rng.pick(pool) : author;
      seed.plan_guardian_view.push({
        id: id('guardian-view'),
        plan_id: planId,
        guardian_id: c.guardian_id,
        text: fresh(GUARDIAN_VIEWS),
        recorded_on: createdOn,
        written_by_guardian: rng.chance(0.3),
        recorded_by_person_id: recorder.team.person_id,
        recorded_by_assignment_id: recorder.assignment.id,
        created_at: createdAt,
      });
    }

    // Now and then a disagreement.
    if (level >= 2 && rng.chance(0.3)) {
      const d = rng.pick(
        DISAGREEMENTS.filter(
          (x) =>
            (x.party !== 'guardian' || custodial.length > 0) &&
            (x.party !== 'child' || age >= 6) &&
            (x.party !== 'professional' || members.some((m) => m !== author && m.team.valid_from <= createdOn)),
        ),
      );
      const others = members.filter((m) => m !== author && m.team.valid_from <= createdOn);
      const prof = d.party === 'professional' ? rng.pick(others) : null;
      seed.plan_disagreement.push({
        id: id('disagreement'),
        plan_id: planId,
        party_kind: d.party,
        party_guardian_id: d.party === 'guardian' ? rng.pick(custodial).guardian_id : null,
        party_person_id: prof?.team.person_id ?? null,
        party_assignment_id: prof?.assignment.id ?? null,
        about: d.about,
        text: d.text,
        recorded_on: createdOn,
        recorded_by_person_id: author.team.person_id,
        recorded_by_assignment_id: author.assignment.id,
        created_at: createdAt,
      });
    }

    // A few level-3 plans also serve as the SIP (their minimum content is all there).
    const sipCapable =
      level === 3 &&
      services.some((s) => s.member.unit.kind === 'social_services') &&
      services.some((s) => s.member.unit.secrecy_domain === 'health_care');
    const isSip = sipCapable && rng.chance(0.8);
    if (sipCapable) sipCapablePlans.push(planId);
    seed.plan.push({
      id: planId,
      child_id: childId,
      status: 'active',
      level,
      background: rng.pick(BACKGROUND[group]),
      next_review_date: addDays(today, rng.int(7, 75)),
      is_sip: isSip,
      created_by_person_id: author.team.person_id,
      created_by_assignment_id: author.assignment.id,
      owning_unit_id: author.unit.id,
      secrecy_domain: author.unit.secrecy_domain,
      version,
      created_at: createdAt,
      updated_at: createdAt,
      updated_by_person_id: author.team.person_id,
    });
  }

  // At least one plan serves as the SIP whatever the draws (when any plan could).
  if (!seed.plan.some((p) => p.is_sip) && sipCapablePlans.length > 0)
    seed.plan.find((p) => p.id === sipCapablePlans[0])!.is_sip = true;

  // anna.lindqvist is responsible for some actions on her children's plans: one overdue, one due soon.
  const annaPlans = seed.plan.filter((p) => annaKids.has(p.child_id as string)).map((p) => p.id as string);
  const annaActions = seed.plan_action.filter(
    (a) => annaPlans.includes(a.plan_id as string) && a.responsible_kind === 'professional',
  );
  const annaUnit = units.get(anna.unit_id)!;
  [-4, 2].forEach((offset, i) => {
    const a = annaActions[i];
    if (!a) return;
    const plan = seed.plan.find((p) => p.id === a.plan_id)!;
    const annaService = seed.plan_service.find((s) => s.plan_id === plan.id && s.unit_id === annaUnit.id);
    Object.assign(a, {
      what:
        i === 0 ? 'Veckovis kontakt med vårdnadshavarna om närvaron' : 'Anpassad studieplan med mentorn varje vecka',
      responsible_person_id: anna.person_id,
      responsible_assignment_id: anna.id,
      service_id: annaService?.id ?? null,
      due_date: addDays(today, offset),
      status: i === 0 ? 'in_progress' : 'planned',
    });
  });

  // -- offers of a role waiting for an answer --
  const planByChild = new Map(seed.plan.map((p) => [p.child_id as string, p]));
  const offer = (
    childId: string,
    role: 'coordinator' | 'best_interest_lead',
    from: Member | null,
    by: Member,
    to: AssignmentRow,
    daysAgo: number,
  ) => {
    const on = addDays(today, -daysAgo);
    seed.role_handover.push({
      id: demoUuid(`handover:${childId}:${role}`),
      child_id: childId,
      plan_id: (planByChild.get(childId)?.id as string) ?? null,
      team_role: role,
      from_membership_id: from?.team.id ?? null,
      from_person_id: from?.team.person_id ?? null,
      from_assignment_id: from?.assignment.id ?? null,
      to_person_id: to.person_id,
      to_assignment_id: to.id,
      status: 'pending',
      respond_by: addDays(on, 7),
      offered_at: stamp(rng, on),
      offered_by_person_id: by.team.person_id,
      offered_by_assignment_id: by.assignment.id,
    });
  };
  // 1. To anna: the coordinator of one of her children offers her the role (she is on the team).
  const annaOffer = [...annaKids]
    .sort()
    .map((id) => membersOf.get(id) ?? [])
    .find(
      (ms) =>
        ms.some((m) => m.team.team_role === 'coordinator' && m.assignment.id !== anna.id) &&
        planByChild.has(ms[0]!.team.child_id),
    );
  if (annaOffer) {
    const from = annaOffer.find((m) => m.team.team_role === 'coordinator')!;
    offer(from.team.child_id, 'coordinator', from, from, anna, 2);
  }
  // 2. To someone not yet on the team: a colleague in a service taking part — jonas.lindgren at
  //    Socialtjänsten Växjö when one of its plans allows, otherwise a colleague of the coordinator.
  const jonas = data.assignment.find((a) => a.username === 'jonas.lindgren' && a.role === 'social_worker');
  const canCoordinate = new Set([
    'social_worker',
    'school_counsellor',
    'school_nurse',
    'special_educator',
    'preschool_teacher',
    'teacher',
    'child_psychiatry_clinician',
  ]);
  const outsiders = [
    ...(jonas ? [jonas] : []),
    ...data.assignment
      .filter(
        (a) =>
          a !== jonas &&
          canCoordinate.has(a.role) &&
          !NEVER_ON_TEAMS.has(a.username) &&
          a.username !== 'anna.lindqvist',
      )
      .sort((a, b) => a.id.localeCompare(b.id)),
  ];
  for (const to of outsiders) {
    const target = seed.plan
      .filter((p) => p.level === 3 && !seed.role_handover.some((h) => h.child_id === p.child_id))
      .map((p) => membersOf.get(p.child_id as string)!)
      .find((ms) => {
        const c = ms.find((m) => m.team.team_role === 'coordinator');
        const childId = ms[0]!.team.child_id;
        return (
          c &&
          c.assignment.unit_id === to.unit_id &&
          !ms.some((m) => m.team.person_id === to.person_id) &&
          seed.plan_service.some((s) => s.plan_id === planByChild.get(childId)!.id && s.unit_id === to.unit_id)
        );
      });
    if (target) {
      const from = target.find((m) => m.team.team_role === 'coordinator')!;
      offer(from.team.child_id, 'coordinator', from, from, to, 1);
      break;
    }
  }
  // 3. Barnets bästa-ansvarig at a transition (e.g. BVC → rektor before förskoleklass), when one is coming.
  for (const [childId, ms] of [...membersOf.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const lead = ms.find((m) => m.team.team_role === 'best_interest_lead');
    if (!lead || seed.role_handover.some((h) => h.child_id === childId)) continue;
    const c = children.get(childId)!;
    const enrolments = data.enrolment
      .filter((e) => e.child_id === childId)
      .map((e) => ({ unitKind: units.get(e.unit_id)!.kind as string, validFrom: e.valid_from, validTo: null }));
    const p = proposeBestInterestLead({
      birthDate: c.birth_date,
      today,
      enrolments,
      currentRole: lead.assignment.role,
    });
    const nextRole = p.transition?.role ?? (p.currentMatches === false ? p.role : null);
    if (!nextRole || nextRole === lead.assignment.role) continue;
    const municipal = (a: AssignmentRow) => units.get(a.unit_id)?.municipality_code === c.municipality_code;
    const school = data.enrolment.find(
      (e) =>
        e.child_id === childId && ['compulsory_school', 'upper_secondary_school'].includes(units.get(e.unit_id)!.kind),
    );
    const fSchool = unitByKey.get(`${c.municipality_code}:school:0`);
    const to =
      nextRole === 'principal'
        ? data.assignment.find((a) => a.role === 'principal' && a.unit_id === (school?.unit_id ?? fSchool?.id))
        : data.assignment.find((a) => a.role === nextRole && municipal(a));
    if (!to || ms.some((m) => m.assignment.id === to.id)) continue;
    offer(childId, 'best_interest_lead', lead, lead, to, 3);
    break;
  }
  addMeetingsReviewsAndClosing(seed, { today, children, membersOf, custodyOf, annaKids, anna });
  return seed;
}

// ---------------------------------------------------------------------------------------------
// Meet, follow up, close: network meetings with notes and decisions, reviews with a coded outcome
// per action, an upcoming meeting on the next review date, and a few closed plans with reasons.
// A separate PRNG stream ('plan-meetings'), so the plans themselves stay as they were.

const FIRST_PURPOSE = [
  'Nätverksmöte: vi gör barnets plan tillsammans',
  'Första nätverksmötet med familjen',
  'Uppstartsmöte för barnets plan',
];
const FOLLOW_PURPOSE = [
  'Uppföljning av barnets plan',
  'Nätverksmöte: hur har det gått?',
  'Uppföljning med barnet och vårdnadshavarna',
];
const FIRST_AGENDA = [
  'Vi presenterar oss',
  'Barnets röst: det här tycker jag',
  'Vad fungerar och vad är svårt',
  'Åtgärder och vem som gör vad',
  'Nästa möte',
];
const FOLLOW_AGENDA = [
  'Hur har det gått sedan sist',
  'Barnets och vårdnadshavarnas syn',
  'Genomgång av åtgärderna',
  'Hjulet jämfört med förra gången',
  'Nästa uppföljning',
];
const FIRST_NOTES = [
  'Alla presenterade sig. Barnet var med en stund i början och berättade vad som är bäst och svårast i skolan. Vårdnadshavarna beskrev morgnarna som det svåraste. Vi kom överens om planens åtgärder och vem som ansvarar.',
  'Mötet började med barnets egna ord. Skolan och elevhälsan beskrev vad de ser. Vårdnadshavarna vill ha tätare kontakt med skolan. Alla är överens om att börja med små steg.',
  'Vi gick igenom hjulet tillsammans. Trygghet och delaktighet är det som behöver stärkas mest. Socialtjänsten erbjuder föräldrastöd. Samordnaren skickar ut planen efter mötet.',
];
const FOLLOW_NOTES = [
  'Barnet säger att det går bättre på rasterna. Närvaron har ökat. Vårdnadshavarna upplever att kontakten med skolan fungerar. Matematiken är fortfarande svår.',
  'Sömnen är bättre enligt barnet själv. Samtalen hos kuratorn hjälper. Vi behöver fortsätta med åtgärderna för skolarbetet och se över om fler verksamheter behövs.',
  'Familjen har gått föräldrastödsprogrammet och tycker att det gett mycket. Barnet vill själv fortsätta med fritidsaktiviteten. Några åtgärder är klara och stryks.',
];
const PLAIN_DECISIONS = [
  'Planen gäller fram till nästa uppföljning. Samordnaren bokar mötet.',
  'Vårdnadshavarna får en utskrift av planen. Barnet vill ha sin egen kopia.',
  'Skolan och socialtjänsten stämmer av per telefon varannan vecka.',
  'Vi väntar med en BUP-remiss tills skolans anpassningar har utvärderats.',
];
const REVIEW_SUMMARIES = [
  'Det går åt rätt håll. Barnet är mer i skolan och säger själv att det känns tryggare. Vi fortsätter med de flesta åtgärderna.',
  'Delvis bättre. Hemmet fungerar bättre, skolarbetet är fortfarande tungt. Några åtgärder ändras och en ny verksamhet behöver kopplas in.',
  'Barnet och vårdnadshavarna är nöjda med stödet. Flera åtgärder är klara. Planen fortsätter till nästa uppföljning.',
];
const BRING_IN = [
  'Fritidsgården bör kopplas in för att ge en meningsfull fritid.',
  'BUP behöver göra en bedömning; samordnaren tar kontakt.',
  'Socialtjänsten erbjuds att delta med familjestöd.',
];
const CLOSINGS: {
  code: 'goals_met' | 'moved' | 'family_declined' | 'handed_over_to_social_services';
  text: string | null;
}[] = [
  { code: 'goals_met', text: null },
  {
    code: 'moved',
    text: 'Familjen har flyttat till en annan kommun. Med familjens samtycke har den nya skolan fått veta vad som fungerat.',
  },
  {
    code: 'family_declined',
    text: 'Vårdnadshavarna vill inte fortsätta med planen. Skolan ger stöd inom den vanliga verksamheten.',
  },
  { code: 'handed_over_to_social_services', text: 'Socialtjänsten har inlett en utredning och tar över samordningen.' },
];
const CLOSE_WORDS: Record<string, string> = {
  goals_met: 'Målen är uppnådda',
  moved: 'Familjen har flyttat',
  family_declined: 'Familjen tackade nej till fortsatt stöd',
  handed_over_to_social_services: 'Överlämnad till socialtjänsten',
};

function addMeetingsReviewsAndClosing(
  seed: PlanSeed,
  c: {
    today: string;
    children: Map<string, DemoData['child'][number]>;
    membersOf: Map<string, Member[]>;
    custodyOf: Map<string, DemoData['custody']>;
    annaKids: Set<string>;
    anna: AssignmentRow;
  },
): void {
  const rng = new Rng('plan-meetings');
  const today = c.today;
  const yesterday = addDays(today, -1);
  const withHandover = new Set(seed.role_handover.map((h) => h.child_id as string));
  // A few plans at levels 1–2 were closed (never anna's, never one with an open offer).
  const closable = seed.plan
    .filter(
      (p) =>
        (p.level as number) < 3 &&
        !c.annaKids.has(p.child_id as string) &&
        !withHandover.has(p.child_id as string) &&
        daysBetween((p.created_at as string).slice(0, 10), yesterday) >= 45,
    )
    .map((p) => p.id as string)
    .sort();
  const closing = new Map(
    rng
      .shuffle(closable)
      .slice(0, CLOSINGS.length)
      .map((id, i) => [id, CLOSINGS[i]!]),
  );

  for (const plan of seed.plan) {
    const planId = plan.id as string;
    const childId = plan.child_id as string;
    const level = plan.level as number;
    const createdOn = (plan.created_at as string).slice(0, 10);
    const key = `meetings:${planId}`;
    let n = 0;
    const id = (what: string) => demoUuid(`${key}:${what}:${n++}`);
    const members = c.membersOf.get(childId) ?? [];
    const chair =
      members.find((m) => m.team.team_role === 'coordinator') ??
      members.find((m) => m.assignment.id === plan.created_by_assignment_id) ??
      members[0];
    if (!chair) continue;
    const child = c.children.get(childId)!;
    const age = ageOn(child.birth_date, today);
    const custodial = (c.custodyOf.get(childId) ?? []).filter((x) => x.has_custody);
    const actions = seed.plan_action.filter((a) => a.plan_id === planId);
    const days = daysBetween(createdOn, yesterday);
    const closed = closing.get(planId);

    const meeting = (m: { date: string; status: 'held' | 'planned'; first: boolean; start: string }) => {
      const meetingId = id('meeting');
      const onTeam = members.filter((x) => x.team.valid_from <= m.date && x !== chair);
      const others = rng.shuffle(onTeam).slice(0, level === 3 ? 3 : 1);
      // anna is invited to the upcoming meetings of her children's plans (her to-do shows them).
      const annaMember =
        m.status === 'planned' && c.annaKids.has(childId)
          ? members.find((x) => x.assignment.id === c.anna.id)
          : undefined;
      if (annaMember && annaMember !== chair && !others.includes(annaMember)) others.push(annaMember);
      const held = m.status === 'held';
      const att = (weights: readonly (readonly ['attending' | 'absent' | 'excused', number])[]) =>
        held ? rng.weighted(weights) : 'invited';
      const invitees: Record<string, unknown>[] = [chair, ...others].map((x) => ({
        kind: 'professional',
        person_id: x.team.person_id,
        assignment_id: x.assignment.id,
        guardian_id: null,
        attendance:
          x === chair
            ? held
              ? 'attending'
              : 'invited'
            : att([
                ['attending', 0.88],
                ['excused', 0.12],
              ] as const),
      }));
      if (age >= 6)
        invitees.push({
          kind: 'child',
          person_id: null,
          assignment_id: null,
          guardian_id: null,
          attendance: att([
            ['attending', 0.8],
            ['excused', 0.2],
          ] as const),
        });
      for (const g of custodial)
        invitees.push({
          kind: 'guardian',
          person_id: null,
          assignment_id: null,
          guardian_id: g.guardian_id,
          attendance: att([
            ['attending', 0.75],
            ['excused', 0.15],
            ['absent', 0.1],
          ] as const),
        });
      invitees.forEach((x, i) =>
        seed.plan_meeting_invitee.push({ id: id('invitee'), meeting_id: meetingId, ...x, position: i }),
      );
      const at = stamp(rng, m.date);
      const digital = !held && rng.chance(0.25);
      seed.plan_meeting.push({
        id: meetingId,
        plan_id: planId,
        child_id: childId,
        meeting_date: m.date,
        start_time: m.start,
        end_time: `${String(Number(m.start.slice(0, 2)) + 1).padStart(2, '0')}:${m.start.slice(3)}`,
        place: digital
          ? null
          : rng.pick([`${chair.unit.name}, mötesrummet`, `${chair.unit.name}, konferensrummet`, 'Familjens hem']),
        digital,
        purpose: rng.pick(
          m.first
            ? FIRST_PURPOSE
            : held
              ? FOLLOW_PURPOSE
              : ['Uppföljning av barnets plan', 'Nätverksmöte inför nästa uppföljning'],
        ),
        agenda: (m.first ? FIRST_AGENDA : FOLLOW_AGENDA).join(','),
        notes: held ? rng.pick(m.first ? FIRST_NOTES : FOLLOW_NOTES) : null,
        status: m.status,
        cancelled_reason: null,
        version: 1,
        created_at: at,
        created_by_person_id: chair.team.person_id,
        created_by_assignment_id: chair.assignment.id,
        updated_at: at,
        updated_by_person_id: chair.team.person_id,
      });
      return { meetingId, at, held };
    };
    const decide = (
      meetingId: string,
      at: string,
      text: string,
      effect: 'none' | 'action_created' | 'action_changed',
      action: Record<string, unknown> | null,
      change: Record<string, unknown> | null,
    ) => {
      seed.plan_meeting_decision.push({
        id: id('decision'),
        meeting_id: meetingId,
        plan_id: planId,
        text,
        effect,
        action_id: action ? action.id : null,
        action_change: change ? JSON.stringify(change) : null,
        decided_at: at,
        decided_by_person_id: chair.team.person_id,
        decided_by_assignment_id: chair.assignment.id,
      });
    };
    const heldEntry = (date: string, at: string, purpose: string) =>
      seed.chronology_entry.push({
        id: demoUuid(`${key}:chronology:held:${date}`),
        child_id: childId,
        kind: 'plan_meeting_held',
        event_date: date,
        significance: 'medium',
        text: purpose,
        concern_id: null,
        details: '{}',
        source_organisation_id: chair.assignment.organisation_id,
        source_unit_id: chair.unit.id,
        secrecy_domain: chair.unit.secrecy_domain,
        entered_by_person_id: chair.team.person_id,
        entered_by_assignment_id: chair.assignment.id,
        created_at: at,
      });
    const bump = (meetingId: string, by: number) => {
      const row = seed.plan_meeting.find((x) => x.id === meetingId)!;
      row.version = (row.version as number) + by;
    };

    // 1. The meeting where the plan was drawn up (levels 2–3 always, level 1 now and then).
    if (level === 1 && !closed && !rng.chance(0.5)) continue;
    const first = meeting({
      date: createdOn,
      status: 'held',
      first: true,
      start: rng.pick(['08:30', '10:00', '13:00', '14:30']),
    });
    heldEntry(createdOn, first.at, seed.plan_meeting.at(-1)!.purpose as string);
    const fresh = actions.filter((a) => a.status !== 'cancelled').slice(0, level === 3 ? 2 : 1);
    for (const a of fresh)
      decide(
        first.meetingId,
        first.at,
        `Vi beslutade: ${(a.what as string).toLowerCase()}.`,
        'action_created',
        a,
        null,
      );
    decide(first.meetingId, first.at, rng.pick(PLAIN_DECISIONS), 'none', null, null);
    bump(first.meetingId, fresh.length + 3); // notes written, attendance recorded, held; one version per decision

    // 2. A follow-up meeting with a review, when the plan has run for a while.
    let last = createdOn;
    // Level 1: a light follow-up now and then, within the ordinary service.
    if ((level >= 2 || rng.chance(0.6)) && days >= 21) {
      const date = addDays(createdOn, rng.int(14, Math.min(days, 120)));
      last = date;
      const follow = meeting({ date, status: 'held', first: false, start: rng.pick(['09:00', '13:30', '15:00']) });
      heldEntry(date, follow.at, seed.plan_meeting.at(-1)!.purpose as string);
      const moved = actions.find((a) => a.status === 'in_progress' || a.status === 'done');
      if (moved)
        decide(
          follow.meetingId,
          follow.at,
          `Åtgärden ”${moved.what as string}” följs upp: ${moved.status === 'done' ? 'den är klar' : 'den pågår'}.`,
          'action_changed',
          moved,
          { status: moved.status },
        );
      decide(follow.meetingId, follow.at, rng.pick(PLAIN_DECISIONS), 'none', null, null);
      bump(follow.meetingId, (moved ? 1 : 0) + 4);
      const reviewId = id('review');
      const reviewed = actions.filter((a) => a.status !== 'cancelled' && (a.created_at as string).slice(0, 10) <= date);
      seed.plan_review.push({
        id: reviewId,
        plan_id: planId,
        child_id: childId,
        reviewed_on: date,
        meeting_id: follow.meetingId,
        summary: rng.pick(REVIEW_SUMMARIES),
        previous_review_date: date,
        next_review_date: plan.next_review_date,
        created_at: follow.at,
        created_by_person_id: chair.team.person_id,
        created_by_assignment_id: chair.assignment.id,
      });
      reviewed.forEach((a, i) => {
        const due = a.due_date as string | null;
        let outcome: 'done' | 'continue' | 'change' | 'bring_in_service' = a.status === 'done' ? 'done' : 'continue';
        if (outcome === 'continue' && due && rng.chance(0.3)) outcome = 'change';
        else if (outcome === 'continue' && rng.chance(0.12)) outcome = 'bring_in_service';
        const dueBefore = outcome === 'change' && due ? addDays(due, -rng.int(14, 35)) : null;
        seed.plan_review_outcome.push({
          id: id('outcome'),
          review_id: reviewId,
          action_id: a.id,
          outcome,
          comment:
            outcome === 'bring_in_service'
              ? rng.pick(BRING_IN)
              : outcome === 'done' && rng.chance(0.4)
                ? 'Barnet och vårdnadshavarna tycker att det har hjälpt.'
                : null,
          what_before: null,
          what_after: null,
          due_before: dueBefore,
          due_after: dueBefore ? due : null,
          position: i,
        });
      });
    }

    // 3. Closed plans: after the last meeting, with a reason. Otherwise: a meeting on the next review date.
    if (closed) {
      const on = addDays(last, rng.int(1, Math.max(1, daysBetween(last, yesterday))));
      const at = stamp(rng, on > yesterday ? yesterday : on);
      const date = at.slice(0, 10);
      Object.assign(plan, {
        status: 'closed',
        version: (plan.version as number) + 1,
        updated_at: at,
        next_review_date: null,
      });
      seed.plan_status_change.push({
        id: id('status'),
        plan_id: planId,
        child_id: childId,
        status_after: 'closed',
        reason_code: closed.code,
        reason_text: closed.text,
        changed_by_person_id: chair.team.person_id,
        changed_by_assignment_id: chair.assignment.id,
        changed_at: at,
      });
      seed.chronology_entry.push({
        id: demoUuid(`${key}:chronology:closed`),
        child_id: childId,
        kind: 'plan_closed',
        event_date: date,
        significance: closed.code === 'goals_met' || closed.code === 'moved' ? 'medium' : 'high',
        text: closed.text ? `${CLOSE_WORDS[closed.code]}: ${closed.text}` : `${CLOSE_WORDS[closed.code]}.`,
        concern_id: null,
        details: '{}',
        source_organisation_id: chair.assignment.organisation_id,
        source_unit_id: chair.unit.id,
        secrecy_domain: chair.unit.secrecy_domain,
        entered_by_person_id: chair.team.person_id,
        entered_by_assignment_id: chair.assignment.id,
        created_at: at,
      });
    } else if (level >= 2 && plan.next_review_date) {
      // anna's upcoming meetings fall within her to-do's 14 days.
      const date = c.annaKids.has(childId) ? addDays(today, rng.int(2, 12)) : (plan.next_review_date as string);
      meeting({ date, status: 'planned', first: false, start: rng.pick(['09:00', '10:30', '14:00']) });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Writing

async function insert(
  tx: Queryable,
  table: string,
  rows: Record<string, unknown>[],
  columns: [string, string][],
): Promise<void> {
  if (rows.length === 0) return;
  const names = columns.map(([c]) => c).join(', ');
  const arrays = columns
    .map(([, type], i) => `$${i + 1}::${type === 'text[]' || type === 'jsonb' ? 'text' : type}[]`)
    .join(', ');
  const select = columns
    .map(([c, type]) =>
      type === 'text[]' ? `string_to_array(u.${c}, ',')` : type === 'jsonb' ? `u.${c}::jsonb` : `u.${c}`,
    )
    .join(', ');
  await tx.query(
    `INSERT INTO ${table} (${names}) SELECT ${select} FROM unnest(${arrays}) AS u(${names})`,
    columns.map(([c]) => rows.map((r) => r[c] ?? null)),
  );
}

/** Writes the demo plans (one multi-row INSERT per table). Returns how many plans and team rows it wrote. */
export async function seedPlans(tx: Queryable, data: DemoData): Promise<{ plans: number; teamRows: number }> {
  const s = buildPlanData(data);
  await insertPlans(tx, s);
  await insertPlanItems(tx, s);
  await insertMeetingsAndReviews(tx, s);
  return { plans: s.plan.length, teamRows: s.team_membership.length };
}

const ts = (c: string): [string, string] => [c, 'timestamptz'];
const uuid = (c: string): [string, string] => [c, 'uuid'];
const text = (c: string): [string, string] => [c, 'text'];
const date = (c: string): [string, string] => [c, 'date'];

/** The team changes behind the plans, the plans and their level changes. */
async function insertPlans(tx: Queryable, s: PlanSeed): Promise<void> {
  await insert(tx, 'team_membership', s.team_membership as unknown as Record<string, unknown>[], [
    uuid('id'),
    uuid('child_id'),
    uuid('person_id'),
    uuid('assignment_id'),
    text('team_role'),
    date('valid_from'),
    date('valid_to'),
  ]);
  await insert(tx, 'plan', s.plan, [
    uuid('id'),
    uuid('child_id'),
    text('status'),
    ['level', 'smallint'],
    text('background'),
    date('next_review_date'),
    ['is_sip', 'boolean'],
    uuid('created_by_person_id'),
    uuid('created_by_assignment_id'),
    uuid('owning_unit_id'),
    text('secrecy_domain'),
    ['version', 'int'],
    ts('created_at'),
    ts('updated_at'),
    uuid('updated_by_person_id'),
  ]);
  await insert(tx, 'plan_level_change', s.plan_level_change, [
    uuid('id'),
    uuid('plan_id'),
    uuid('child_id'),
    ['level_before', 'smallint'],
    ['level_after', 'smallint'],
    text('reason'),
    uuid('changed_by_person_id'),
    uuid('changed_by_assignment_id'),
    ts('changed_at'),
  ]);
}

/** The plans' items: services, needs, goals, actions, the child's voice, guardians' views, disagreements. */
async function insertPlanItems(tx: Queryable, s: PlanSeed): Promise<void> {
  const stamped = (rows: Record<string, unknown>[]) =>
    rows.map((r) => ({
      ...r,
      updated_at: r.created_at,
      updated_by_person_id: r.created_by_person_id ?? r.recorded_by_person_id,
    }));
  await insert(tx, 'plan_service', stamped(s.plan_service), [
    uuid('id'),
    uuid('plan_id'),
    uuid('unit_id'),
    uuid('organisation_id'),
    uuid('contact_person_id'),
    uuid('contact_assignment_id'),
    text('contribution'),
    date('ended_on'),
    ts('created_at'),
    uuid('created_by_person_id'),
    ts('updated_at'),
    uuid('updated_by_person_id'),
  ]);
  await insert(tx, 'plan_need', stamped(s.plan_need), [
    uuid('id'),
    uuid('plan_id'),
    text('indicator'),
    text('description'),
    ts('created_at'),
    uuid('created_by_person_id'),
    ts('updated_at'),
    uuid('updated_by_person_id'),
  ]);
  await insert(tx, 'plan_goal', stamped(s.plan_goal), [
    uuid('id'),
    uuid('plan_id'),
    text('description'),
    uuid('need_id'),
    ['indicators', 'text[]'],
    date('target_date'),
    ts('created_at'),
    uuid('created_by_person_id'),
    ts('updated_at'),
    uuid('updated_by_person_id'),
  ]);
  await insert(tx, 'plan_action', stamped(s.plan_action), [
    uuid('id'),
    uuid('plan_id'),
    text('what'),
    uuid('goal_id'),
    uuid('service_id'),
    text('responsible_kind'),
    uuid('responsible_person_id'),
    uuid('responsible_assignment_id'),
    uuid('responsible_guardian_id'),
    date('due_date'),
    text('status'),
    ts('created_at'),
    uuid('created_by_person_id'),
    ts('updated_at'),
    uuid('updated_by_person_id'),
  ]);
  await insert(tx, 'plan_voice', stamped(s.plan_voice), [
    uuid('id'),
    uuid('plan_id'),
    text('text'),
    date('recorded_on'),
    ['written_by_child', 'boolean'],
    uuid('recorded_by_person_id'),
    uuid('recorded_by_assignment_id'),
    ts('created_at'),
    ts('updated_at'),
    uuid('updated_by_person_id'),
  ]);
  await insert(tx, 'plan_guardian_view', stamped(s.plan_guardian_view), [
    uuid('id'),
    uuid('plan_id'),
    uuid('guardian_id'),
    text('text'),
    date('recorded_on'),
    ['written_by_guardian', 'boolean'],
    uuid('recorded_by_person_id'),
    uuid('recorded_by_assignment_id'),
    ts('created_at'),
    ts('updated_at'),
    uuid('updated_by_person_id'),
  ]);
  await insert(tx, 'plan_disagreement', s.plan_disagreement, [
    uuid('id'),
    uuid('plan_id'),
    text('party_kind'),
    uuid('party_guardian_id'),
    uuid('party_person_id'),
    uuid('party_assignment_id'),
    text('about'),
    text('text'),
    date('recorded_on'),
    uuid('recorded_by_person_id'),
    uuid('recorded_by_assignment_id'),
    ts('created_at'),
  ]);
}

/** Role handovers, meetings with invitees and decisions, reviews with outcomes, status changes, chronology. */
async function insertMeetingsAndReviews(tx: Queryable, s: PlanSeed): Promise<void> {
  await insert(tx, 'role_handover', s.role_handover, [
    uuid('id'),
    uuid('child_id'),
    uuid('plan_id'),
    text('team_role'),
    uuid('from_membership_id'),
    uuid('from_person_id'),
    uuid('from_assignment_id'),
    uuid('to_person_id'),
    uuid('to_assignment_id'),
    text('status'),
    date('respond_by'),
    ts('offered_at'),
    uuid('offered_by_person_id'),
    uuid('offered_by_assignment_id'),
  ]);
  await insert(tx, 'plan_meeting', s.plan_meeting, [
    uuid('id'),
    uuid('plan_id'),
    uuid('child_id'),
    date('meeting_date'),
    ['start_time', 'time'],
    ['end_time', 'time'],
    text('place'),
    ['digital', 'boolean'],
    text('purpose'),
    ['agenda', 'text[]'],
    text('notes'),
    text('status'),
    text('cancelled_reason'),
    ['version', 'int'],
    ts('created_at'),
    uuid('created_by_person_id'),
    uuid('created_by_assignment_id'),
    ts('updated_at'),
    uuid('updated_by_person_id'),
  ]);
  await insert(tx, 'plan_meeting_invitee', s.plan_meeting_invitee, [
    uuid('id'),
    uuid('meeting_id'),
    text('kind'),
    uuid('person_id'),
    uuid('assignment_id'),
    uuid('guardian_id'),
    text('attendance'),
    ['position', 'smallint'],
  ]);
  await insert(tx, 'plan_meeting_decision', s.plan_meeting_decision, [
    uuid('id'),
    uuid('meeting_id'),
    uuid('plan_id'),
    text('text'),
    text('effect'),
    uuid('action_id'),
    ['action_change', 'jsonb'],
    ts('decided_at'),
    uuid('decided_by_person_id'),
    uuid('decided_by_assignment_id'),
  ]);
  await insert(tx, 'plan_review', s.plan_review, [
    uuid('id'),
    uuid('plan_id'),
    uuid('child_id'),
    date('reviewed_on'),
    uuid('meeting_id'),
    text('summary'),
    date('previous_review_date'),
    date('next_review_date'),
    ts('created_at'),
    uuid('created_by_person_id'),
    uuid('created_by_assignment_id'),
  ]);
  await insert(tx, 'plan_review_outcome', s.plan_review_outcome, [
    uuid('id'),
    uuid('review_id'),
    uuid('action_id'),
    text('outcome'),
    text('comment'),
    text('what_before'),
    text('what_after'),
    date('due_before'),
    date('due_after'),
    ['position', 'smallint'],
  ]);
  await insert(tx, 'plan_status_change', s.plan_status_change, [
    uuid('id'),
    uuid('plan_id'),
    uuid('child_id'),
    text('status_after'),
    text('reason_code'),
    text('reason_text'),
    uuid('changed_by_person_id'),
    uuid('changed_by_assignment_id'),
    ts('changed_at'),
  ]);
  await insert(tx, 'chronology_entry', s.chronology_entry, [
    uuid('id'),
    uuid('child_id'),
    text('kind'),
    date('event_date'),
    text('significance'),
    text('text'),
    uuid('concern_id'),
    ['details', 'jsonb'],
    uuid('source_organisation_id'),
    uuid('source_unit_id'),
    text('secrecy_domain'),
    uuid('entered_by_person_id'),
    uuid('entered_by_assignment_id'),
    ts('created_at'),
  ]);
}

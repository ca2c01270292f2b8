/**
 * Demo konsultationsteam and närvaro, so that a newcomer sees both at work:
 * - two consultation teams: one for the whole county (Region Kronoberg) and one for Ljungby,
 *   Markaryd and Älmhult, with members from elevhälsa, social services and BUP; a handful of
 *   anonymous cases (some advised, some waiting), written without any personal data;
 * - last month's attendance at Furuboskolan (Växjö), imported by its principal per.sandberg: sums
 *   per pupil, and open attendance alerts for the pupils over the thresholds — most for children
 *   per.sandberg is barnets bästa-ansvarig for (so they are in his "Att göra"), one for a pupil
 *   nobody in Barnkompass can review yet (shown in the import summary);
 * - stricter absence thresholds saved by Ljungby kommun (10 % / 3 %); the others use the defaults.
 *
 * Deterministic (seeded PRNG, ids from stable keys) and pure until `seedConsultationAttendance`
 * writes it inside seedDemo's owner transaction.
 */
import { createHash } from 'node:crypto';
import { evaluateAbsence } from '../../core/attendance.js';
import type { Queryable } from '../db/client.js';
import { Rng, addDays, demoUuid } from './random.js';
import type { DemoData } from './seed.js';

const assignmentOf = (username: string, index = 0) => demoUuid(`assignment:${username}:${index}`);
const personOf = (username: string) => demoUuid(`person:${username}`);

interface TeamSeed {
  id: string;
  organisation_id: string;
  name: string;
  municipality_codes: string[] | null;
}
interface MemberSeed {
  id: string;
  team_id: string;
  person_id: string;
  assignment_id: string;
  valid_from: string;
}
interface CaseSeed {
  id: string;
  team_id: string;
  age_band: string;
  school_stage: string;
  municipality_code: string;
  indicators: string[];
  description: string;
  question: string | null;
  advice: string | null;
  consulted_on: string | null;
  participant_roles: string[];
  mandatory_report_advised: boolean;
  advised_at: string | null;
  advised_by_person_id: string | null;
  advised_by_assignment_id: string | null;
  author_person_id: string;
  author_assignment_id: string;
  author_organisation_id: string;
  author_unit_id: string;
  created_at: string;
}
interface ImportSeed {
  id: string;
  unit_id: string;
  file_sha256: string;
  period_start: string;
  period_end: string;
  rows_total: number;
  children: number;
  alerts_raised: number;
  alerts_without_reviewer_lines: number[];
  imported_by_person_id: string;
  imported_by_assignment_id: string;
  imported_at: string;
}
interface RecordSeed {
  id: string;
  child_id: string;
  scheduled: number;
  valid_absence: number;
  invalid_absence: number;
}
interface AlertSeed extends RecordSeed {
  record_id: string;
  total_absence_pct: number;
  invalid_absence_pct: number;
  triggered: string[];
}

export interface ConsultationAttendanceSeed {
  teams: TeamSeed[];
  members: MemberSeed[];
  cases: CaseSeed[];
  attendanceImport: ImportSeed;
  records: RecordSeed[];
  alerts: AlertSeed[];
  thresholds: { organisation_id: string; total: number; invalid: number; person_id: string; assignment_id: string }[];
}

/** The demo's attendance period: the whole previous calendar month. */
export function demoAttendancePeriod(today: string): { start: string; end: string } {
  const first = `${today.slice(0, 7)}-01`;
  const end = addDays(first, -1);
  return { start: `${end.slice(0, 7)}-01`, end };
}

const DEFAULT_THRESHOLDS = { totalAbsencePct: 15, invalidAbsencePct: 5 };
const FURUBO = '0780:school:0';

export function buildConsultationAttendanceData(data: DemoData): ConsultationAttendanceSeed {
  const ctx = seedContext(data);
  const { teams, members, county, ljungby } = consultationTeams(ctx);
  const cases = consultationCases(ctx, county, ljungby);
  const { attendanceImport, records, alerts, thresholds } = attendanceAtFuruboskolan(ctx);
  return { teams, members, cases, attendanceImport, records, alerts, thresholds };
}

/** What the consultation and attendance drafts share: the data, the day, one stream of draws. */
function seedContext(data: DemoData) {
  const today = data.today;
  const rng = new Rng('consultation-attendance');
  const unitByKey = new Map(data.unit.map((u) => [u.key, u]));
  const unit = (key: string) => {
    const u = unitByKey.get(key);
    if (!u) throw new Error(`demo seed: unknown unit ${key}`);
    return u;
  };
  const assignmentRow = (username: string, index = 0) => {
    const a = data.assignment.find((x) => x.id === assignmentOf(username, index));
    if (!a) throw new Error(`demo seed: no assignment ${username}:${index}`);
    return a;
  };
  const stamp = (day: string, hour: number) =>
    `${day}T${String(hour).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:00.000Z`;

  return { data, today, rng, unit, assignmentRow, stamp };
}

type SeedContext = ReturnType<typeof seedContext>;

/** The county's consultation team and Ljungby's, with their members. */
function consultationTeams(ctx: SeedContext) {
  const { data, today, rng, assignmentRow } = ctx;
  const region = data.organisation.find((o) => o.kind === 'region')!;
  const teams: TeamSeed[] = [
    {
      id: demoUuid('consultation-team:county'),
      organisation_id: region.id,
      name: 'Konsultationsteamet Kronoberg',
      municipality_codes: null,
    },
    {
      id: demoUuid('consultation-team:ljungby'),
      organisation_id: data.organisation.find((o) => o.municipality_code === '0781')!.id,
      name: 'Konsultationsteamet Ljungby–Markaryd–Älmhult',
      municipality_codes: ['0781', '0767', '0765'],
    },
  ];
  const [county, ljungby] = teams as [TeamSeed, TeamSeed];
  const members: MemberSeed[] = [];
  const member = (team: TeamSeed, username: string, index = 0) =>
    members.push({
      id: demoUuid(`consultation-member:${team.id}:${username}:${index}`),
      team_id: team.id,
      person_id: personOf(username),
      assignment_id: assignmentRow(username, index).id,
      valid_from: addDays(today, -rng.int(200, 700)),
    });
  member(county, 'malin.ahlgren');
  member(county, 'david.ekstrom');
  member(county, 'jonas.lindgren', 1);
  member(county, 'peter.holmberg');
  member(ljungby, 'fredrik.ask');
  member(ljungby, 'sanna.kvist');
  member(ljungby, 'kristina.lager');

  return { teams, members, county, ljungby };
}

/** Cases without personal data: bands, a municipality, and descriptions written for the demo. */
function consultationCases(ctx: SeedContext, county: TeamSeed, ljungby: TeamSeed): CaseSeed[] {
  const cases: CaseSeed[] = [];
  addCase(
    ctx,
    cases,
    'anna-1',
    'anna.lindqvist',
    county,
    {
      age_band: '10_12',
      school_stage: 'grades_4_6',
      municipality_code: '0780',
      indicators: ['included', 'healthy'],
      description:
        'En elev i mellanstadiet har under hösten dragit sig undan klasskamraterna, äter sällan lunch i matsalen och har flera gånger sagt att hen har ont i magen på morgnarna. Vårdnadshavarna beskriver samma sak hemma men vill avvakta.',
      question:
        'Hur kan vi på skolan gå vidare utan att det blir för stort för familjen? Vilka insatser brukar fungera i det här läget?',
    },
    40,
    {
      text: 'Teamet föreslår ett samtal med elev och vårdnadshavare tillsammans med skolkurator, med fokus på vad som fungerar i skolan. Kartlägg rasterna och lunchen med eleven. Erbjud kontakt med skolsköterskan om magont. Följ upp om fyra veckor; om inget förändras, ta upp ärendet i elevhälsoteamet och överväg samverkan enligt nivå 2.',
      by: ['malin.ahlgren', 0],
      roles: ['school_counsellor', 'school_psychologist', 'social_worker', 'child_psychiatry_clinician'],
    },
  );
  addCase(
    ctx,
    cases,
    'anna-2',
    'anna.lindqvist',
    county,
    {
      age_band: '13_15',
      school_stage: 'grades_7_9',
      municipality_code: '0780',
      indicators: ['achieving', 'active'],
      description:
        'En elev i årskurs 8 har hög frånvaro på förmiddagarna sedan jullovet och sover enligt egen utsago mycket lite. Inga tecken på att hen far illa hemma.',
      question: 'Vilka frågor bör vi ställa för att förstå frånvaron, och när bör vi koppla in fler?',
    },
    6,
    null,
  );
  addCase(
    ctx,
    cases,
    'sara-1',
    'sara.nilsson',
    county,
    {
      age_band: '3_5',
      school_stage: 'preschool',
      municipality_code: '0780',
      indicators: ['nurtured', 'respected'],
      description:
        'Förskolan beskriver ett barn som ofta är hungrigt på måndagar och som har svårt med övergångar. Föräldern har själv sökt stöd kring rutiner.',
      question: 'Vilket föräldraskapsstöd passar, och hur samordnar vi med förskolan?',
    },
    25,
    {
      text: 'Erbjud ett universellt föräldraskapsprogram (till exempel ABC) och en gemensam rutin för övergångar på förskolan. Stäm av med BVC vid nästa besök. Teamet bedömer inte att uppgifterna i sig kräver orosanmälan, men påminner om att den bedömningen görs om om nya uppgifter kommer fram.',
      by: ['jonas.lindgren', 1],
      roles: ['social_services_manager', 'school_counsellor', 'child_psychiatry_clinician'],
    },
  );
  addCase(
    ctx,
    cases,
    'maria-1',
    'maria.holm',
    ljungby,
    {
      age_band: '6_9',
      school_stage: 'grades_1_3',
      municipality_code: '0781',
      indicators: ['achieving', 'included'],
      description:
        'En elev i årskurs 2 har svårt att komma igång med läsningen och blir ofta arg i helklass. Vårdnadshavarna är oroliga och vill ha stöd.',
      question: 'Ska vi börja med en pedagogisk kartläggning eller med elevhälsan?',
    },
    18,
    {
      text: 'Börja med en pedagogisk kartläggning tillsammans med specialpedagog och anpassa undervisningen under tiden. Bjud in vårdnadshavarna till ett möte med rektor. Om inte anpassningarna räcker inom sex veckor: ta ärendet till elevhälsoteamet.',
      by: ['fredrik.ask', 0],
      roles: ['school_counsellor', 'social_worker', 'school_nurse'],
    },
  );
  addCase(
    ctx,
    cases,
    'maria-2',
    'maria.holm',
    ljungby,
    {
      age_band: '10_12',
      school_stage: 'grades_4_6',
      municipality_code: '0781',
      indicators: ['safe'],
      description:
        'En elev har berättat om bråk hemma som gör hen rädd. Klassläraren vill veta hur man pratar vidare med eleven.',
      question: 'Hur bemöter vi eleven, och vad gör vi nu?',
    },
    4,
    {
      text: 'Teamet bedömer att uppgifterna ska anmälas till socialtjänsten nu (orosanmälan), utan att först prata med vårdnadshavarna. Anmälan kräver inte samtycke. Lyssna på eleven utan att ställa ledande frågor och dokumentera det eleven själv sagt.',
      by: ['sanna.kvist', 0],
      roles: ['social_worker', 'school_counsellor', 'school_nurse'],
      mandatory: true,
    },
  );
  return cases;
}

function addCase(
  ctx: SeedContext,
  cases: CaseSeed[],
  key: string,
  author: string,
  team: TeamSeed,
  c: Pick<CaseSeed, 'age_band' | 'school_stage' | 'municipality_code' | 'indicators' | 'description' | 'question'>,
  daysAgo: number,
  advice: { text: string; by: [string, number]; roles: string[]; mandatory?: boolean } | null,
): void {
  const { today, rng, assignmentRow, stamp } = ctx;
  const a = assignmentRow(author);
  const created = addDays(today, -daysAgo);
  const consulted = advice ? addDays(created, rng.int(3, Math.max(3, daysAgo - 1))) : null;
  const consultedOn = consulted && consulted >= today ? addDays(today, -1) : consulted;
  cases.push({
    id: demoUuid(`consultation-case:${key}`),
    team_id: team.id,
    ...c,
    advice: advice?.text ?? null,
    consulted_on: consultedOn,
    participant_roles: advice?.roles ?? [],
    mandatory_report_advised: advice?.mandatory ?? false,
    advised_at: consultedOn ? stamp(consultedOn, 14) : null,
    advised_by_person_id: advice ? personOf(advice.by[0]) : null,
    advised_by_assignment_id: advice ? assignmentRow(advice.by[0], advice.by[1]).id : null,
    author_person_id: a.person_id,
    author_assignment_id: a.id,
    author_organisation_id: a.organisation_id,
    author_unit_id: a.unit_id,
    created_at: stamp(created, 8),
  });
}

/** Last month's attendance at Furuboskolan: the import, the records and the alerts it raised. */
function attendanceAtFuruboskolan(ctx: SeedContext) {
  const { data, today, rng, unit, assignmentRow } = ctx;
  const period = demoAttendancePeriod(today);
  const furubo = unit(FURUBO);
  const perAssignment = assignmentRow('per.sandberg', 0);
  const leads = new Map<string, string>(); // child -> best-interest-lead assignment (active today)
  const teamed = new Set<string>();
  for (const t of data.team_membership) {
    if (t.valid_from > today || (t.valid_to !== null && t.valid_to < today)) continue;
    teamed.add(t.child_id);
    if (t.team_role === 'best_interest_lead') leads.set(t.child_id, t.assignment_id);
  }
  const pupils = data.enrolment
    .filter((e) => e.unit_id === furubo.id && e.valid_from <= period.start)
    .map((e) => e.child_id)
    .sort();
  const perLed = pupils.filter((id) => leads.get(id) === perAssignment.id);
  const unteamed = pupils.filter((id) => !teamed.has(id));
  const high = new Set([...rng.shuffle(perLed).slice(0, 3), ...rng.shuffle(unteamed).slice(0, 1)]);
  const workdays = 21;
  const records: RecordSeed[] = [];
  const alerts: AlertSeed[] = [];
  const withoutReviewer: number[] = [];
  pupils.forEach((childId, i) => {
    const scheduled = workdays * 300;
    let valid: number;
    let invalid: number;
    if (high.has(childId)) {
      // Always over the total threshold (≥ 15 %), sometimes over the invalid one (≥ 5 %) too.
      valid = Math.round((scheduled * rng.int(13, 18)) / 100);
      invalid = Math.round((scheduled * rng.int(2, 7)) / 100);
    } else {
      valid = Math.round((scheduled * rng.int(0, 8)) / 100);
      invalid = Math.round((scheduled * rng.int(0, 2)) / 100);
    }
    const rec: RecordSeed = {
      id: demoUuid(`attendance-record:${childId}:${period.start}`),
      child_id: childId,
      scheduled,
      valid_absence: valid,
      invalid_absence: invalid,
    };
    records.push(rec);
    const ev = evaluateAbsence({ scheduled, validAbsence: valid, invalidAbsence: invalid }, DEFAULT_THRESHOLDS);
    if (ev.triggered.length > 0) {
      alerts.push({
        ...rec,
        id: demoUuid(`attendance-alert:${childId}:${period.start}`),
        record_id: rec.id,
        total_absence_pct: ev.totalAbsencePct ?? 0,
        invalid_absence_pct: ev.invalidAbsencePct ?? 0,
        triggered: ev.triggered,
      });
      if (!leads.has(childId)) withoutReviewer.push(i + 2);
    }
  });
  const importedOn = addDays(
    period.end,
    Math.min(3, Math.max(1, Math.floor((Date.parse(today) - Date.parse(period.end)) / 86_400_000) - 1)),
  );
  const attendanceImport: ImportSeed = {
    id: demoUuid(`attendance-import:${FURUBO}:${period.start}`),
    unit_id: furubo.id,
    file_sha256: createHash('sha256').update(`demo attendance ${FURUBO} ${period.start}`).digest('hex'),
    period_start: period.start,
    period_end: period.end,
    rows_total: pupils.length,
    children: pupils.length,
    alerts_raised: alerts.length,
    alerts_without_reviewer_lines: withoutReviewer,
    imported_by_person_id: perAssignment.person_id,
    imported_by_assignment_id: perAssignment.id,
    imported_at: `${importedOn < today ? importedOn : addDays(today, -1)}T07:30:00.000Z`,
  };

  const ljungbyOrg = data.organisation.find((o) => o.municipality_code === '0781')!;
  const thresholds = [
    {
      organisation_id: ljungbyOrg.id,
      total: 10,
      invalid: 3,
      person_id: personOf('anders.wik'),
      assignment_id: assignmentRow('anders.wik').id,
    },
  ];
  return { attendanceImport, records, alerts, thresholds };
}

/** Writes the demo consultation teams, cases and attendance (one INSERT per table). */
export async function seedConsultationAttendance(tx: Queryable, data: DemoData): Promise<void> {
  const s = buildConsultationAttendanceData(data);
  await insertConsultation(tx, s);
  await insertAttendance(tx, s, data);
}

/** Consultation teams, their members and cases. */
async function insertConsultation(tx: Queryable, s: ConsultationAttendanceSeed): Promise<void> {
  for (const t of s.teams) {
    await tx.query(
      'INSERT INTO consultation_team (id, organisation_id, name, municipality_codes) VALUES ($1, $2, $3, $4::text[])',
      [t.id, t.organisation_id, t.name, t.municipality_codes],
    );
  }
  await tx.query(
    `INSERT INTO consultation_team_member (id, team_id, person_id, assignment_id, valid_from)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::date[])`,
    [
      s.members.map((m) => m.id),
      s.members.map((m) => m.team_id),
      s.members.map((m) => m.person_id),
      s.members.map((m) => m.assignment_id),
      s.members.map((m) => m.valid_from),
    ],
  );
  for (const c of s.cases) {
    await tx.query(
      `INSERT INTO consultation_case (id, team_id, age_band, school_stage, municipality_code, indicators, description, question, advice, consulted_on, participant_roles,
                                      mandatory_report_advised, advised_at, advised_by_person_id, advised_by_assignment_id, author_person_id, author_assignment_id,
                                      author_organisation_id, author_unit_id, version, created_at, updated_at, updated_by_person_id)
       VALUES ($1, $2, $3, $4, $5, $6::text[], $7, $8, $9, $10::date, $11::text[], $12, $13::timestamptz, $14::uuid, $15, $16::uuid, $17, $18, $19,
               CASE WHEN $9::text IS NULL THEN 1 ELSE 2 END, $20::timestamptz, coalesce($13::timestamptz, $20::timestamptz), coalesce($14::uuid, $16::uuid))`,
      [
        c.id,
        c.team_id,
        c.age_band,
        c.school_stage,
        c.municipality_code,
        c.indicators,
        c.description,
        c.question,
        c.advice,
        c.consulted_on,
        c.participant_roles,
        c.mandatory_report_advised,
        c.advised_at,
        c.advised_by_person_id,
        c.advised_by_assignment_id,
        c.author_person_id,
        c.author_assignment_id,
        c.author_organisation_id,
        c.author_unit_id,
        c.created_at,
      ],
    );
  }
}

/** The attendance import with its records and alerts, and Ljungby's own thresholds. */
async function insertAttendance(tx: Queryable, s: ConsultationAttendanceSeed, data: DemoData): Promise<void> {
  const i = s.attendanceImport;
  await tx.query(
    `INSERT INTO attendance_import (id, unit_id, file_sha256, period_start, period_end, measure, rows_total, rows_imported, not_enrolled_lines, children, alerts_raised,
                                    alerts_without_reviewer_lines, total_threshold_pct, invalid_threshold_pct, imported_by_person_id, imported_by_assignment_id, imported_at)
     VALUES ($1, $2, $3, $4::date, $5::date, 'minutes', $6, $6, '{}', $7, $8, $9::int[], $10, $11, $12, $13, $14::timestamptz)`,
    [
      i.id,
      i.unit_id,
      i.file_sha256,
      i.period_start,
      i.period_end,
      i.rows_total,
      i.children,
      i.alerts_raised,
      i.alerts_without_reviewer_lines,
      DEFAULT_THRESHOLDS.totalAbsencePct,
      DEFAULT_THRESHOLDS.invalidAbsencePct,
      i.imported_by_person_id,
      i.imported_by_assignment_id,
      i.imported_at,
    ],
  );
  const r = s.records;
  await tx.query(
    `INSERT INTO attendance_record (id, import_id, child_id, unit_id, period_start, period_end, measure, scheduled, valid_absence, invalid_absence, source_lines)
     SELECT u.id, $1, u.child_id, $2, $3::date, $4::date, 'minutes', u.s, u.v, u.i, 1 FROM unnest($5::uuid[], $6::uuid[], $7::int[], $8::int[], $9::int[]) AS u(id, child_id, s, v, i)`,
    [
      i.id,
      i.unit_id,
      i.period_start,
      i.period_end,
      r.map((x) => x.id),
      r.map((x) => x.child_id),
      r.map((x) => x.scheduled),
      r.map((x) => x.valid_absence),
      r.map((x) => x.invalid_absence),
    ],
  );
  const a = s.alerts;
  await tx.query(
    `INSERT INTO attendance_alert (id, child_id, unit_id, import_id, record_id, period_start, period_end, measure, scheduled, valid_absence, invalid_absence,
                                   total_absence_pct, invalid_absence_pct, total_threshold_pct, invalid_threshold_pct, triggered, review_due, created_at)
     SELECT u.id, u.child_id, $1, $2, u.record_id, $3::date, $4::date, 'minutes', u.s, u.v, u.i, u.tp, u.ip, $5, $6, string_to_array(u.tr, ','), $7::date, $8::timestamptz
       FROM unnest($9::uuid[], $10::uuid[], $11::uuid[], $12::int[], $13::int[], $14::int[], $15::numeric[], $16::numeric[], $17::text[]) AS u(id, child_id, record_id, s, v, i, tp, ip, tr)`,
    [
      // Due in a few days (the demo should show work to do, not a backlog).
      i.unit_id,
      i.id,
      i.period_start,
      i.period_end,
      DEFAULT_THRESHOLDS.totalAbsencePct,
      DEFAULT_THRESHOLDS.invalidAbsencePct,
      addDays(data.today, 4),
      i.imported_at,
      a.map((x) => x.id),
      a.map((x) => x.child_id),
      a.map((x) => x.record_id),
      a.map((x) => x.scheduled),
      a.map((x) => x.valid_absence),
      a.map((x) => x.invalid_absence),
      a.map((x) => x.total_absence_pct),
      a.map((x) => x.invalid_absence_pct),
      a.map((x) => x.triggered.join(',')),
    ],
  );
  for (const t of s.thresholds) {
    await tx.query(
      `INSERT INTO attendance_threshold (organisation_id, total_absence_pct, invalid_absence_pct, version, updated_at, updated_by_person_id, updated_by_assignment_id)
       VALUES ($1, $2, $3, 1, $4::timestamptz, $5, $6)`,
      [
        t.organisation_id,
        t.total,
        t.invalid,
        `${addDays(data.today, -30)}T09:00:00.000Z`,
        t.person_id,
        t.assignment_id,
      ],
    );
  }
}

/**
 * Demo orosanmälningar and log review, so that a newcomer sees both at work:
 * - three reports of concern: anna.lindqvist (teacher, Växjö) from a child's page, acknowledged by
 *   social services in Växjö (sara.nilsson) with feedback that an investigation was opened; one
 *   from scratch by malin.ahlgren (school counsellor) waiting in Växjö's inbox; one by
 *   maria.holm (teacher, Ljungby) waiting in Ljungby's inbox;
 * - a log reviewer: tomas.engstrom gets a second assignment, "Logggranskare" for Växjö kommun;
 * - a few audited accesses by Växjö staff in the past two weeks (late in the evening, off the team,
 *   many children in a short time), marked `demo_seed` in their details, and samples drawn from
 *   them by the reviewer's rules, one of them with a documented outcome.
 *
 * Deterministic ids (stable keys); written inside seedDemo's owner transaction.
 */
import { appendToChain } from '../audit/chain.js';
import type { Queryable } from '../db/client.js';
import { loadLogReviewConfig } from '../modules/logreview/config.js';
import { draw } from '../modules/logreview/repo.js';
import { SAMPLE_KINDS } from '../../contract/logreview.js';
import { addDays, demoUuid } from './random.js';
import type { ChildRow, DemoData } from './seed.js';

const assignmentOf = (username: string, index = 0) => demoUuid(`assignment:${username}:${index}`);
const personOf = (username: string) => demoUuid(`person:${username}`);
export const DEMO_REVIEWER = 'tomas.engstrom';
export const demoReviewerAssignmentId = () => assignmentOf(DEMO_REVIEWER, 1);

/** A moment on a Swedish calendar day (local hour; CET/CEST told apart well enough for a demo). */
function swedishTime(day: string, hour: number, minute: number): Date {
  const month = Number(day.slice(5, 7));
  const offset = month >= 4 && month <= 10 ? 2 : 1;
  return new Date(`${day}T${String(hour - offset).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00Z`);
}

export async function seedReports(
  tx: Queryable,
  data: DemoData,
): Promise<{ reports: number; samples: number; assignments: number }> {
  const today = data.today;
  const teamOf = teamsOf(data);
  const childById = new Map(data.child.map((c) => [c.id, c]));
  const annaKids = teamOf('anna.lindqvist');
  const mariaKids = teamOf('maria.holm');
  const vaxjoChildren = data.child.filter((c) => c.municipality_code === '0780' && !c.protected_identity);
  const annaChild = childById.get(annaKids[0]!)!;
  const scratchChild = vaxjoChildren.find((c) => !annaKids.includes(c.id) && c.id !== annaChild.id)!;
  const mariaChild = childById.get(mariaKids[0]!)!;

  // The log reviewer's assignment (Växjö kommun's administration).
  const adminUnit = data.unit.find((u) => u.key === '0780:admin')!;
  await tx.query(
    `INSERT INTO assignment (id, person_id, organisation_id, unit_id, role, title, valid_from) VALUES ($1, $2, $3, $4, 'log_reviewer', 'Logggranskare (logguppföljning)', $5)`,
    [
      demoReviewerAssignmentId(),
      personOf(DEMO_REVIEWER),
      adminUnit.organisation_id,
      adminUnit.id,
      addDays(today, -400),
    ],
  );

  const reports = demoReports(annaChild, scratchChild, mariaChild);
  for (const r of reports) await insertReport(tx, data, r);
  await seedAuditHistory(tx, today, teamOf, annaKids, vaxjoChildren);
  const samples = await seedLogReviewSamples(tx, today, adminUnit.organisation_id);
  return { reports: reports.length, samples, assignments: 1 };
}

/** The children on a user's current team (the user's index-th assignment). */
function teamsOf(data: DemoData): (username: string, index?: number) => string[] {
  const today = data.today;
  return (username: string, index = 0) =>
    data.team_membership
      .filter(
        (t) =>
          t.assignment_id === assignmentOf(username, index) &&
          (t.valid_to === null || t.valid_to >= today) &&
          t.valid_from <= today,
      )
      .map((t) => t.child_id);
}

/** Three reports of concern: one acknowledged with feedback, one in immediate danger, one new. */
function demoReports(annaChild: ChildRow, scratchChild: ChildRow, mariaChild: ChildRow) {
  return [
    {
      key: 'anna',
      childId: annaChild.id,
      pnr: annaChild.personnummer,
      name: `${annaChild.given_name} ${annaChild.family_name}`,
      muni: annaChild.municipality_code,
      source: 'child_page',
      text: 'Barnet har vid flera tillfällen de senaste veckorna kommit till skolan hungrigt och utan ytterkläder trots kyla. I dag berättade barnet att det inte finns mat hemma och att ingen vuxen varit hemma under helgen.',
      danger: false,
      informed: 'no',
      reporter: 'anna.lindqvist',
      phone: '0470-41 00 00',
      createdDaysAgo: 40,
      ack: { by: 'sara.nilsson', daysAgo: 39 },
      feedback: {
        kind: 'investigation_opened',
        text: 'Tack för anmälan. Vi har inlett en utredning. Vi kan komma att kontakta dig för mer information.',
        daysAgo: 25,
      },
    },
    {
      key: 'malin',
      childId: scratchChild.id,
      pnr: scratchChild.personnummer,
      name: `${scratchChild.given_name} ${scratchChild.family_name}`,
      muni: '0780',
      source: 'from_scratch',
      text: 'Eleven sökte upp mig och berättade om bråk hemma där en vuxen har slagit. Eleven vill inte gå hem i dag.',
      danger: true,
      informed: 'not_appropriate',
      reporter: 'malin.ahlgren',
      phone: null,
      createdDaysAgo: 1,
      ack: null,
      feedback: null,
    },
    {
      key: 'maria',
      childId: mariaChild.id,
      pnr: mariaChild.personnummer,
      name: `${mariaChild.given_name} ${mariaChild.family_name}`,
      muni: mariaChild.municipality_code,
      source: 'child_page',
      text: 'Barnet har stor frånvaro och berättar att det tar hand om sina yngre syskon på dagarna.',
      danger: false,
      informed: 'yes',
      reporter: 'maria.holm',
      phone: null,
      createdDaysAgo: 3,
      ack: null,
      feedback: null,
    },
  ];
}

type DemoReport = ReturnType<typeof demoReports>[number];

async function insertReport(tx: Queryable, data: DemoData, r: DemoReport): Promise<void> {
  const today = data.today;
  const unitOf = (username: string) => data.assignment.find((a) => a.id === assignmentOf(username))!.unit_id;
  const basisFor = (day: string) => (day <= '2025-06-30' ? 'sol_2001_453_14_1' : 'sol_2025_400_anmalan');
  const id = demoUuid(`report:${r.key}`);
  const createdDay = addDays(today, -r.createdDaysAgo);
  await tx.query(
    `INSERT INTO report_of_concern (id, child_id, child_personnummer, child_name, municipality_code, legal_basis_id, source, concern_text, immediate_danger, guardians_informed,
                                    reporter_person_id, reporter_assignment_id, reporter_unit_id, reporter_phone, created_at, acknowledged_at, acknowledged_by_person_id,
                                    acknowledged_by_assignment_id, version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)`,
    [
      id,
      r.childId,
      r.pnr,
      r.name,
      r.muni,
      basisFor(createdDay),
      r.source,
      r.text,
      r.danger,
      r.informed,
      personOf(r.reporter),
      assignmentOf(r.reporter),
      unitOf(r.reporter),
      r.phone,
      swedishTime(createdDay, 10, 12).toISOString(),
      r.ack ? swedishTime(addDays(today, -r.ack.daysAgo), 9, 5).toISOString() : null,
      r.ack ? personOf(r.ack.by) : null,
      r.ack ? assignmentOf(r.ack.by) : null,
      1 + (r.ack ? 1 : 0) + (r.feedback ? 1 : 0),
    ],
  );
  if (r.feedback && r.ack) {
    await tx.query(
      `INSERT INTO report_feedback (id, report_id, kind, text, created_at, created_by_person_id, created_by_assignment_id) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        demoUuid(`report-feedback:${r.key}`),
        id,
        r.feedback.kind,
        r.feedback.text,
        swedishTime(addDays(today, -r.feedback.daysAgo), 14, 30).toISOString(),
        personOf(r.ack.by),
        assignmentOf(r.ack.by),
      ],
    );
  }
}

/** Audited accesses for the log review to find (demo history, marked as such). */
async function seedAuditHistory(
  tx: Queryable,
  today: string,
  teamOf: (username: string, index?: number) => string[],
  annaKids: string[],
  vaxjoChildren: ChildRow[],
): Promise<void> {
  const johanOff = vaxjoChildren.find((c) => !teamOf('johan.falk').includes(c.id))!;
  const demo = { demo_seed: true };
  const ev = (
    username: string,
    childId: string,
    action: 'child.read' | 'concern.list',
    outcome: 'permitted' | 'denied',
  ) => ({
    actorPersonId: personOf(username),
    actorAssignmentId: assignmentOf(username),
    childId,
    action,
    resourceType: 'child' as const,
    resourceId: null,
    outcome,
    requestId: null,
    details: demo,
  });
  const history: { at: Date; events: ReturnType<typeof ev>[] }[] = [
    {
      at: swedishTime(addDays(today, -12), 9, 40),
      events: annaKids.slice(0, 3).map((c) => ev('anna.lindqvist', c, 'child.read', 'permitted')),
    },
    {
      at: swedishTime(addDays(today, -9), 22, 14),
      events: [
        ev('anna.lindqvist', annaKids[0]!, 'child.read', 'permitted'),
        ev('anna.lindqvist', annaKids[0]!, 'concern.list', 'permitted'),
      ],
    },
    { at: swedishTime(addDays(today, -6), 13, 2), events: [ev('johan.falk', johanOff.id, 'child.read', 'denied')] },
    {
      at: swedishTime(addDays(today, -3), 15, 20),
      events: vaxjoChildren
        .slice(0, 24)
        .map((c) =>
          ev(
            'per.sandberg',
            c.id,
            'child.read',
            teamOf('per.sandberg').includes(c.id) || teamOf('per.sandberg', 1).includes(c.id) ? 'permitted' : 'denied',
          ),
        ),
    },
  ];
  for (const h of history) await appendToChain(tx, h.events, h.at);
}

/** Samples of every kind drawn yesterday, one with a documented outcome. */
async function seedLogReviewSamples(tx: Queryable, today: string, organisationId: string): Promise<number> {
  const cfg = loadLogReviewConfig({});
  let samples = 0;
  const drawnAt = swedishTime(addDays(today, -1), 8, 30).toISOString();
  for (const kind of SAMPLE_KINDS) {
    samples += await draw(tx, {
      organisationId: organisationId,
      from: addDays(today, -14),
      to: today,
      kind,
      randomCount: 3,
      cfg,
      drawnBy: { personId: personOf(DEMO_REVIEWER), assignmentId: demoReviewerAssignmentId() },
      now: drawnAt,
    });
  }
  // One documented outcome: the evening access was a teacher preparing a meeting.
  await tx.query(
    `UPDATE log_review_sample SET outcome = 'ok', outcome_note = 'Läraren förberedde ett möte med vårdnadshavare nästa morgon; kontrollerat med rektor.',
            outcome_at = $2, outcome_by_person_id = $3, outcome_by_assignment_id = $4, version = version + 1
      WHERE id = (SELECT id FROM log_review_sample WHERE organisation_id = $1 AND kind = 'out_of_hours' ORDER BY audit_seq LIMIT 1)`,
    [organisationId, drawnAt, personOf(DEMO_REVIEWER), demoReviewerAssignmentId()],
  );
  return samples;
}

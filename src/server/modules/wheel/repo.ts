import type { Queryable } from '../../db/client.js';
import { WHEEL_INDICATORS, normalizeRatings, perspectiveKey, type WheelIndicator } from '../../../core/wheel.js';
import type {
  MyWorldTriangle,
  ResilienceMatrix,
  WheelAssessment,
  WheelAssessmentSummary,
  WheelPerspective,
} from '../../../contract/wheel.js';

/**
 * Parametrised SQL for wellbeing-wheel assessments. Only the wheel service calls these, and only
 * inside readChildData / writeChildData (gate and audit).
 */

interface HeadRow {
  id: string;
  child_id: string;
  assessed_on: string;
  perspective: 'child' | 'guardian' | 'professional';
  guardian_id: string | null;
  guardian_name: string | null;
  guardian_relation: string | null;
  professional_person_id: string | null;
  professional_name: string | null;
  professional_assignment_id: string | null;
  professional_role: string | null;
  professional_title: string | null;
  professional_unit_id: string | null;
  professional_unit_name: string | null;
  professional_org_name: string | null;
  author_person_id: string;
  author_name: string;
  author_assignment_id: string;
  author_title: string | null;
  author_unit_name: string | null;
  owning_unit_id: string | null;
  owning_unit_name: string | null;
  secrecy_domain: string | null;
  secret_from_guardians: boolean | null;
  has_my_world: boolean;
  has_resilience: boolean;
  created_at: string;
  updated_at: string;
  version: number;
}

const HEAD_SELECT = `
  SELECT w.id, w.child_id, w.assessed_on::text AS assessed_on, w.perspective,
         w.guardian_id, g.given_name || ' ' || g.family_name AS guardian_name, cu.relation AS guardian_relation,
         w.professional_person_id, pp.given_name || ' ' || pp.family_name AS professional_name,
         w.professional_assignment_id, pa.role AS professional_role, pa.title AS professional_title,
         w.professional_unit_id, pu.name AS professional_unit_name, po.name AS professional_org_name,
         w.author_person_id, ap.given_name || ' ' || ap.family_name AS author_name,
         w.author_assignment_id, aa.title AS author_title, au.name AS author_unit_name,
         w.owning_unit_id, ou.name AS owning_unit_name, w.secrecy_domain, w.secret_from_guardians,
         w.my_world_triangle IS NOT NULL AS has_my_world, w.resilience_matrix IS NOT NULL AS has_resilience,
         to_char(w.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at,
         to_char(w.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS updated_at,
         w.version`;

const HEAD_FROM = `
    FROM wheel_assessment w
    LEFT JOIN guardian g ON g.id = w.guardian_id
    LEFT JOIN custody cu ON cu.child_id = w.child_id AND cu.guardian_id = w.guardian_id
    LEFT JOIN person pp ON pp.id = w.professional_person_id
    LEFT JOIN assignment pa ON pa.id = w.professional_assignment_id
    LEFT JOIN unit pu ON pu.id = w.professional_unit_id
    LEFT JOIN organisation po ON po.id = pa.organisation_id
    JOIN person ap ON ap.id = w.author_person_id
    JOIN assignment aa ON aa.id = w.author_assignment_id
    LEFT JOIN unit au ON au.id = aa.unit_id
    LEFT JOIN unit ou ON ou.id = w.owning_unit_id`;

function perspectiveOf(r: HeadRow): WheelPerspective {
  if (r.perspective === 'guardian') {
    return {
      kind: 'guardian',
      key: perspectiveKey({ kind: 'guardian', guardianId: r.guardian_id! }),
      guardianId: r.guardian_id!,
      name: r.guardian_name ?? '',
      relation: r.guardian_relation,
    };
  }
  if (r.perspective === 'professional') {
    return {
      kind: 'professional',
      key: perspectiveKey({ kind: 'professional', personId: r.professional_person_id! }),
      personId: r.professional_person_id!,
      name: r.professional_name ?? '',
      assignmentId: r.professional_assignment_id!,
      role: r.professional_role ?? '',
      title: r.professional_title,
      unitId: r.professional_unit_id,
      unitName: r.professional_unit_name,
      organisationName: r.professional_org_name ?? '',
    };
  }
  return { kind: 'child', key: 'child' };
}

function recorderOf(r: HeadRow): WheelAssessmentSummary['recordedBy'] {
  return {
    personId: r.author_person_id,
    name: r.author_name,
    assignmentId: r.author_assignment_id,
    title: r.author_title,
    unitName: r.author_unit_name,
  };
}

const parse = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

/** All of a child's assessments with their ratings, oldest first. */
export async function listAssessments(q: Queryable, childId: string): Promise<WheelAssessmentSummary[]> {
  const r = await q.query<HeadRow & { ratings: unknown }>(
    `${HEAD_SELECT},
         (SELECT json_object_agg(i.indicator, i.rating) FROM wheel_assessment_indicator i WHERE i.assessment_id = w.id) AS ratings
     ${HEAD_FROM}
     WHERE w.child_id = $1
     ORDER BY w.assessed_on, w.created_at, w.id`,
    [childId],
    'wheel.list',
  );
  return r.rows.map((row) => ({
    id: row.id,
    assessedOn: row.assessed_on,
    perspective: perspectiveOf(row),
    ratings: normalizeRatings(parse<Record<string, unknown>>(row.ratings) ?? {}),
    hasMyWorldTriangle: row.has_my_world,
    hasResilienceMatrix: row.has_resilience,
    recordedBy: recorderOf(row),
    secretFromGuardians: row.secret_from_guardians === true,
    createdAt: row.created_at,
    version: Number(row.version),
  }));
}

/** Per assessment of the child: its secrecy domain and whether it is kept from the guardians. */
export async function assessmentSecrecy(
  q: Queryable,
  childId: string,
): Promise<Map<string, { secrecyDomain: string | null; secretFromGuardians: boolean }>> {
  const r = await q.query<{ id: string; secrecy_domain: string | null; secret_from_guardians: boolean }>(
    'SELECT id, secrecy_domain, secret_from_guardians FROM wheel_assessment WHERE child_id = $1',
    [childId],
  );
  return new Map(
    r.rows.map((x) => [x.id, { secrecyDomain: x.secrecy_domain, secretFromGuardians: x.secret_from_guardians }]),
  );
}

/** One assessment of this child, in full; null when there is none with that id for this child. */
export async function getAssessment(
  q: Queryable,
  childId: string,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<WheelAssessment | null> {
  if (opts.lock) {
    // Serialises concurrent changes of one assessment: the second writer sees the new version.
    const locked = await q.query('SELECT 1 FROM wheel_assessment WHERE id = $1 AND child_id = $2 FOR UPDATE', [
      id,
      childId,
    ]);
    if (locked.rows.length === 0) return null;
  }
  const r = await q.query<HeadRow & { indicators: unknown; my_world_triangle: unknown; resilience_matrix: unknown }>(
    `${HEAD_SELECT}, w.my_world_triangle, w.resilience_matrix,
         (SELECT json_agg(json_build_object('indicator', i.indicator, 'whatWorks', i.what_works, 'whatIsHard', i.what_is_hard, 'rating', i.rating))
            FROM wheel_assessment_indicator i WHERE i.assessment_id = w.id) AS indicators
     ${HEAD_FROM}
     WHERE w.id = $1 AND w.child_id = $2`,
    [id, childId],
    'wheel.get',
  );
  const row = r.rows[0];
  if (!row) return null;
  const entries =
    parse<{ indicator: WheelIndicator; whatWorks: string; whatIsHard: string; rating: number | null }[]>(
      row.indicators,
    ) ?? [];
  const byIndicator = new Map(entries.map((e) => [e.indicator, e]));
  return {
    id: row.id,
    childId: row.child_id,
    assessedOn: row.assessed_on,
    perspective: perspectiveOf(row),
    indicators: WHEEL_INDICATORS.map((indicator) => {
      const e = byIndicator.get(indicator);
      return { indicator, whatWorks: e?.whatWorks ?? '', whatIsHard: e?.whatIsHard ?? '', rating: e?.rating ?? null };
    }),
    myWorldTriangle: row.my_world_triangle === null ? null : parse<MyWorldTriangle>(row.my_world_triangle),
    resilienceMatrix: row.resilience_matrix === null ? null : parse<ResilienceMatrix>(row.resilience_matrix),
    recordedBy: recorderOf(row),
    owningUnit: row.owning_unit_id ? { id: row.owning_unit_id, name: row.owning_unit_name ?? '' } : null,
    secrecyDomain: row.secrecy_domain,
    secretFromGuardians: row.secret_from_guardians === true,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: Number(row.version),
  };
}

export interface ChildFacts {
  birthDate: string;
}

export async function childFacts(q: Queryable, childId: string): Promise<ChildFacts | null> {
  const r = await q.query<{ birth_date: string }>('SELECT birth_date::text AS birth_date FROM child WHERE id = $1', [
    childId,
  ]);
  return r.rows[0] ? { birthDate: r.rows[0].birth_date } : null;
}

/** True when the guardian is one of the child's guardians today (custody, care or foster care). */
export async function isGuardianOfChild(
  q: Queryable,
  childId: string,
  guardianId: string,
  today: string,
): Promise<boolean> {
  const r = await q.query(
    'SELECT 1 FROM custody WHERE child_id = $1 AND guardian_id = $2 AND (valid_to IS NULL OR valid_to >= $3::date)',
    [childId, guardianId, today],
  );
  return r.rows.length > 0;
}

export interface ProfessionalFacts {
  personId: string;
  assignmentId: string;
  unitId: string | null;
}

/**
 * An assignment whose holder is, or has been, on this child's team: the professional perspective
 * speaks for someone who actually works with the child.
 */
export async function teamProfessional(
  q: Queryable,
  childId: string,
  assignmentId: string,
): Promise<ProfessionalFacts | null> {
  const r = await q.query<{ person_id: string; unit_id: string | null }>(
    `SELECT a.person_id, a.unit_id FROM assignment a
      WHERE a.id = $2 AND EXISTS (SELECT 1 FROM team_membership t WHERE t.child_id = $1 AND t.assignment_id = a.id)`,
    [childId, assignmentId],
  );
  const row = r.rows[0];
  return row ? { personId: row.person_id, assignmentId, unitId: row.unit_id } : null;
}

export interface IndicatorRow {
  indicator: WheelIndicator;
  whatWorks: string;
  whatIsHard: string;
  rating: number | null;
}

export interface NewAssessmentRow {
  id: string;
  childId: string;
  assessedOn: string;
  perspective: 'child' | 'guardian' | 'professional';
  guardianId: string | null;
  professional: ProfessionalFacts | null;
  authorPersonId: string;
  authorAssignmentId: string;
  owningOrganisationId: string;
  owningUnitId: string | null;
  secrecyDomain: string | null;
  myWorldTriangle: MyWorldTriangle | null;
  resilienceMatrix: ResilienceMatrix | null;
  secretFromGuardians: boolean;
  now: Date;
}

export async function insertAssessment(tx: Queryable, a: NewAssessmentRow, indicators: IndicatorRow[]): Promise<void> {
  await tx.query(
    `INSERT INTO wheel_assessment (id, child_id, assessed_on, perspective, guardian_id, professional_person_id, professional_assignment_id,
       professional_unit_id, author_person_id, author_assignment_id, owning_organisation_id, owning_unit_id, secrecy_domain,
       my_world_triangle, resilience_matrix, version, created_at, updated_at, updated_by_person_id, secret_from_guardians)
     VALUES ($1, $2, $3::date, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::jsonb, $15::jsonb, 1, $16, $16, $9, $17)`,
    [
      a.id,
      a.childId,
      a.assessedOn,
      a.perspective,
      a.guardianId,
      a.professional?.personId ?? null,
      a.professional?.assignmentId ?? null,
      a.professional?.unitId ?? null,
      a.authorPersonId,
      a.authorAssignmentId,
      a.owningOrganisationId,
      a.owningUnitId,
      a.secrecyDomain,
      a.myWorldTriangle === null ? null : JSON.stringify(a.myWorldTriangle),
      a.resilienceMatrix === null ? null : JSON.stringify(a.resilienceMatrix),
      a.now.toISOString(),
      a.secretFromGuardians,
    ],
  );
  await writeIndicators(tx, a.id, indicators, 'insert');
}

async function writeIndicators(
  tx: Queryable,
  assessmentId: string,
  rows: IndicatorRow[],
  mode: 'insert' | 'update',
): Promise<void> {
  if (rows.length === 0) return;
  const params = [
    assessmentId,
    rows.map((r) => r.indicator),
    rows.map((r) => r.whatWorks),
    rows.map((r) => r.whatIsHard),
    rows.map((r) => r.rating),
  ];
  if (mode === 'insert') {
    await tx.query(
      `INSERT INTO wheel_assessment_indicator (assessment_id, indicator, what_works, what_is_hard, rating)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::smallint[])`,
      params,
    );
  } else {
    await tx.query(
      `UPDATE wheel_assessment_indicator i SET what_works = u.what_works, what_is_hard = u.what_is_hard, rating = u.rating
         FROM unnest($2::text[], $3::text[], $4::text[], $5::smallint[]) AS u(indicator, what_works, what_is_hard, rating)
        WHERE i.assessment_id = $1 AND i.indicator = u.indicator`,
      params,
    );
  }
}

export interface AssessmentChange {
  assessedOn: string;
  perspective: 'child' | 'guardian' | 'professional';
  guardianId: string | null;
  professional: ProfessionalFacts | null;
  myWorldTriangle: MyWorldTriangle | null;
  resilienceMatrix: ResilienceMatrix | null;
  changedIndicators: IndicatorRow[];
  secretFromGuardians: boolean;
  updatedBy: string;
  now: Date;
}

/** Applies a change to the version the caller checked; false if someone else got there first. */
export async function updateAssessment(
  tx: Queryable,
  childId: string,
  id: string,
  expectedVersion: number,
  c: AssessmentChange,
): Promise<boolean> {
  const r = await tx.query(
    `UPDATE wheel_assessment SET assessed_on = $4::date, perspective = $5, guardian_id = $6, professional_person_id = $7,
            professional_assignment_id = $8, professional_unit_id = $9, my_world_triangle = $10::jsonb, resilience_matrix = $11::jsonb,
            version = version + 1, updated_at = $12, updated_by_person_id = $13, secret_from_guardians = $14
      WHERE id = $1 AND child_id = $2 AND version = $3`,
    [
      id,
      childId,
      expectedVersion,
      c.assessedOn,
      c.perspective,
      c.guardianId,
      c.professional?.personId ?? null,
      c.professional?.assignmentId ?? null,
      c.professional?.unitId ?? null,
      c.myWorldTriangle === null ? null : JSON.stringify(c.myWorldTriangle),
      c.resilienceMatrix === null ? null : JSON.stringify(c.resilienceMatrix),
      c.now.toISOString(),
      c.updatedBy,
      c.secretFromGuardians,
    ],
  );
  if (r.rowCount !== 1) return false;
  await writeIndicators(tx, id, c.changedIndicators, 'update');
  return true;
}

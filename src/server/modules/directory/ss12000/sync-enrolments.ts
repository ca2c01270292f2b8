import { endLinks, Planned } from '../planned.js';
import { gradeOf } from './mapping.js';
import { contentHash, endRows, type Column } from '../store.js';
import type { Ss12000Person } from './schema.js';
import type { SyncContext } from './sync-context.js';

/**
 * A pupil's enrolments (a preschool child's placements are enrolments at the preschool unit) and
 * guardianships, from the person record. An enrolment or guardianship the pupil's record no longer
 * has ends yesterday; a cancelled enrolment is one the record no longer has. A pupil record without
 * `responsibles` (Skolverket's reference leaves the field out) leaves the guardianships as they are.
 */

interface EnrolmentRow {
  id: string;
  child_id: string;
  unit_id: string;
  grade: string | null;
  school_type: string | null;
  valid_from: string;
  valid_to: string | null;
}

const ENROLMENT_COLUMNS: Column<EnrolmentRow>[] = [
  { name: 'child_id', type: 'uuid', value: (r) => r.child_id },
  { name: 'unit_id', type: 'uuid', value: (r) => r.unit_id },
  { name: 'grade', type: 'text', value: (r) => r.grade },
  { name: 'school_type', type: 'text', value: (r) => r.school_type },
  { name: 'valid_from', type: 'date', value: (r) => r.valid_from },
  { name: 'valid_to', type: 'date', value: (r) => r.valid_to },
];

/** Open links of `entity` grouped by the pupil part of their external id (`pupil|…`). */
function openByPupil(c: SyncContext, entity: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const [externalId] of c.links.open(entity)) {
    const pupil = externalId.slice(0, externalId.indexOf('|'));
    const list = map.get(pupil);
    if (list) list.push(externalId);
    else map.set(pupil, [externalId]);
  }
  return map;
}

export async function syncEnrolments(c: SyncContext, pupils: Ss12000Person[]): Promise<void> {
  const before = openByPupil(c, 'enrolment');
  const planned = new Planned<EnrolmentRow>(c.links, c.tally, 'enrolment', 'enrolments', c.newId);
  const gone: string[] = [];
  for (const p of pupils) {
    const childId = c.children.get(p.id);
    if (!childId) continue;
    const seen = new Set<string>();
    for (const e of p.enrolments ?? []) {
      if (e.cancelled) continue;
      const externalId = `${p.id}|${e.enroledAt.id}|${e.startDate ?? ''}`;
      const unit = c.links.get('unit', e.enroledAt.id);
      if (!unit) {
        c.tally.reject('enrolments', externalId, 'unknown_unit');
        continue;
      }
      if (seen.has(externalId)) continue;
      seen.add(externalId);
      const row = {
        child_id: childId,
        unit_id: unit.localId,
        grade: gradeOf(e.schoolType, e.schoolYear),
        school_type: e.schoolType ?? null,
        valid_from: e.startDate ?? c.today,
        valid_to: e.endDate ?? null,
      };
      planned.plan(externalId, { ...row, valid_from: e.startDate ?? null }, (id) => ({ id, ...row }));
    }
    for (const old of before.get(p.id) ?? []) if (!seen.has(old)) gone.push(old);
  }
  c.tally.touch('enrolments');
  await planned.write(c.tx, 'enrolment', ENROLMENT_COLUMNS);
  await endEnrolments(c, gone);
}

export async function endEnrolments(c: SyncContext, externalIds: string[]): Promise<void> {
  const ids = endLinks(c.links, 'enrolment', externalIds, c.yesterday);
  c.tally.count('enrolments', 'ended', await endRows(c.tx, 'enrolment', ids, c.yesterday));
}

/** Enrolments and guardianships of pupils removed at the source. */
export async function endPupils(c: SyncContext, pupilIds: readonly string[]): Promise<void> {
  const enrolments = openByPupil(c, 'enrolment');
  const guardianships = openByPupil(c, 'guardianship');
  await endEnrolments(
    c,
    pupilIds.flatMap((p) => enrolments.get(p) ?? []),
  );
  await endGuardianships(
    c,
    pupilIds.flatMap((p) => guardianships.get(p) ?? []),
  );
}

/** Custody rows keyed `pupil|guardian` (the link's local id is the guardian, the child is the pupil's). */
export async function syncGuardianships(c: SyncContext, pupils: Ss12000Person[]): Promise<void> {
  const before = openByPupil(c, 'guardianship');
  const rows: { childId: string; guardianId: string; relation: string; custody: boolean; isNew: boolean }[] = [];
  const gone: string[] = [];
  for (const p of pupils) {
    const childId = c.children.get(p.id);
    if (!childId || p.responsibles === undefined) continue;
    const seen = new Set<string>();
    for (const r of p.responsibles) {
      const externalId = `${p.id}|${r.person.id}`;
      const guardianId = c.guardians.get(r.person.id) ?? c.links.get('guardian', r.person.id)?.localId;
      if (!guardianId) {
        c.tally.reject('guardianships', externalId, 'unknown_person');
        continue;
      }
      if (seen.has(externalId)) continue;
      seen.add(externalId);
      const custody = (r.relationType ?? '').trim().toLowerCase() === 'vårdnadshavare';
      const value = { childId, guardianId, relation: custody ? 'parent' : 'other', custody };
      const hash = contentHash(value);
      const link = c.links.get('guardianship', externalId);
      if (link && link.hash === hash && link.endedOn === null) continue;
      rows.push({ ...value, isNew: !link });
      c.tally.count('guardianships', link ? 'updated' : 'created');
      c.links.set('guardianship', externalId, { localId: guardianId, hash, endedOn: null });
    }
    for (const old of before.get(p.id) ?? []) if (!seen.has(old)) gone.push(old);
  }
  c.tally.touch('guardianships');
  if (rows.length > 0) {
    await c.tx.query(
      `INSERT INTO custody (child_id, guardian_id, relation, has_custody, valid_from, valid_to)
       SELECT v.child_id, v.guardian_id, v.relation, v.has_custody, $5::date, NULL
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::boolean[]) AS v(child_id, guardian_id, relation, has_custody)
       ON CONFLICT (child_id, guardian_id) DO UPDATE
         SET relation = EXCLUDED.relation, has_custody = EXCLUDED.has_custody, valid_to = NULL`,
      [
        rows.map((r) => r.childId),
        rows.map((r) => r.guardianId),
        rows.map((r) => r.relation),
        rows.map((r) => r.custody),
        c.today,
      ],
    );
  }
  await endGuardianships(c, gone);
}

export async function endGuardianships(c: SyncContext, externalIds: string[]): Promise<void> {
  const pairs: { childId: string; guardianId: string }[] = [];
  for (const externalId of externalIds) {
    const link = c.links.get('guardianship', externalId);
    const childId = c.links.get('child', externalId.slice(0, externalId.indexOf('|')))?.localId;
    if (!link || link.endedOn !== null || !childId) continue;
    c.links.set('guardianship', externalId, { ...link, endedOn: c.yesterday });
    pairs.push({ childId, guardianId: link.localId });
  }
  if (pairs.length === 0) return;
  const r = await c.tx.query(
    `UPDATE custody t SET valid_to = GREATEST($3::date, t.valid_from - 1)
       FROM unnest($1::uuid[], $2::uuid[]) AS v(child_id, guardian_id)
      WHERE t.child_id = v.child_id AND t.guardian_id = v.guardian_id AND (t.valid_to IS NULL OR t.valid_to > $3::date)`,
    [pairs.map((p) => p.childId), pairs.map((p) => p.guardianId), c.yesterday],
  );
  c.tally.count('guardianships', 'ended', r.rowCount);
}

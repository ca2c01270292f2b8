import { endLinks, Planned } from '../planned.js';
import { endRows, insertRows, type Column } from '../store.js';
import { dutyRoleOf, type SchoolUnitKind } from './mapping.js';
import type { Ss12000Duty, Ss12000Group } from './schema.js';
import type { SyncContext } from './sync-context.js';
import { studentHealthUnit } from './sync-units.js';

/**
 * Groups (class groups and others, with their pupils) and duties (an assignment: a role at a unit
 * from–to, with the groups the person is mentor or teacher of). A group's pupils and a duty's
 * groups are the source's current statement and are replaced when the record changes; who was on
 * a child's team and when stays in the team's history.
 */

interface GroupRow {
  id: string;
  unit_id: string;
  name: string;
  group_type: string;
  valid_from: string | null;
  valid_to: string | null;
}

interface AssignmentRow {
  id: string;
  person_id: string;
  organisation_id: string;
  unit_id: string;
  role: string;
  title: string;
  valid_from: string;
  valid_to: string | null;
}

const GROUP_COLUMNS: Column<GroupRow>[] = [
  { name: 'unit_id', type: 'uuid', value: (r) => r.unit_id },
  { name: 'name', type: 'text', value: (r) => r.name },
  { name: 'group_type', type: 'text', value: (r) => r.group_type },
  { name: 'valid_from', type: 'date', value: (r) => r.valid_from },
  { name: 'valid_to', type: 'date', value: (r) => r.valid_to },
];

const ASSIGNMENT_COLUMNS: Column<AssignmentRow>[] = [
  { name: 'person_id', type: 'uuid', value: (r) => r.person_id },
  { name: 'organisation_id', type: 'uuid', value: (r) => r.organisation_id },
  { name: 'unit_id', type: 'uuid', value: (r) => r.unit_id },
  { name: 'role', type: 'text', value: (r) => r.role },
  { name: 'title', type: 'text', value: (r) => r.title },
  { name: 'valid_from', type: 'date', value: (r) => r.valid_from },
  { name: 'valid_to', type: 'date', value: (r) => r.valid_to },
];

interface Member {
  groupId: string;
  childId: string;
  from: string | null;
  to: string | null;
}

export async function syncGroups(c: SyncContext, groups: Ss12000Group[]): Promise<void> {
  const planned = new Planned<GroupRow>(c.links, c.tally, 'group', 'groups', c.newId);
  const members: Member[] = [];
  for (const g of groups) {
    const unit = c.links.get('unit', g.organisation.id);
    if (!unit) {
      c.tally.reject('groups', g.id, 'unknown_unit');
      continue;
    }
    const row = {
      unit_id: unit.localId,
      name: g.displayName ?? g.groupType,
      group_type: g.groupType,
      valid_from: g.startDate ?? null,
      valid_to: g.endDate ?? null,
    };
    const before = planned.updates.length + planned.inserts.length;
    const groupId = planned.plan(g.id, { row, members: g.groupMemberships ?? [] }, (id) => ({ id, ...row }));
    if (planned.updates.length + planned.inserts.length === before) continue;
    const seen = new Set<string>();
    for (const m of g.groupMemberships ?? []) {
      const childId = c.children.get(m.person.id) ?? c.links.get('child', m.person.id)?.localId;
      if (!childId || seen.has(childId)) continue;
      seen.add(childId);
      members.push({ groupId, childId, from: m.startDate ?? null, to: m.endDate ?? null });
    }
  }
  c.tally.touch('groups');
  await planned.write(c.tx, 'pupil_group', GROUP_COLUMNS);
  const changed = planned.updates.map((g) => g.id);
  if (changed.length > 0)
    await c.tx.query('DELETE FROM pupil_group_member WHERE group_id = ANY($1::uuid[])', [changed]);
  await insertRows(
    c.tx,
    'pupil_group_member',
    [
      { name: 'group_id', type: 'uuid', value: (m: Member) => m.groupId },
      { name: 'child_id', type: 'uuid', value: (m) => m.childId },
      { name: 'valid_from', type: 'date', value: (m) => m.from },
      { name: 'valid_to', type: 'date', value: (m) => m.to },
    ],
    members,
  );
}

export async function endGroups(c: SyncContext, externalIds: readonly string[]): Promise<void> {
  const ids = endLinks(c.links, 'group', externalIds, c.yesterday);
  if (ids.length === 0) return;
  const r = await c.tx.query(
    `UPDATE pupil_group SET valid_to = $2::date WHERE id = ANY($1::uuid[]) AND (valid_to IS NULL OR valid_to > $2::date)`,
    [ids, c.yesterday],
  );
  c.tally.count('groups', 'ended', r.rowCount);
}

interface GroupStaff {
  groupId: string;
  assignmentId: string;
  role: 'mentor' | 'teacher';
  from: string | null;
  to: string | null;
}

export async function syncDuties(c: SyncContext, duties: Ss12000Duty[]): Promise<void> {
  const planned = new Planned<AssignmentRow>(c.links, c.tally, 'duty', 'duties', c.newId);
  const staffOfGroups: GroupStaff[] = [];
  for (const d of duties) {
    const row = assignmentOf(c, d);
    if (!row) continue;
    const before = planned.updates.length + planned.inserts.length;
    // Hashed from what the source said: a missing start date read as today must not change daily.
    const hashed = { row: { ...row, valid_from: d.startDate ?? null }, groups: d.assignmentRole ?? [] };
    const id = planned.plan(d.id, hashed, (id) => ({ id, ...row }));
    if (planned.updates.length + planned.inserts.length === before) continue;
    const seen = new Set<string>();
    for (const a of d.assignmentRole ?? []) {
      const group = c.links.get('group', a.group.id);
      if (!group || seen.has(group.localId)) continue;
      seen.add(group.localId);
      const role = a.assignmentRoleType.trim().toLowerCase() === 'mentor' ? 'mentor' : 'teacher';
      staffOfGroups.push({
        groupId: group.localId,
        assignmentId: id,
        role,
        from: a.startDate ?? null,
        to: a.endDate ?? null,
      });
    }
  }
  c.tally.touch('duties');
  await planned.write(c.tx, 'assignment', ASSIGNMENT_COLUMNS);
  const changed = planned.updates.map((a) => a.id);
  if (changed.length > 0)
    await c.tx.query('DELETE FROM pupil_group_staff WHERE assignment_id = ANY($1::uuid[])', [changed]);
  await insertRows(
    c.tx,
    'pupil_group_staff',
    [
      { name: 'group_id', type: 'uuid', value: (s: GroupStaff) => s.groupId },
      { name: 'assignment_id', type: 'uuid', value: (s) => s.assignmentId },
      { name: 'staff_role', type: 'text', value: (s) => s.role },
      { name: 'valid_from', type: 'date', value: (s) => s.from },
      { name: 'valid_to', type: 'date', value: (s) => s.to },
    ],
    staffOfGroups,
  );
}

/** The assignment a duty makes, or null (rejected with its reason). */
function assignmentOf(c: SyncContext, d: Ss12000Duty): Omit<AssignmentRow, 'id'> | null {
  const personId = c.staff.get(d.person.id) ?? c.links.get('staff', d.person.id)?.localId;
  if (!personId) {
    c.tally.reject('duties', d.id, 'unknown_person');
    return null;
  }
  const school = c.links.get('unit', d.dutyAt.id);
  const unit = school ? c.units.get(school.localId) : undefined;
  if (!school || !unit) {
    c.tally.reject('duties', d.id, 'unknown_unit');
    return null;
  }
  const mapped = dutyRoleOf(d.dutyRole, unit.kind as SchoolUnitKind);
  if (!mapped.ok) {
    c.tally.reject('duties', d.id, mapped.reason);
    return null;
  }
  const unitId =
    mapped.value.place === 'school' ? school.localId : studentHealthUnit(c, d.dutyAt.id, mapped.value.place);
  if (!unitId) {
    c.tally.reject('duties', d.id, 'unsupported_duty_role');
    return null;
  }
  return {
    person_id: personId,
    organisation_id: unit.organisationId,
    unit_id: unitId,
    role: mapped.value.role,
    title: d.dutyRole,
    valid_from: d.startDate ?? c.today,
    valid_to: d.endDate ?? null,
  };
}

export async function endDuties(c: SyncContext, externalIds: readonly string[]): Promise<void> {
  const ids = endLinks(c.links, 'duty', externalIds, c.yesterday);
  c.tally.count('duties', 'ended', await endRows(c.tx, 'assignment', ids, c.yesterday));
}

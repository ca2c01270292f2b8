import { randomUUID } from 'node:crypto';
import { AppError } from '../../../core/errors.js';
import { readChildData, writeChildData } from '../../access/child-data.js';
import { PlanServiceBase } from './plan-service-base.js';
import type { AuditDetails } from '../../access/audit-events.js';
import { MissingResource, StaleVersion } from '../../access/write-outcomes.js';
import type { AppContext } from '../../context.js';
import type { Queryable } from '../../db/client.js';
import { appendChronologyEntry } from '../chronology/service.js';
import * as mrepo from './meetings-repo.js';
import type {
  InviteeChoice,
  Meeting,
  MeetingCreateRequest,
  MeetingDecisionCreateRequest,
  MeetingDecisionResult,
  MeetingList,
  MeetingPatchRequest,
} from '../../../contract/plan/index.js';
import * as repo from './repo.js';
import type { PlanAction } from '../../../contract/plan/index.js';
import {
  checkActionLinks,
  checkLevelThreeAction,
  closedPlan,
  invalid,
  lockActivePlanOrRefuse,
  missingPlan,
  planVisible,
  visiblePlanOf,
  resolveResponsible,
} from './plan-rules.js';
import type { RequestScope } from '../../access/request-scope.js';

const cancelledMeeting = () =>
  new AppError('conflict', 'The meeting is cancelled and can no longer be changed. Plan a new meeting instead.', {
    reason: 'meeting_cancelled',
  });
const closedPlanDecision = () =>
  new AppError(
    'conflict',
    'The plan is closed: a decision in the meeting cannot change it. Reopen the plan first if the decision should change it.',
    { reason: 'plan_closed' },
  );
const actionChangedSince = (actionId: string, version: number) =>
  new AppError(
    'conflict',
    `The action has been changed since the decision was prepared (it is now at version ${version}). Look at the action again, then record the decision.`,
    {
      reason: 'action_changed',
      actionId,
      currentVersion: version,
    },
  );
const blankToNull = (v: string | null | undefined) =>
  v === undefined || v === null || v.trim() === '' ? null : v.trim();

/**
 * Network meetings on the child's plan (Meet): invitation list, agenda, attendance, notes written
 * in the meeting, and decisions that create or change actions in the plan in the same transaction.
 * Every method goes through the child-data choke point; a write is one transaction with its audit
 * row and holds the plan's row lock first (the plan-first lock order of every plan write).
 */
export class MeetingService extends PlanServiceBase {
  constructor(ctx: AppContext) {
    super(ctx, 'plan_meeting');
  }

  /**
   * The meetings of the current plan (the active plan, else the latest closed one), or of the
   * child's plan `planId` (an earlier one); null (→ 404) when that plan is not the child's or not
   * one the actor may see.
   */
  async list(scope: RequestScope, childId: string, planId?: string): Promise<MeetingList> {
    return readChildData(
      this.call(scope, childId, { action: 'plan_meeting.list', ...(planId ? { resourceId: planId } : {}) }),
      async (q, _today, c) => {
        const plan = await visiblePlanOf(q, childId, planId, c);
        if (plan === undefined) return null;
        return {
          planId: plan?.id ?? null,
          planStatus: plan?.status ?? null,
          meetings: plan ? await mrepo.loadMeetings(q, plan.id) : [],
        };
      },
    );
  }

  async get(
    scope: RequestScope,
    childId: string,
    meetingId: string,
    details?: AuditDetails<'plan_meeting.read'>,
  ): Promise<Meeting> {
    return readChildData(
      this.call(scope, childId, {
        action: 'plan_meeting.read',
        resourceId: meetingId,
        ...(details ? { details } : {}),
      }),
      async (q, _today, c) => {
        const m = await mrepo.loadMeeting(q, childId, meetingId);
        return m && (await planVisible(q, m.planId, c)) ? m : null;
      },
    );
  }

  async create(scope: RequestScope, childId: string, input: MeetingCreateRequest): Promise<Meeting> {
    return writeChildData(this.call(scope, childId, { action: 'plan_meeting.create' }), async (tx, today, c) => {
      const plan = await lockActivePlanOrRefuse(tx, childId);
      if (!(await planVisible(tx, plan.id, c))) throw missingPlan();
      const place = blankToNull(input.place);
      checkWhereAndWhen({
        place,
        digital: input.digital,
        startTime: input.startTime,
        endTime: input.endTime ?? null,
      });
      const invitees = await resolveInvitees(tx, childId, input.invitees, today);
      const id = randomUUID();
      await mrepo.insertMeeting(
        tx,
        {
          id,
          planId: plan.id,
          childId,
          date: input.date,
          startTime: input.startTime,
          endTime: input.endTime ?? null,
          place,
          digital: input.digital,
          purpose: input.purpose,
          agenda: input.agenda,
        },
        this.by(scope),
      );
      await mrepo.replaceInvitees(tx, id, invitees);
      return { result: await mustMeeting(tx, childId, id), resourceId: id };
    });
  }

  /**
   * Changes the meeting: when, where, purpose, agenda, invitation list and attendance, notes, status.
   * planned → held (not before the meeting's day; adds a chronology entry) or cancelled. A held
   * meeting keeps its notes and attendance open for corrections; a cancelled one is closed.
   */
  async update(
    scope: RequestScope,
    childId: string,
    meetingId: string,
    ifMatch: number,
    input: MeetingPatchRequest,
  ): Promise<Meeting> {
    const { actor } = scope;
    const details: AuditDetails<'plan_meeting.update'> = {};
    return writeChildData(
      this.call(scope, childId, {
        action: 'plan_meeting.update',
        resourceId: meetingId,
        current: this.currentVersion(scope, childId, meetingId),
      }),
      async (tx, today, c) => {
        const locked = await mrepo.lockMeeting(tx, childId, meetingId);
        if (!locked || !(await planVisible(tx, locked.planId, c))) throw new MissingResource();
        if (locked.version !== ifMatch) throw new StaleVersion();
        if (locked.planStatus !== 'active') throw closedPlan();
        if (locked.status === 'cancelled') throw cancelledMeeting();
        const current = await mustMeeting(tx, childId, meetingId);
        const changes: Record<string, unknown> = {};
        for (const k of [
          'date',
          'startTime',
          'endTime',
          'digital',
          'purpose',
          'agenda',
          'notes',
          'cancelledReason',
        ] as const) {
          if (input[k] !== undefined)
            changes[k] = k === 'notes' || k === 'cancelledReason' ? blankToNull(input[k] as string | null) : input[k];
        }
        if (input.place !== undefined) changes.place = blankToNull(input.place);
        checkWhereAndWhen({
          place: input.place !== undefined ? blankToNull(input.place) : current.place,
          digital: input.digital ?? current.digital,
          startTime: input.startTime ?? current.startTime,
          endTime: input.endTime !== undefined ? input.endTime : current.endTime,
        });
        if (input.status !== undefined && input.status !== locked.status) {
          if (locked.status === 'held')
            throw new AppError(
              'conflict',
              'The meeting has been held; its status no longer changes (its notes and attendance can still be corrected).',
              { reason: 'meeting_held' },
            );
          const date = (changes.date as string | undefined) ?? locked.date;
          if (input.status === 'held' && date > today)
            throw invalid('status', `A meeting cannot be marked as held before its day (${date}).`);
          if (input.status === 'planned') throw invalid('status', 'A meeting goes from planned to held or cancelled.');
          changes.status = input.status;
          details.statusBefore = locked.status;
          details.statusAfter = input.status;
        }
        if (input.invitees !== undefined)
          await mrepo.replaceInvitees(tx, meetingId, await resolveInvitees(tx, childId, input.invitees, today));
        if (!(await mrepo.updateMeeting(tx, meetingId, ifMatch, changes, this.by(scope)))) throw new StaleVersion();
        if (changes.status === 'held') {
          await appendChronologyEntry(tx, {
            childId,
            kind: 'plan_meeting_held',
            eventDate: (changes.date as string | undefined) ?? locked.date,
            significance: 'medium',
            text: (changes.purpose as string | undefined) ?? current.purpose,
            actor,
            createdAt: scope.now.toISOString(),
          });
        }
        return { result: await mustMeeting(tx, childId, meetingId), resourceId: meetingId, details };
      },
    );
  }

  /**
   * Records a decision taken in the meeting. With `action`, it creates a new action in the plan or
   * changes an existing one (status, due date, responsible) in the same transaction, under the same
   * rules as changing the plan directly (level 3: a responsible person and a due date). A decision
   * is part of the meeting: it needs the meeting's If-Match and moves its version on.
   */
  async decide(
    scope: RequestScope,
    childId: string,
    meetingId: string,
    ifMatch: number,
    input: MeetingDecisionCreateRequest,
  ): Promise<MeetingDecisionResult> {
    return writeChildData(
      this.call(scope, childId, {
        action: 'plan_meeting.decide',
        resourceId: meetingId,
        current: this.currentVersion(scope, childId, meetingId),
      }),
      async (tx, today, c) => {
        const locked = await mrepo.lockMeeting(tx, childId, meetingId);
        if (!locked || !(await planVisible(tx, locked.planId, c))) throw new MissingResource();
        if (locked.planStatus !== 'active') throw closedPlanDecision();
        if (locked.version !== ifMatch) throw new StaleVersion();
        if (locked.status === 'cancelled') throw cancelledMeeting();
        const by = this.by(scope);
        let effect: 'none' | 'action_created' | 'action_changed' = 'none';
        let actionId: string | null = null;
        let actionChange: Record<string, unknown> | null = null;
        const a = input.action;
        if (a?.kind === 'create') {
          const responsible = await resolveResponsible(tx, childId, a.responsible ?? null, today);
          const dueDate = a.dueDate ?? null;
          if (dueDate && dueDate < today)
            throw invalid('action.dueDate', `The due date of a new action cannot be in the past (today is ${today}).`);
          await checkActionLinks(tx, locked.planId, { goalId: a.goalId ?? null, serviceId: a.serviceId ?? null });
          if (locked.planLevel === 3) checkLevelThreeAction(a.what, responsible.responsibleKind, dueDate, 'planned');
          actionId = randomUUID();
          await repo.insertAction(
            tx,
            {
              id: actionId,
              planId: locked.planId,
              what: a.what,
              goalId: a.goalId ?? null,
              serviceId: a.serviceId ?? null,
              dueDate,
              status: 'planned',
              ...responsible,
            },
            by,
          );
          effect = 'action_created';
        } else if (a?.kind === 'change') {
          const current = (await repo.loadItem(tx, 'plan_action', childId, a.actionId, today)) as PlanAction | null;
          if (!current || !(await actionInPlan(tx, a.actionId, locked.planId)))
            throw invalid('action.actionId', 'That action is not in this plan.');
          // The decision was taken on the action as the meeting saw it: a change since then is not overwritten.
          if (current.version !== a.actionVersion) throw actionChangedSince(a.actionId, current.version);
          const changes: Record<string, unknown> = {};
          actionChange = {};
          let responsibleKind = current.responsible?.kind ?? null;
          if (a.responsible !== undefined) {
            const r = await resolveResponsible(tx, childId, a.responsible, today);
            Object.assign(changes, r);
            responsibleKind = r.responsibleKind;
            actionChange.responsible = await responsibleWords(tx, r);
          }
          const status = a.status ?? current.status;
          if (a.status !== undefined) {
            changes.status = a.status;
            actionChange.status = a.status;
          }
          const dueDate = a.dueDate !== undefined ? a.dueDate : current.dueDate;
          if (a.dueDate !== undefined) {
            if (
              a.dueDate &&
              a.dueDate !== current.dueDate &&
              a.dueDate < today &&
              (status === 'planned' || status === 'in_progress')
            ) {
              throw invalid(
                'action.dueDate',
                `The due date of an open action cannot be in the past (today is ${today}).`,
              );
            }
            changes.dueDate = a.dueDate;
            actionChange.dueDate = a.dueDate;
          }
          if (locked.planLevel === 3) checkLevelThreeAction(current.what, responsibleKind, dueDate, status);
          if (!(await repo.updateVersioned(tx, 'plan_action', a.actionId, current.version, changes, by)))
            throw new Error('action changed under its plan lock');
          actionId = a.actionId;
          effect = 'action_changed';
        }
        const decisionId = randomUUID();
        await mrepo.insertDecision(
          tx,
          { id: decisionId, meetingId, planId: locked.planId, text: input.text, effect, actionId, actionChange },
          by,
        );
        if (!(await mrepo.updateMeeting(tx, meetingId, ifMatch, {}, by))) throw new StaleVersion();
        const meeting = await mustMeeting(tx, childId, meetingId);
        const decision = meeting.decisions.find((d) => d.id === decisionId)!;
        const action = actionId
          ? ((await repo.loadItem(tx, 'plan_action', childId, actionId, today)) as PlanAction)
          : null;
        return { result: { meeting, decision, action }, resourceId: meetingId, details: { effect } };
      },
    );
  }

  /** A stale If-Match answers 412 with the current meeting, read through the gate and audited. */
  private currentVersion(scope: RequestScope, childId: string, meetingId: string) {
    return () => this.get(scope, childId, meetingId, { reason: 'version_conflict' });
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers

function checkWhereAndWhen(m: {
  place: string | null;
  digital: boolean;
  startTime: string;
  endTime: string | null;
}): void {
  if (!m.digital && !m.place) throw invalid('place', 'Say where the meeting is held, or that it is digital.');
  if (m.endTime !== null && m.endTime <= m.startTime) throw invalid('endTime', 'The meeting must end after it starts.');
}

/** The invitation list by reference: professionals on the team, the child's guardians, the child (each once). */
async function resolveInvitees(
  tx: Queryable,
  childId: string,
  list: InviteeChoice[],
  today: string,
): Promise<(mrepo.InviteeRow & { id: string })[]> {
  const seen = new Set<string>();
  const rows: (mrepo.InviteeRow & { id: string })[] = [];
  for (const [i, x] of list.entries()) {
    const key =
      x.kind === 'professional' ? `p:${x.assignmentId}` : x.kind === 'guardian' ? `g:${x.guardianId}` : 'child';
    if (seen.has(key)) throw invalid(`invitees.${i}`, 'Someone is on the invitation list twice.');
    seen.add(key);
    const attendance = x.attendance ?? 'invited';
    if (x.kind === 'professional') {
      const team = await repo.activeTeamRows(tx, childId, x.assignmentId, today);
      if (team.length === 0)
        throw invalid(
          `invitees.${i}.assignmentId`,
          "Only professionals on the child's team can be invited (in the assignment they are on the team in).",
        );
      rows.push({
        id: randomUUID(),
        kind: 'professional',
        personId: team[0]!.personId,
        assignmentId: x.assignmentId,
        guardianId: null,
        attendance,
      });
    } else if (x.kind === 'guardian') {
      if (!(await repo.guardianOfChild(tx, childId, x.guardianId, today, false)))
        throw invalid(`invitees.${i}.guardianId`, "That is not one of this child's guardians.");
      rows.push({
        id: randomUUID(),
        kind: 'guardian',
        personId: null,
        assignmentId: null,
        guardianId: x.guardianId,
        attendance,
      });
    } else {
      rows.push({ id: randomUUID(), kind: 'child', personId: null, assignmentId: null, guardianId: null, attendance });
    }
  }
  return rows;
}

async function actionInPlan(tx: Queryable, actionId: string, planId: string): Promise<boolean> {
  const r = await tx.query('SELECT 1 FROM plan_action WHERE id = $1 AND plan_id = $2', [actionId, planId]);
  return r.rows.length > 0;
}

/** The new responsible in words, for the decision's record ("Anna Lindqvist", "the child", none). */
async function responsibleWords(tx: Queryable, r: repo.ResponsibleColumns): Promise<string | null> {
  if (r.responsibleKind === null) return null;
  if (r.responsibleKind === 'child') return 'child';
  const table = r.responsibleKind === 'guardian' ? 'guardian' : 'person';
  const id = r.responsibleKind === 'guardian' ? r.responsibleGuardianId : r.responsiblePersonId;
  const row = await tx.query<{ name: string }>(
    `SELECT given_name || ' ' || family_name AS name FROM ${table} WHERE id = $1`,
    [id],
  );
  return row.rows[0]?.name ?? null;
}

async function mustMeeting(tx: Queryable, childId: string, id: string): Promise<Meeting> {
  const m = await mrepo.loadMeeting(tx, childId, id);
  if (!m) throw new Error('meeting vanished inside its own transaction');
  return m;
}

import { randomUUID } from 'node:crypto';
import { proposeBestInterestLead, TRANSITION_HORIZON_DAYS } from '../../../core/best-interest-lead.js';
import { AppError } from '../../../core/errors.js';
import { ADMIN_ROLES, POPULATION_ROLES, type AssignedActor, type AssignmentRole } from '../../access/actor.js';
import { auditedTransaction, recordEvents } from '../../access/audit-door.js';
import { auditEventsOf, type AuditAction } from '../../access/audit-events.js';
import { writeChildData } from '../../access/child-data.js';
import { MissingResource } from '../../access/write-outcomes.js';
import { permittedChildIds } from '../../access/gate.js';
import { swedishToday } from '../../clock.js';
import type { AppContext } from '../../context.js';
import type { Queryable } from '../../db/client.js';
import { appendChronologyEntry } from '../chronology/service.js';
import * as repo from './repo.js';
import type {
  HandoverList,
  HandoverOffer,
  HandoverOfferRequest,
  HandoverResult,
  HandoverRole,
  PlanHandover,
} from '../../../contract/plan/index.js';
import { invalid } from './plan-rules.js';
import { addDays } from '../../../core/calendar.js';
import type { RequestScope } from '../../access/request-scope.js';

/** How long the receiver has to answer by default. */
export const HANDOVER_RESPONSE_DAYS = 7;

const ROLE_NAME: Record<HandoverRole, string> = {
  coordinator: 'coordinator (samordnare)',
  best_interest_lead: 'barnets bästa-ansvarig',
};
const ROLE_WORD: Record<string, string> = {
  child_health_nurse: 'BVC nurse',
  principal: 'principal (rektor)',
  youth_follow_up_officer: 'youth follow-up officer (KAA)',
};

/** Events about a handover offer. */
const handoverEvents = (actor: AssignedActor, requestId: string) => auditEventsOf(actor, requestId, 'handover');

/**
 * Two-step handover of the coordinator (samordnare) and barnets bästa-ansvarig roles. The offer is
 * made on the child (through the child-data gate); the answer is given by the receiver, who may not
 * be on the team yet: their gate is being the named receiver (person AND the assignment they act
 * in). Until they accept they see the offer without the child's details; accepting moves the team
 * roles in one transaction with its audit row, and from then on the ordinary gate lets them in.
 */
export class HandoverService {
  constructor(private readonly ctx: AppContext) {}

  /** Offer a role: by its holder, or by anyone on the team when nobody holds it. */
  async offer(scope: RequestScope, childId: string, input: HandoverOfferRequest): Promise<PlanHandover> {
    const { actor, requestId } = scope;
    return writeChildData(
      {
        ctx: this.ctx,
        actor,
        childId,
        requestId,
        action: 'handover.offer',
        resourceType: 'handover',
        details: { role: input.role },
      },
      async (tx, today) => {
        const respondBy = input.respondBy ?? addDays(today, HANDOVER_RESPONSE_DAYS);
        if (respondBy < today) throw invalid('respondBy', `The answer date cannot be in the past (today is ${today}).`);
        // Lock order for every plan write: the plan, then team rows.
        const plan = await repo.lockActivePlan(tx, childId);
        const holder = await repo.lockRoleHolder(tx, childId, input.role, today);
        if (holder && holder.assignmentId !== actor.assignmentId) {
          throw new AppError('forbidden', `Only the current ${ROLE_NAME[input.role]} can hand the role over.`, {
            reason: 'not_the_holder',
          });
        }
        if (holder && holder.assignmentId === input.toAssignmentId)
          throw invalid('toAssignmentId', `That person already holds the ${ROLE_NAME[input.role]} role.`, {
            reason: 'already_holder',
          });
        if (await repo.pendingHandover(tx, childId, input.role)) {
          throw new AppError(
            'conflict',
            `An offer of the ${ROLE_NAME[input.role]} role is already waiting for an answer. Withdraw it before making a new one.`,
          );
        }
        const to = await this.checkReceiver(tx, childId, plan?.id ?? null, input.role, input.toAssignmentId, today);
        const now = scope.now.toISOString();
        const id = randomUUID();
        await repo.insertHandover(
          tx,
          {
            id,
            childId,
            planId: plan?.id ?? null,
            role: input.role,
            from: holder
              ? { membershipId: holder.id, personId: holder.personId, assignmentId: holder.assignmentId }
              : null,
            toPersonId: to.personId,
            toAssignmentId: to.assignmentId,
            respondBy,
          },
          { personId: actor.personId, assignmentId: actor.assignmentId, now },
        );
        // Taking a vacant role yourself needs no second step.
        const selfAppointed = !holder && to.assignmentId === actor.assignmentId && to.personId === actor.personId;
        if (selfAppointed) {
          await moveRole(
            tx,
            {
              childId,
              role: input.role,
              fromMembershipId: null,
              toPersonId: to.personId,
              toAssignmentId: to.assignmentId,
            },
            today,
          );
          await repo.answerHandover(tx, id, 'accepted', null, now);
          await recordAccepted(
            tx,
            actor,
            { childId, role: input.role, fromPersonId: null, toPersonId: to.personId },
            today,
            now,
          );
        }
        const h = await repo.loadHandover(tx, id);
        if (!h) throw new Error('handover vanished inside its own transaction');
        return { result: h, resourceId: id, ...(selfAppointed ? { details: { selfAppointed: true as const } } : {}) };
      },
    );
  }

  /** The offerer, or the current holder, withdraws an offer that waits for an answer. */
  async withdraw(scope: RequestScope, childId: string, handoverId: string): Promise<PlanHandover> {
    const { actor, requestId } = scope;
    return writeChildData(
      {
        ctx: this.ctx,
        actor,
        childId,
        requestId,
        action: 'handover.withdraw',
        resourceType: 'handover',
        resourceId: handoverId,
      },
      async (tx) => {
        const h = await repo.lockHandover(tx, handoverId);
        if (!h || h.childId !== childId) throw new MissingResource();
        if (h.status !== 'pending') throw new AppError('conflict', `This offer has already been ${h.status}.`);
        if (h.offeredByPersonId !== actor.personId && h.fromPersonId !== actor.personId) {
          throw new AppError(
            'forbidden',
            'Only the person who made the offer, or the holder of the role, can withdraw it.',
            { reason: 'not_the_offerer' },
          );
        }
        await repo.answerHandover(tx, handoverId, 'withdrawn', null, scope.now.toISOString());
        const result = await repo.loadHandover(tx, handoverId);
        return { result: result!, resourceId: handoverId };
      },
    );
  }

  /** Offers to me (in the assignment I act in) and offers I made, waiting for an answer. */
  async list(scope: RequestScope): Promise<HandoverList> {
    const { actor, requestId } = scope;
    const today = scope.today;
    const { incoming, outgoing } = await repo.listHandoversFor(this.ctx.db, actor.personId, actor.assignmentId);
    const childIds = [...new Set([...incoming, ...outgoing].map((h) => h.childId))];
    const visible = await permittedChildIds(this.ctx.db, actor, childIds, today, { now: scope.now });
    const names = await repo.childNames(this.ctx.db, [...visible]);
    const toOffer = (h: PlanHandover) =>
      offerOf(h, visible.has(h.childId) ? (names.get(h.childId) ?? null) : null, today);
    // Each child an offer is about is audited: the offer's existence is itself about the child.
    const event = handoverEvents(actor, requestId);
    await recordEvents(
      this.ctx,
      childIds.length > 0
        ? childIds.map((id) =>
            event({ action: 'handover.list', childId: id, details: { childVisible: visible.has(id) } }),
          )
        : [event({ action: 'handover.list', details: { count: 0 } })],
    );
    return { incoming: incoming.map(toOffer), outgoing: outgoing.map(toOffer) };
  }

  async accept(scope: RequestScope, handoverId: string): Promise<HandoverResult> {
    const { actor, requestId } = scope;
    return this.answer(actor, handoverId, requestId, 'handover.accept', async (tx, h, today) => {
      const to = await repo.assignmentFacts(tx, h.toAssignmentId, today);
      if (!to?.active || !maySeeCases(to.role))
        throw new AppError(
          'conflict',
          'Your assignment can no longer receive this role. Ask the team for a new offer.',
        );
      await moveRole(
        tx,
        {
          childId: h.childId,
          role: h.role,
          fromMembershipId: h.fromMembershipId,
          toPersonId: h.toPersonId,
          toAssignmentId: h.toAssignmentId,
        },
        today,
      );
      await repo.answerHandover(tx, h.id, 'accepted', null, scope.now.toISOString());
      await recordAccepted(
        tx,
        actor,
        { childId: h.childId, role: h.role, fromPersonId: h.fromPersonId, toPersonId: h.toPersonId },
        today,
        scope.now.toISOString(),
      );
    });
  }

  async decline(scope: RequestScope, handoverId: string, reason: string | null): Promise<HandoverResult> {
    const { actor, requestId } = scope;
    return this.answer(actor, handoverId, requestId, 'handover.decline', async (tx, h) => {
      await repo.answerHandover(tx, h.id, 'declined', reason, scope.now.toISOString());
    });
  }

  /**
   * The receiver's answer: the gate is "I am the named receiver, acting in the named assignment".
   * Anyone else — or no such offer — gets the same 404, audited (with the child when there is one).
   */
  private async answer(
    actor: AssignedActor,
    handoverId: string,
    requestId: string,
    action: AuditAction,
    apply: (tx: Queryable, h: repo.HandoverRow, today: string) => Promise<void>,
  ): Promise<HandoverResult> {
    const today = swedishToday(this.ctx.now());
    const event = handoverEvents(actor, requestId);
    // Not the receiver, or no such offer: after the rollback, the same 404, audited.
    const notTheReceiver = (childId: string | null) =>
      new MissingResource({
        audit: event({ action, childId, outcome: childId ? 'denied' : 'not_found', resourceId: handoverId }),
      });
    return auditedTransaction(
      this.ctx.db,
      async (tx) => {
        const h = await repo.lockHandover(tx, handoverId);
        if (!h) throw notTheReceiver(null);
        if (h.toPersonId !== actor.personId || h.toAssignmentId !== actor.assignmentId) throw notTheReceiver(h.childId);
        if (h.status !== 'pending') throw new AppError('conflict', `This offer has already been ${h.status}.`);
        await apply(tx, h, today);
        const after = await repo.loadHandover(tx, h.id);
        const canSee = (await permittedChildIds(tx, actor, [h.childId], today, { now: this.ctx.now() })).has(h.childId);
        const name = canSee ? ((await repo.childNames(tx, [h.childId])).get(h.childId) ?? null) : null;
        return {
          result: { handover: offerOf(after!, name, today), childId: h.childId, canSeeChild: canSee },
          events: [event({ action, childId: h.childId, resourceId: h.id, details: { role: h.role } })],
        };
      },
      { now: () => this.ctx.now(), audit: this.ctx },
    );
  }

  /**
   * Who can receive the role. Always: an active assignment of someone who may hold case data.
   * Coordinator: someone on the team, or in a service taking part in the plan. Barnets
   * bästa-ansvarig: the role that fits the child's age and schooling (src/core/best-interest-lead),
   * the principal of the child's own school, the KAA of the child's home municipality.
   */
  private async checkReceiver(
    tx: Queryable,
    childId: string,
    planId: string | null,
    role: HandoverRole,
    assignmentId: string,
    today: string,
  ): Promise<repo.AssignmentFacts> {
    const to = await repo.assignmentFacts(tx, assignmentId, today);
    if (!to) throw invalid('toAssignmentId', 'There is no such assignment.', { reason: 'no_such_assignment' });
    if (!to.active)
      throw invalid(
        'toAssignmentId',
        'That assignment is not active today (it has ended, not begun, or the account is disabled), so it cannot receive the role.',
        { reason: 'inactive' },
      );
    if (!maySeeCases(to.role))
      throw invalid(
        'toAssignmentId',
        'Administrators, analysts and managers do not hold responsibility for individual children.',
        { reason: 'no_case_role' },
      );
    if (role === 'coordinator') {
      const onTeam = (await repo.activeTeamRows(tx, childId, assignmentId, today)).length > 0;
      const inService = planId !== null && to.unitId !== null && (await repo.unitTakesPart(tx, planId, to.unitId));
      if (!onTeam && !inService) {
        throw invalid(
          'toAssignmentId',
          "The coordinator must be someone on the child's team or a professional in a service taking part in the plan.",
          { reason: 'not_on_team_or_service' },
        );
      }
      return to;
    }
    const context = await repo.loadContext(tx, childId, today);
    if (!context) throw new Error('child vanished inside a handover');
    const proposal = proposeBestInterestLead({ birthDate: context.birthDate, today, enrolments: context.enrolments });
    if (proposal.acceptableRoles.length === 0)
      throw invalid('toAssignmentId', 'The young person is 18 or older and has no barnets bästa-ansvarig.', {
        reason: 'adult',
      });
    if (!(proposal.acceptableRoles as string[]).includes(to.role)) {
      throw invalid(
        'toAssignmentId',
        `For this child (${proposal.stage.replaceAll('_', ' ')}), barnets bästa-ansvarig is a ${proposal.acceptableRoles.map((r) => ROLE_WORD[r]).join(' or ')}; that assignment is not.`,
        { reason: 'wrong_role', acceptableRoles: proposal.acceptableRoles },
      );
    }
    if (to.role === 'principal') {
      // The principal of the child's own school (now, or the one the child starts at soon), when known.
      const horizon = addDays(today, TRANSITION_HORIZON_DAYS);
      const schools = context.enrolments.filter(
        (e) =>
          (e.unitKind === 'compulsory_school' || e.unitKind === 'upper_secondary_school') &&
          e.validFrom <= horizon &&
          (e.validTo === null || e.validTo >= today),
      );
      if (schools.length > 0 && !schools.some((e) => e.unitId === to.unitId))
        throw invalid('toAssignmentId', "That is not the principal of the child's school.", {
          reason: 'not_childs_principal',
        });
    }
    if (to.role === 'youth_follow_up_officer' && to.unitMunicipality !== context.municipalityCode) {
      throw invalid(
        'toAssignmentId',
        "The youth follow-up (KAA) must be that of the young person's home municipality.",
        { reason: 'not_home_kaa' },
      );
    }
    return to;
  }
}

function maySeeCases(role: string): boolean {
  return !ADMIN_ROLES.has(role as AssignmentRole) && !POPULATION_ROLES.has(role as AssignmentRole);
}

function offerOf(h: PlanHandover, childName: string | null, today: string): HandoverOffer {
  return {
    id: h.id,
    role: h.role,
    status: h.status,
    childId: h.childId,
    child: childName === null ? null : { name: childName },
    from: h.from ? { name: h.from.name, title: h.from.title, unitName: h.from.unitName } : null,
    offeredBy: { name: h.offeredBy.name, title: h.offeredBy.title, unitName: h.offeredBy.unitName },
    to: { assignmentId: h.to.assignmentId, name: h.to.name, title: h.to.title, unitName: h.to.unitName },
    offeredAt: h.offeredAt,
    respondBy: h.respondBy,
    overdue: h.status === 'pending' && h.respondBy < today,
  };
}

/**
 * The accepted handover in the child's chronology (same transaction as the role moving): who holds
 * the role from today, and who held it before. Entered by the receiver, from their service.
 */
async function recordAccepted(
  tx: Queryable,
  actor: AssignedActor,
  h: { childId: string; role: HandoverRole; fromPersonId: string | null; toPersonId: string },
  today: string,
  now: string,
): Promise<void> {
  const ids = [h.toPersonId, ...(h.fromPersonId ? [h.fromPersonId] : [])];
  const r = await tx.query<{ id: string; name: string }>(
    "SELECT id, given_name || ' ' || family_name AS name FROM person WHERE id = ANY($1::uuid[])",
    [ids],
  );
  const names = new Map(r.rows.map((x) => [x.id, x.name]));
  const role = h.role === 'coordinator' ? 'Samordnaransvaret' : 'Ansvaret som barnets bästa-ansvarig';
  const from = h.fromPersonId ? ` efter ${names.get(h.fromPersonId) ?? ''}` : '';
  await appendChronologyEntry(tx, {
    childId: h.childId,
    kind: 'role_handover_accepted',
    eventDate: today,
    significance: 'medium',
    text: `${role} har tagits över av ${names.get(h.toPersonId) ?? ''}${from}.`,
    actor,
    createdAt: now,
  });
}

/**
 * Moves a role, in the caller's transaction: the holder's row ends yesterday (the role is the
 * receiver's from today) and they stay on the team as a member unless they have another row; the
 * receiver's plain membership is replaced by the role. Refuses when the role changed hands since
 * the offer was made.
 */
async function moveRole(
  tx: Queryable,
  m: {
    childId: string;
    role: HandoverRole;
    fromMembershipId: string | null;
    toPersonId: string;
    toAssignmentId: string;
  },
  today: string,
): Promise<void> {
  const holder = await repo.lockRoleHolder(tx, m.childId, m.role, today);
  if ((holder?.id ?? null) !== m.fromMembershipId) {
    throw new AppError(
      'conflict',
      'The role has changed hands since this offer was made. Ask the team for a new offer.',
    );
  }
  if (holder) {
    await repo.endTeamRow(tx, holder.id, today);
    const others = (await repo.activeTeamRows(tx, m.childId, holder.assignmentId, today)).filter(
      (r) => r.id !== holder.id,
    );
    if (others.length === 0)
      await repo.insertTeamRow(tx, {
        id: randomUUID(),
        childId: m.childId,
        personId: holder.personId,
        assignmentId: holder.assignmentId,
        role: 'member',
        validFrom: today,
      });
  }
  for (const r of await repo.activeTeamRows(tx, m.childId, m.toAssignmentId, today)) {
    if (r.teamRole === 'member') await repo.endTeamRow(tx, r.id, today);
  }
  await repo.insertTeamRow(tx, {
    id: randomUUID(),
    childId: m.childId,
    personId: m.toPersonId,
    assignmentId: m.toAssignmentId,
    role: m.role,
    validFrom: today,
  });
}

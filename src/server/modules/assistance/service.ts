import { AppError, notFound } from '../../../core/errors.js';
import { auditedTransaction } from '../../access/audit-door.js';
import { auditEvent, type AuditEventInput } from '../../access/audit-events.js';
import { childDataCalls, readChildData, writeChildData, type ChildDataCalls } from '../../access/child-data.js';
import { listChildData } from '../../access/child-list.js';
import type { RequestScope } from '../../access/request-scope.js';
import { leadsUnit, unitsLedBy, UNIT_LEAD_ROLES, type UnitKind } from '../../access/serving-unit.js';
import type { SecrecyDomain } from '../../access/actor.js';
import type { AppContext } from '../../context.js';
import type { Queryable } from '../../db/client.js';
import { appendChronologyEntry } from '../chronology/service.js';
import * as repo from './repo.js';
import { describeAssignment, joinTeam, type ChronologyAuthor } from './team-join.js';
import type {
  AssistanceAcceptRequest,
  AssistanceAnswer,
  AssistanceCreateRequest,
  AssistanceDeclineRequest,
  AssistanceInbox,
  AssistanceList,
} from '../../../contract/assistance.js';

/**
 * Bringing in another service (samordningsfunktion). The child's coordinator — or, when the child has
 * none, its barnets bästa-ansvarig — sends a request for assistance to a unit of another organisation
 * or service, on a consent in force naming that unit or a legal basis in force for the pair of
 * secrecy domains. The unit's lead (access/serving-unit.ts UNIT_LEAD_ROLES) sees only what the request
 * says, and accepts — naming the professional who joins the team in the same transaction — or
 * declines with a reason. Every step is audited and in the child's chronology. Chronology entries
 * of the answer are recorded in the asking unit's name and domain, so the team that asked sees them.
 */

/** May the actor send (and withdraw) requests for this child: coordinator, or barnets bästa-ansvarig when there is none? */
async function isSender(q: Queryable, scope: RequestScope, childId: string): Promise<boolean> {
  const r = await q.query<{ team_role: string; mine: boolean }>(
    `SELECT t.team_role, (t.assignment_id = $3 AND t.person_id = $4) AS mine FROM team_membership t
      WHERE t.child_id = $1 AND t.team_role IN ('coordinator', 'best_interest_lead')
        AND t.valid_from <= $2::date AND (t.valid_to IS NULL OR t.valid_to >= $2::date)`,
    [childId, scope.today, scope.actor.assignmentId, scope.actor.personId],
  );
  const role = r.rows.some((x) => x.team_role === 'coordinator') ? 'coordinator' : 'best_interest_lead';
  return r.rows.some((x) => x.mine && x.team_role === role);
}

const NOT_SENDER = () =>
  new AppError(
    'forbidden',
    "Requests for assistance are sent by the child's coordinator (or, when the child has none, its barnets bästa-ansvarig).",
    { reason: 'not_coordinator' },
  );

export class AssistanceService {
  private readonly call: ChildDataCalls;

  constructor(private readonly ctx: AppContext) {
    this.call = childDataCalls(ctx, 'assistance_request');
  }

  /** The child's requests (the team section), and — for the one who may send — what one can be sent to and on. */
  async list(scope: RequestScope, childId: string): Promise<AssistanceList> {
    return readChildData(
      this.call(scope, childId, { action: 'assistance.list', details: { view: 'team' } }),
      async (q, today) => {
        const maySend = await isSender(q, scope, childId);
        const options = maySend
          ? {
              units: await repo.unitOptions(q, scope.actor.unitId, today),
              consents: await repo.consentOptions(q, childId, scope.now, today),
              legalBases: await repo.legalBasisOptions(q, scope.actor.secrecyDomain, today),
            }
          : null;
        return { requests: await repo.listForChild(q, childId), maySend, options };
      },
    );
  }

  async send(
    scope: RequestScope,
    childId: string,
    input: AssistanceCreateRequest,
  ): Promise<AssistanceList['requests'][number]> {
    const { actor } = scope;
    const basisIds =
      input.basis.kind === 'consent'
        ? { consentId: input.basis.consentId }
        : { legalBasisId: input.basis.legalBasisId };
    return writeChildData(
      this.call(scope, childId, {
        action: 'assistance.create',
        details: { basisKind: input.basis.kind, toUnitId: input.toUnitId, ...basisIds },
      }),
      async (tx, today) => {
        if (!(await isSender(tx, scope, childId))) throw NOT_SENDER();
        const unit = await repo.targetUnit(tx, input.toUnitId, today);
        if (!unit || unit.id === actor.unitId || (UNIT_LEAD_ROLES[unit.kind as UnitKind] ?? []).length === 0)
          throw new AppError('validation_failed', 'Choose a unit of another service that can be asked to join.', {
            field: 'toUnitId',
          });
        const holds = await repo.basisHolds(tx, {
          basis: input.basis,
          childId,
          unit,
          fromDomain: actor.secrecyDomain,
          now: scope.now,
          today,
        });
        if (!holds) throw basisRefused(input.basis.kind);
        if (await repo.pendingExists(tx, childId, unit.id))
          throw new AppError('conflict', 'A request to this unit is already waiting for its answer.', {
            reason: 'already_pending',
          });
        const id = await repo.insertRequest(tx, {
          childId,
          from: {
            personId: actor.personId,
            assignmentId: actor.assignmentId,
            unitId: actor.unitId,
            domain: actor.secrecyDomain,
          },
          toUnitId: unit.id,
          basis: input.basis,
          message: input.message,
          now: scope.now.toISOString(),
        });
        await appendChronologyEntry(tx, {
          childId,
          kind: 'assistance_requested',
          eventDate: today,
          significance: 'medium',
          text: `Begäran om stöd skickad till ${unit.name}.`,
          actor,
          createdAt: scope.now.toISOString(),
        });
        return { result: (await repo.loadRequest(tx, id))!, resourceId: id };
      },
    );
  }

  async withdraw(scope: RequestScope, childId: string, requestId: string): Promise<AssistanceAnswer> {
    return writeChildData(
      this.call(scope, childId, { action: 'assistance.withdraw', resourceId: requestId }),
      async (tx, today) => {
        const r = await repo.lockRequest(tx, requestId);
        if (!r || r.childId !== childId) throw notFound();
        if (!(await isSender(tx, scope, childId))) throw NOT_SENDER();
        if (r.status !== 'pending') throw alreadyAnswered();
        await repo.answer(tx, requestId, { status: 'withdrawn', by: scope.actor, now: scope.now.toISOString() });
        const unit = await repo.targetUnit(tx, r.toUnitId, today);
        await appendChronologyEntry(tx, {
          childId,
          kind: 'assistance_withdrawn',
          eventDate: today,
          significance: 'low',
          text: `Begäran om stöd till ${unit?.name ?? 'enheten'} återtagen.`,
          actor: scope.actor,
          createdAt: scope.now.toISOString(),
        });
        return {
          result: { id: requestId, status: 'withdrawn', childId, teamMembershipId: null },
          resourceId: requestId,
        };
      },
    );
  }

  /** Waiting requests to the units I lead: the child's name, who asks, the message — audited per child. */
  async inbox(scope: RequestScope): Promise<AssistanceInbox> {
    return listChildData(
      {
        ctx: this.ctx,
        scope,
        action: 'assistance.list',
        resourceType: 'assistance_request',
        details: { view: 'inbox' },
      },
      async (q) => ({ requests: await repo.inbox(q, await unitsLedBy(q, scope), scope.today) }),
      (data) => data.requests.map((r) => ({ childId: r.childId, resourceId: r.id })),
    );
  }

  async accept(scope: RequestScope, requestId: string, input: AssistanceAcceptRequest): Promise<AssistanceAnswer> {
    return this.answerAsLead(scope, requestId, 'assistance.accept', async (tx, r, flag) => {
      const unit = await repo.targetUnit(tx, r.toUnitId, scope.today);
      const stillHolds =
        unit &&
        (await repo.basisHolds(tx, {
          basis: r.basis,
          childId: r.childId,
          unit,
          fromDomain: r.fromDomain,
          now: scope.now,
          today: scope.today,
        }));
      if (!stillHolds)
        throw new AppError(
          'conflict',
          'The consent or legal basis of this request no longer holds (withdrawn, expired or retired). Decline it, or ask the coordinator to send a new one.',
          { reason: 'basis_no_longer_holds' },
        );
      const joiner = (await repo.professionalsAt(tx, r.toUnitId, scope.today)).find(
        (p) => p.assignmentId === input.assignmentId,
      );
      if (!joiner)
        throw new AppError('validation_failed', 'Choose a professional with an active assignment at the unit.', {
          field: 'assignmentId',
        });
      const who = { personId: joiner.personId, assignmentId: joiner.assignmentId };
      const join = await joinTeam(tx, scope, await answerAuthor(tx, requestId, scope), {
        childId: r.childId,
        who,
        role: input.teamRole,
        chronology: {
          kind: 'assistance_accepted',
          text: `${await describeAssignment(tx, joiner.assignmentId)} har gått med i barnets team efter en begäran om stöd till ${unit!.name}.`,
        },
        cause: { requestId },
        protectedIdentity: flag,
      });
      await repo.answer(tx, requestId, {
        status: 'accepted',
        by: scope.actor,
        now: scope.now.toISOString(),
        joined: { ...who, role: input.teamRole, membershipId: join.membershipId },
      });
      return {
        answer: { id: requestId, status: 'accepted' as const, childId: r.childId, teamMembershipId: join.membershipId },
        details: { role: input.teamRole, assignmentId: joiner.assignmentId },
        events: join.events,
      };
    });
  }

  async decline(scope: RequestScope, requestId: string, input: AssistanceDeclineRequest): Promise<AssistanceAnswer> {
    return this.answerAsLead(scope, requestId, 'assistance.decline', async (tx, r) => {
      await repo.answer(tx, requestId, {
        status: 'declined',
        by: scope.actor,
        now: scope.now.toISOString(),
        declineReason: input.reason,
      });
      await appendChronologyEntry(tx, {
        childId: r.childId,
        kind: 'assistance_declined',
        eventDate: scope.today,
        significance: 'medium',
        text: input.reason,
        actor: await answerAuthor(tx, requestId, scope),
        createdAt: scope.now.toISOString(),
      });
      return {
        answer: { id: requestId, status: 'declined' as const, childId: r.childId, teamMembershipId: null },
        details: {},
        events: [],
      };
    });
  }

  /**
   * An answer by the receiving unit's lead, in one transaction with its audit events. Anyone else —
   * and a request that does not exist — gets the same 404, audited.
   */
  private async answerAsLead(
    scope: RequestScope,
    requestId: string,
    action: 'assistance.accept' | 'assistance.decline',
    work: (
      tx: Queryable,
      r: NonNullable<Awaited<ReturnType<typeof repo.lockRequest>>>,
      protectedIdentity: boolean,
    ) => Promise<{ answer: AssistanceAnswer; details: Record<string, string>; events: AuditEventInput[] }>,
  ): Promise<AssistanceAnswer> {
    const ev = (childId: string | null, outcome: AuditEventInput['outcome'], details: Record<string, unknown> = {}) =>
      auditEvent(scope.actor, scope.requestId, {
        action,
        resourceType: 'assistance_request',
        resourceId: requestId,
        childId,
        outcome,
        details: details as never,
      });
    let denied: string | null | undefined;
    try {
      return await auditedTransaction(
        this.ctx.db,
        async (tx) => {
          const r = await repo.lockRequest(tx, requestId);
          if (!r || !(await leadsUnit(tx, scope, r.toUnitId))) {
            denied = r?.childId ?? null;
            throw notFound();
          }
          if (r.status !== 'pending') throw alreadyAnswered();
          const flag =
            (await tx.query('SELECT 1 FROM child WHERE id = $1 AND protected_identity', [r.childId])).rows.length > 0;
          const done = await work(tx, r, flag);
          const pi = flag ? { protected_identity: true } : {};
          return {
            result: done.answer,
            events: [ev(r.childId, 'permitted', { ...pi, ...done.details }), ...done.events],
          };
        },
        { now: this.ctx.now, audit: this.ctx },
      );
    } catch (err) {
      if (denied !== undefined) {
        await this.ctx.audit.record([ev(denied, denied === null ? 'not_found' : 'denied')]);
        throw notFound();
      }
      throw err;
    }
  }
}

/**
 * The author of an answer's chronology entry: entered by the lead who answered, recorded in the
 * asking unit's organisation, unit and secrecy domain so that the team that asked sees it.
 */
async function answerAuthor(tx: Queryable, requestId: string, scope: RequestScope): Promise<ChronologyAuthor> {
  const r = await tx.query<{ organisation_id: string; unit_id: string | null; domain: SecrecyDomain | null }>(
    `SELECT a.organisation_id, r.from_unit_id AS unit_id, r.from_domain AS domain
       FROM assistance_request r JOIN assignment a ON a.id = r.from_assignment_id WHERE r.id = $1`,
    [requestId],
  );
  const x = r.rows[0]!;
  return {
    personId: scope.actor.personId,
    assignmentId: scope.actor.assignmentId,
    organisationId: x.organisation_id,
    unitId: x.unit_id,
    secrecyDomain: x.domain,
  };
}

function basisRefused(kind: 'consent' | 'legal_basis'): AppError {
  return kind === 'consent'
    ? new AppError(
        'conflict',
        'The consent is not in force for this unit: it must be given, not withdrawn or expired, and name the unit you ask among its recipients. Record a new consent with the family first, or choose a legal basis.',
        { reason: 'consent_not_covering', field: 'basis' },
      )
    : new AppError(
        'conflict',
        "The legal basis does not allow this: it must be in force and allow sharing from your secrecy domain to the unit's. Choose another basis, or ask the family for consent.",
        { reason: 'legal_basis_not_applicable', field: 'basis' },
      );
}

function alreadyAnswered(): AppError {
  return new AppError('conflict', 'This request has already been answered or withdrawn.', { reason: 'not_pending' });
}

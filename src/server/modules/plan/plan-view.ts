import { proposeBestInterestLead } from '../../../core/best-interest-lead.js';
import type { Queryable } from '../../db/client.js';
import * as repo from './repo.js';
import type { Plan, PlanView } from '../../../contract/plan/index.js';

/**
 * The plan view (plan + team, guardians, proposal, open handovers) from what loadPlanView read;
 * `plan` is the current plan as the actor may see it (null when none, or of a domain they may not see).
 */
export function composeView<P>(
  data: repo.PlanViewData,
  plan: P | null,
  today: string,
): Omit<PlanView, 'plan'> & { plan: P | null } {
  const { context } = data;
  const lead = repo.holderOf(context.team, 'best_interest_lead');
  const coordinator = repo.holderOf(context.team, 'coordinator');
  const proposal = proposalFor(context, today);
  return {
    childId: context.childId,
    supportLevel: context.supportLevel,
    plan,
    coordinator,
    bestInterestLead: lead,
    bestInterestLeadProposal: proposal,
    team: repo.teamMembers(context.team),
    guardians: context.guardians,
    handovers: context.handovers,
  };
}

/** The proposal for barnets bästa-ansvarig from the child's context (core/best-interest-lead.ts). */
export function proposalFor(context: repo.PlanContext, today: string) {
  const lead = repo.holderOf(context.team, 'best_interest_lead');
  return proposeBestInterestLead({
    birthDate: context.birthDate,
    today,
    enrolments: context.enrolments.map((e) => ({ unitKind: e.unitKind, validFrom: e.validFrom, validTo: e.validTo })),
    currentRole: lead?.role ?? null,
  });
}

/**
 * The plan view inside a write (the gate already said yes in the transaction) or for the print
 * document; null when the child is gone. The current plan comes with its secrecy domain.
 */
export async function buildView(
  q: Queryable,
  childId: string,
  today: string,
): Promise<{ view: PlanView; planSecrecyDomain: string | null } | null> {
  const { data } = await repo.loadPlanView(q, childId, today, null);
  if (!data) return null;
  const plan = data.current ? (JSON.parse(data.current.json) as Plan) : null;
  return { view: composeView(data, plan, today), planSecrecyDomain: data.current?.secrecyDomain ?? null };
}

/** The plan view a write answers with, read in its own transaction. */
export async function mustView(tx: Queryable, childId: string, today: string): Promise<PlanView> {
  const v = await buildView(tx, childId, today);
  if (!v) throw new Error('child vanished inside a plan transaction');
  return v.view;
}

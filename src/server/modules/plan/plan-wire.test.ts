import { describe, expect, it } from 'vitest';
import { checkPlanJson, PlanJson, serializePlanViewWire, type PlanViewWire } from './plan-wire.js';

const P = '11111111-1111-4111-8111-111111111111';
const who = { personId: P, name: 'Anna Lindqvist' };
const plan = {
  id: P,
  childId: P,
  status: 'active',
  level: 2,
  background: null,
  nextReviewDate: '2026-12-14',
  isSip: false,
  sipReadiness: {
    actionsPresent: true,
    everyActionHasResponsibleAndDue: true,
    overallResponsible: false,
    followUp: true,
    complete: false,
  },
  services: [],
  needs: [],
  goals: [],
  actions: [
    {
      id: P,
      what: 'Veckovis kontakt med vårdnadshavarna om närvaron',
      goalId: null,
      serviceId: null,
      responsible: { kind: 'child' },
      dueDate: '2026-11-30',
      status: 'in_progress',
      overdue: true,
      createdAt: '2026-11-14T12:45:00.000Z',
      createdBy: who,
      updatedAt: '2026-11-14T12:45:00.000Z',
      updatedBy: who,
      version: 1,
    },
  ],
  voice: [],
  guardianViews: [],
  disagreements: [],
  levelHistory: [],
  statusHistory: [],
  createdAt: '2026-11-14T12:45:00.000Z',
  createdBy: { ...who, title: 'Lärare', unitName: 'Furuboskolan' },
  updatedAt: '2026-11-14T12:45:00.000Z',
  updatedBy: who,
  version: 3,
};

describe('the plan as PostgreSQL writes it (plan-wire)', () => {
  it('accepts exactly a Plan', () => {
    expect(() => checkPlanJson(JSON.stringify(plan))).not.toThrow();
  });

  it('refuses a key the schema does not name, anywhere (it would leave the server unchecked)', () => {
    expect(() => checkPlanJson(JSON.stringify({ ...plan, secrecy_domain: 'school' }))).toThrow(
      /keys the Plan schema does not name/,
    );
    const leaky = { ...plan, actions: [{ ...plan.actions[0], sort_due: '2026-11-30' }] };
    expect(() => checkPlanJson(JSON.stringify(leaky))).toThrow(/keys the Plan schema does not name/);
  });

  it('refuses a missing key or a wrong type', () => {
    const { sipReadiness: _s, ...missing } = plan;
    expect(() => checkPlanJson(JSON.stringify(missing))).toThrow(/does not match the Plan schema/);
    expect(() => checkPlanJson(JSON.stringify({ ...plan, level: '2' }))).toThrow(/does not match the Plan schema/);
    expect(() => checkPlanJson(JSON.stringify({ ...plan, actions: [{ ...plan.actions[0], overdue: 'yes' }] }))).toThrow(
      /does not match the Plan schema/,
    );
  });

  it('splices the plan into the view; the rest goes through the schema (unknown keys dropped)', () => {
    const view = {
      childId: P,
      supportLevel: 2,
      plan: new PlanJson(P, 3, JSON.stringify(plan)),
      coordinator: null,
      bestInterestLead: null,
      bestInterestLeadProposal: {
        stage: 'in_school',
        role: 'principal',
        transition: null,
        acceptableRoles: ['principal'],
        currentMatches: null,
        proposeChange: true,
      },
      team: [],
      guardians: [],
      handovers: [],
      earlierPlans: [],
      internalNote: 'not for the wire',
    } as unknown as PlanViewWire;
    const out = JSON.parse(serializePlanViewWire(view));
    expect(out.plan).toEqual(plan);
    expect(out.childId).toBe(P);
    expect(out).not.toHaveProperty('internalNote');
    expect(JSON.parse(serializePlanViewWire({ ...view, plan: null })).plan).toBeNull();
    expect(view.plan!.parse()).toEqual(plan);
  });
});

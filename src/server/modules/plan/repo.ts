/**
 * Parametrised SQL for the child's plan and role handovers. Only the plan and handover services call
 * these, inside readChildData / writeChildData / auditedTransaction (gate and audit). The plan and its
 * items are read in ONE statement (items aggregated as JSON), the team around it in another.
 *
 * One face for the services, split by reason to change: the shared SQL fragments (plan-sql.ts), the
 * items (items-repo.ts), the plan view and its read model (view-repo.ts), the team and handover
 * candidates (team-repo.ts), locks, facts and versioned writes (writes-repo.ts), and the handovers
 * (handover-repo.ts).
 */
export type { PlanItem, PlanItemKind } from './plan-sql.js';
export * from './handover-repo.js';
export * from './items-repo.js';
export * from './team-repo.js';
export * from './view-repo.js';
export * from './writes-repo.js';

import { isDeepStrictEqual } from 'node:util';
import { Plan, PlanView } from '../../../contract/plan/index.js';

/**
 * The plan as PostgreSQL wrote it (repo.ts PLAN_SELECT: schemas.ts `Plan` as JSON text), carried
 * to the client without being parsed and serialised again in Node. The plan view is the hot read
 * of the product (bench plan-read): for a large plan the parse, the response schema's parse and
 * the re-serialisation cost more than everything else in the process together.
 *
 * What the response schema would guarantee at run time — exactly the documented keys, of the
 * documented types — is guaranteed by the SQL, which names every key (row_to_json of explicit
 * columns, json_build_object); under the test suite (NODE_ENV=test) every plan sent this way is
 * also checked against the schema (`checkPlanJson`), so a change to one without the other fails.
 */
export class PlanJson {
  constructor(
    readonly id: string,
    readonly version: number,
    readonly json: string,
  ) {}

  /** The plan as an object (for the rare paths that need one: a version conflict's body). */
  parse(): Plan {
    return JSON.parse(this.json) as Plan;
  }
}

/** The plan view with the plan as PostgreSQL wrote it. */
export type PlanViewWire = Omit<PlanView, 'plan'> & { plan: PlanJson | null };

const CHECK = process.env.NODE_ENV === 'test';

/** Throws when the JSON is not exactly a `Plan` (a missing, extra or mistyped key anywhere). */
export function checkPlanJson(json: string): void {
  const raw: unknown = JSON.parse(json);
  const parsed = Plan.safeParse(raw);
  if (!parsed.success)
    throw new Error(`plan JSON from the database does not match the Plan schema: ${parsed.error.message}`);
  if (!isDeepStrictEqual(parsed.data, raw))
    throw new Error('plan JSON from the database has keys the Plan schema does not name');
}

const Rest = PlanView.omit({ plan: true });

/**
 * The serializer of GET …/plan: the small parts through the response schema (zod strips and checks
 * them as on every route), the plan spliced in as it came.
 */
export function serializePlanViewWire(data: unknown): string {
  const { plan, ...rest } = data as PlanViewWire;
  const head = JSON.stringify(Rest.parse(rest));
  if (plan !== null && CHECK) checkPlanJson(plan.json);
  return `{"plan":${plan === null ? 'null' : plan.json},${head.slice(1)}`;
}

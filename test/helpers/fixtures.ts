import type { Db } from '../../src/server/db/client.js';
import { swedishToday } from '../../src/server/clock.js';

/**
 * Finds demo-county fixtures by their relation to a demo user, straight from the tables (not
 * through the access gate), so the tests do not trust the code they test. For the browser tests,
 * which run against the demo county on the real clock: integration tests build the children they
 * need with scenario.ts instead. Children with protected identity come last: which children they
 * are depends on the day the demo was built for.
 */
/**
 * An SQL condition: the child `childExpr` has a given consent in force on the date `dateExpr`
 * (whatever it covers), for tests that need a reader who may see another domain's records.
 */
export const consentInForceSql = (childExpr: string, dateExpr: string) =>
  `EXISTS (SELECT 1 FROM consent k WHERE k.child_id = ${childExpr} AND k.given AND k.withdrawn_at IS NULL AND k.valid_from <= ${dateExpr} AND k.valid_to >= ${dateExpr})`;

export async function personByUsername(
  db: Db,
  username: string,
): Promise<{ id: string; assignments: { id: string; role: string; organisationId: string }[] }> {
  const p = await db.query<{ id: string }>('SELECT id FROM person WHERE username = $1', [username]);
  const id = p.rows[0]!.id;
  const a = await db.query<{ id: string; role: string; organisation_id: string }>(
    'SELECT id, role, organisation_id FROM assignment WHERE person_id = $1 ORDER BY id',
    [id],
  );
  return { id, assignments: a.rows.map((r) => ({ id: r.id, role: r.role, organisationId: r.organisation_id })) };
}

export interface ChildRef {
  id: string;
  personnummer: string;
}

async function childRefs(db: Db, sql: string, params: unknown[]): Promise<ChildRef[]> {
  const r = await db.query<ChildRef>(sql, params);
  return r.rows.map(({ id, personnummer }) => ({ id, personnummer }));
}

export async function childrenOnTeam(db: Db, assignmentId: string, today = swedishToday()): Promise<ChildRef[]> {
  return childRefs(
    db,
    `SELECT DISTINCT c.id, c.personnummer, c.protected_identity FROM child c JOIN team_membership t ON t.child_id = c.id
      WHERE t.assignment_id = $1 AND t.valid_from <= $2::date AND (t.valid_to IS NULL OR t.valid_to >= $2::date) ORDER BY c.protected_identity, c.id`,
    [assignmentId, today],
  );
}

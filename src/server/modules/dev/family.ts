import type { DemoUser } from '../../../contract/dev.js';
import type { Queryable } from '../../db/client.js';
import { asciiFold } from '../../demo/data.js';

/**
 * The demo's family members for the dev routes: guardians with custody of a demo child today (their
 * username is their e-mail), and demo children with a maturity judgement in force (username
 * `barn.<given>.<family>.<birth year>`). Both log in to the family's Barnkompass, never as staff.
 */

interface FamilyRow {
  kind: 'guardian' | 'child';
  id: string;
  given_name: string;
  family_name: string;
  email: string | null;
  birth_year: string | null;
  children: string[] | null;
}

const childUsername = (r: Pick<FamilyRow, 'given_name' | 'family_name' | 'birth_year'>) =>
  `barn.${asciiFold(r.given_name)}.${asciiFold(r.family_name)}.${r.birth_year}`;

async function familyRows(q: Queryable, today: string): Promise<FamilyRow[]> {
  const r = await q.query<FamilyRow>(
    `SELECT 'guardian' AS kind, g.id, g.given_name, g.family_name, g.email, NULL AS birth_year,
            array_agg(c.given_name ORDER BY c.birth_date) AS children
       FROM guardian g JOIN custody k ON k.guardian_id = g.id AND k.has_custody
            AND k.valid_from <= $1::date AND (k.valid_to IS NULL OR k.valid_to >= $1::date)
       JOIN child c ON c.id = k.child_id
      WHERE g.is_test_data AND g.email IS NOT NULL
      GROUP BY g.id
     UNION ALL
     SELECT 'child', c.id, c.given_name, c.family_name, NULL, to_char(c.birth_date, 'YYYY'), NULL
       FROM child c
      WHERE c.is_test_data AND EXISTS (SELECT 1 FROM child_maturity_judgement j WHERE j.child_id = c.id
              AND j.valid_from <= $1::date AND (j.withdrawn_on IS NULL OR j.withdrawn_on > $1::date))
      ORDER BY 4, 3`,
    [today],
  );
  return r.rows;
}

export async function demoFamilyUsers(q: Queryable, today: string): Promise<DemoUser[]> {
  return (await familyRows(q, today)).map((f) => ({
    kind: f.kind,
    id: f.id,
    username: f.kind === 'guardian' ? f.email! : childUsername(f),
    name: `${f.given_name} ${f.family_name}`,
    titles: f.kind === 'guardian' ? [`Vårdnadshavare till ${(f.children ?? []).join(', ')}`] : ['Barn'],
    organisations: [],
  }));
}

/** The demo family member with this username, or null. */
export async function demoFamilyByUsername(
  q: Queryable,
  username: string,
  today: string,
): Promise<{ kind: 'guardian' | 'child'; id: string } | null> {
  const found = (await familyRows(q, today)).find((f) =>
    f.kind === 'guardian' ? f.email === username : childUsername(f) === username,
  );
  return found ? { kind: found.kind, id: found.id } : null;
}

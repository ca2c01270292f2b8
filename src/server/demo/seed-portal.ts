/**
 * The family's own Barnkompass in the demo: a few teenagers on coordinated teams have a recorded
 * judgement of their maturity (by their coordinator), so they can log in to see their own page.
 * Guardians need nothing here: custody from the population file is what lets them in.
 */
import type { Queryable } from '../db/client.js';
import { addDays, ageOn, demoUuid } from './random.js';
import type { DemoData } from './seed.js';

const REASONS = [
  'Hen har själv frågat efter att kunna se sin plan och förstår vad den handlar om; bedömt i samtal med hen och vårdnadshavarna.',
  'Mogen nog att följa sin egen plan: deltar aktivt på mötena och har skrivit Min röst själv.',
  'Bedömt tillsammans med teamet efter samtal med eleven; hen vill se vem som hjälper hen och när nästa möte är.',
];

export async function seedPortal(tx: Queryable, data: DemoData): Promise<{ judgements: number }> {
  const today = data.today;
  const childById = new Map(data.child.map((c) => [c.id, c]));
  const coordinators = data.team_membership.filter(
    (t) =>
      t.team_role === 'coordinator' &&
      t.valid_to === null &&
      t.valid_from <= addDays(today, -30) &&
      !childById.get(t.child_id)?.protected_identity,
  );
  const teens = coordinators
    .filter((t) => {
      const c = childById.get(t.child_id);
      const age = c ? ageOn(c.birth_date, today) : 0;
      return age >= 12 && age <= 17;
    })
    .sort((a, b) => a.child_id.localeCompare(b.child_id))
    .slice(0, 3);
  for (const [i, t] of teens.entries()) {
    await tx.query(
      `INSERT INTO child_maturity_judgement (id, child_id, judged_by_person_id, judged_by_assignment_id, valid_from, reason, created_at)
       VALUES ($1, $2, $3, $4, $5::date, $6, $7)`,
      [
        demoUuid(`maturity:${t.child_id}`),
        t.child_id,
        t.person_id,
        t.assignment_id,
        addDays(today, -(10 + i * 7)),
        REASONS[i % REASONS.length],
        `${addDays(today, -(10 + i * 7))}T09:30:00Z`,
      ],
    );
  }
  return { judgements: teens.length };
}

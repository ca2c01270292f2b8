import type { Queryable } from '../../src/server/db/client.js';
import {
  CHILD_TEST_NUMBERS,
  GUARDIAN_TEST_NUMBERS,
  PAIRED_TEST_RANGES,
  UNVERIFIED_FROM_YEAR,
  birthDateOf,
  inferredModernTestNumber,
  legalGenderOf,
  pairedTestNumber,
} from '../../src/server/demo/test-personnummer.js';
import { addDays, addYears } from './dates.js';

/**
 * Test personnummer for the people a scenario adds: Skatteverket's test numbers (the project's
 * pool), never one already in the database (the demo county uses some, which ones depends on the
 * day it was built for). Drawn in the list's order, so a test file gets the same numbers each run
 * on the same day; an exhausted pool fails loudly rather than reusing a number.
 */

export type LegalGender = 'female' | 'male';

async function numbersInUse(db: Queryable): Promise<Set<string>> {
  const r = await db.query<{ personnummer: string }>(
    'SELECT personnummer FROM child UNION SELECT personnummer FROM guardian WHERE personnummer IS NOT NULL',
  );
  return new Set(r.rows.map((x) => x.personnummer));
}

/** A free child's number for someone exactly `age` years old on `today`. */
export async function drawChildNumber(
  db: Queryable,
  age: number,
  today: string,
  gender?: LegalGender,
): Promise<string> {
  const used = await numbersInUse(db);
  const from = addDays(addYears(today, -(age + 1)), 1);
  const to = addYears(today, -age);
  const fits = (p: string) => !used.has(p) && (!gender || legalGenderOf(p) === gender);
  const listed = CHILD_TEST_NUMBERS.find((p) => birthDateOf(p) >= from && birthDateOf(p) <= to && fits(p));
  if (listed) return listed;
  // Births from 2020 on: the inferred 238/239 number, one a day.
  for (
    let d = from > `${UNVERIFIED_FROM_YEAR}-01-01` ? from : `${UNVERIFIED_FROM_YEAR}-01-01`;
    d <= to;
    d = addDays(d, 1)
  ) {
    const p = inferredModernTestNumber(d);
    if (fits(p)) return p;
  }
  throw new Error(
    `scenario: no free test personnummer for a child aged ${age} on ${today}${gender ? ` (${gender})` : ''}`,
  );
}

/** A free adult's number (a guardian born 1975–1986, else in the paired 238/239 ranges of 1990–93). */
export async function drawGuardianNumber(db: Queryable, gender: LegalGender): Promise<string> {
  const used = await numbersInUse(db);
  const listed = GUARDIAN_TEST_NUMBERS.find((p) => !used.has(p) && legalGenderOf(p) === gender);
  if (listed) return listed;
  for (const [first, last] of PAIRED_TEST_RANGES) {
    for (let d = first; d <= last; d = addDays(d, 1)) {
      const p = pairedTestNumber(d, gender);
      if (!used.has(p)) return p;
    }
  }
  throw new Error(`scenario: no free test personnummer for a ${gender} guardian`);
}

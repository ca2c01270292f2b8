// Test-only helpers for the scipy reference vectors (test/fixtures/reference/statistics, a verbatim
// copy of ../shared/reference/statistics kept in the repository so a fresh checkout can test).
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

export function readReference(name: string): unknown {
  const url = new URL(`../../../test/fixtures/reference/statistics/${name}`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as unknown;
}

/**
 * The reference's full-precision values are checked to 1e-6. Its summary blocks state some values
 * rounded to 2–4 decimals (e.g. "chi2": 4.2468); those are checked to half a unit in the last
 * stated digit, which is as close as a rounded number allows. Integers are exact.
 */
export function toleranceFor(expected: number): number {
  if (Number.isInteger(expected)) return 1e-6;
  const text = String(expected);
  const decimals = text.includes('e') ? 20 : (text.split('.')[1]?.length ?? 0);
  return Math.max(1e-6, 0.5 * 10 ** -decimals * (1 + 1e-9));
}

export function expectClose(actual: number | null | undefined, expected: number, label: string): void {
  expect(actual, `${label}: no value computed`).toBeTypeOf('number');
  const diff = Math.abs((actual as number) - expected);
  expect(diff, `${label}: got ${actual}, expected ${expected}`).toBeLessThanOrEqual(toleranceFor(expected));
}

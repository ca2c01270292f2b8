/** Deterministic randomness, ids and date arithmetic for the demo seed. */
import { hashSeed, mulberry32 } from '../../core/followup/random.js';
import { stableUuid } from '../../core/stable-uuid.js';

export { addDays, addYears, ageOn, daysBetween, isCalendarDay as isIsoDate, yearOf } from '../../core/calendar.js';

export class Rng {
  private readonly next: () => number;
  constructor(key: string) {
    this.next = mulberry32(hashSeed(`barnkompass-demo/${key}`));
  }
  float(): number {
    return this.next();
  }
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }
  /** Picks by weight; weights need not sum to 1. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    const last = items[items.length - 1];
    if (!last) throw new Error('weighted pick from an empty list');
    return last[0];
  }
  shuffle<T>(items: readonly T[]): T[] {
    const a = [...items];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [a[i], a[j]] = [a[j] as T, a[i] as T];
    }
    return a;
  }
}

/** A stable, v5-shaped UUID derived from a key (in the demo's namespace). */
export function demoUuid(key: string): string {
  return stableUuid(`barnkompass-demo:${key}`);
}

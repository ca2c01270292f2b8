// What a row is checked against, built once per file from the context and the column mapping:
// byte dictionaries for codes and mapped values, the grades per wave, the "no answer" tokens, and
// each mapped item's codebook per wave.

import type { ImportContext } from './validation-types.js';
import { ByteDictionary } from './bytes.js';
import type { ResolvedMapping } from './mapping.js';

export interface RowLookups {
  /** Wave index by year. */
  readonly yearDict: Map<number, number>;
  /** Wave of a fixed year: −1 none, −2 not a wave of this survey. */
  readonly fixedWave: number;
  readonly muniDict: ByteDictionary;
  readonly schoolDict: ByteDictionary;
  readonly grades: readonly string[];
  readonly gradeDict: ByteDictionary;
  /** gradesByWave[wave * 256 + grade] = 1 when the grade was surveyed in that wave. */
  readonly gradesByWave: Uint8Array;
  readonly genderDict: ByteDictionary;
  readonly bornDict: ByteDictionary;
  readonly missingDict: ByteDictionary;
  readonly missingNumbers: ReadonlySet<number>;
}

export interface ItemSpec {
  readonly key: string;
  readonly field: string;
  readonly column: number;
  /** valid[wave * 256 + code] = 1 for the codebook of the version asked in that wave. */
  readonly valid: Uint8Array;
  readonly asked: readonly boolean[];
  out: Uint8Array;
}

export function buildLookups(ctx: ImportContext, resolved: ResolvedMapping): RowLookups {
  const waves = ctx.waves;
  const yearDict = new Map(waves.map((w, i) => [w.year, i]));
  const m = resolved.mapping;
  const muniEntries: [string, number][] = ctx.municipalities.map((c, i) => [c, i]);
  for (const [src, code] of Object.entries(m.values.municipality)) {
    const i = ctx.municipalities.indexOf(code);
    if (i >= 0) muniEntries.push([src, i]);
  }
  const grades = [...new Set(waves.flatMap((w) => w.grades))];
  const gradeEntries: [string, number][] = grades.map((g, i) => [g, i]);
  for (const [src, g] of Object.entries(m.values.grade)) {
    const i = grades.indexOf(g);
    if (i >= 0) gradeEntries.push([src, i]);
  }
  const gradesByWave = new Uint8Array(waves.length * 256);
  waves.forEach((w, wi) => w.grades.forEach((g) => (gradesByWave[wi * 256 + grades.indexOf(g)] = 1)));
  const genderIndex = { girl: 0, boy: 1, other: 2 } as const;
  return {
    yearDict,
    fixedWave: m.fixedYear === undefined ? -1 : (yearDict.get(m.fixedYear) ?? -2),
    muniDict: new ByteDictionary(muniEntries, true),
    schoolDict: new ByteDictionary(
      ctx.schools.map((c, i) => [c, i]),
      true,
    ),
    grades,
    gradeDict: new ByteDictionary(gradeEntries, true),
    gradesByWave,
    genderDict: new ByteDictionary(
      Object.entries(m.values.gender).map(([k, v]) => [k, genderIndex[v]] as const),
      true,
    ),
    bornDict: new ByteDictionary(
      Object.entries(m.values.bornInSweden).map(([k, v]) => [k, v ? 1 : 0] as const),
      true,
    ),
    missingDict: new ByteDictionary(m.values.missing.map((t) => [t.trim(), 1] as const)),
    missingNumbers: new Set(
      m.values.missing
        .map((t) => t.trim())
        .filter((t) => /^-?[0-9]{1,9}$/.test(t))
        .map(Number),
    ),
  };
}

/** The mapped items with their codebooks per wave and an output column of `cap` rows. */
export function itemSpecs(ctx: ImportContext, resolved: ResolvedMapping, cap: number): ItemSpec[] {
  const waves = ctx.waves;
  return resolved.items.map(({ key, column }) => {
    const valid = new Uint8Array(waves.length * 256);
    const asked = waves.map((w, wi) => {
      const it = w.items.find((i) => i.key === key);
      if (!it) return false;
      const version = ctx.instrument.items.find((i) => i.key === key)?.versions.find((v) => v.version === it.version);
      for (const o of version?.options ?? []) valid[wi * 256 + o.code] = 1;
      return true;
    });
    return { key, field: `item:${key}`, column, valid, asked, out: new Uint8Array(cap) };
  });
}

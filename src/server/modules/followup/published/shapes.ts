// The published read side's output shapes and the pieces every endpoint shares: which cube
// breakdown answers a breakdown of an area, and how a cell, a comparison and a test leave the
// server (a hidden cell never with x, share or CI).

import type { z } from 'zod';
import type * as S from '../../../../contract/followup.js';
import { AppError } from '../../../../core/errors.js';
import { assess, type Adjusted, type Comparison, type GroupsTest } from '../../../../core/followup/comparisons.js';
import type { CubeCell, Dimension, IndicatorDefinition } from '../../../../core/followup/index.js';

export type Out<T extends z.ZodType> = z.output<T>;
export type CellOut = Out<typeof S.PublishedCell>;
export type ComparisonOut = Out<typeof S.Comparison>;
export type Area = Out<typeof S.Area>;
export type Family = Out<typeof S.Family>;
export type BreakdownDim = Out<typeof S.BreakdownDimension>;

/** Response rates below this are flagged (CubeOptions' default, which the service uses). */
export const LOW_RESPONSE_RATE = 0.7;

/** Which cube breakdown answers "dimension d within this kind of area". */
export const BREAKDOWNS: Record<Area['kind'], Partial<Record<BreakdownDim, string>>> = {
  county: {
    municipality: 'municipality',
    school: 'school',
    gender: 'gender',
    family_ladder: 'family_ladder',
    school_ladder: 'school_ladder',
    background: 'background',
  },
  municipality: { gender: 'municipality_gender', family_ladder: 'municipality_family_ladder' },
  school: { gender: 'school_gender', family_ladder: 'school_family_ladder' },
};
/** Gender × family ladder within an area (parent: the area's gender cell). */
export const EQUITY_BREAKDOWNS: Record<Area['kind'], { all: string; byGender: string; gender: string }> = {
  county: { all: 'family_ladder', byGender: 'gender_family_ladder', gender: 'gender' },
  municipality: {
    all: 'municipality_family_ladder',
    byGender: 'municipality_gender_family_ladder',
    gender: 'municipality_gender',
  },
  school: { all: 'school_family_ladder', byGender: 'school_gender_family_ladder', gender: 'school_gender' },
};

export interface AreaQuery {
  instrument?: string | undefined;
  wave?: number | undefined;
  grade?: string | undefined;
  municipality?: string | undefined;
  school?: string | undefined;
}

/** The cube parent of an area's tables: the grade, and the municipality or school. */
export function areaParent(grade: string, area: Area): Partial<Record<Dimension, string>> {
  return {
    grade,
    ...(area.kind === 'municipality'
      ? { municipality: area.code! }
      : area.kind === 'school'
        ? { school: area.code! }
        : {}),
  };
}

export const cellOut = (
  c: Pick<CubeCell, 'n' | 'x' | 'share' | 'ciLow' | 'ciHigh' | 'status'> & { group?: string },
  group?: string,
): CellOut => {
  // Belt and braces: whatever the cube says, a hidden cell leaves with no x, share or CI.
  const ok = c.status === 'ok';
  return {
    group: group ?? c.group ?? 'all',
    n: c.status === 'unit_too_small' ? null : c.n,
    x: ok ? c.x : null,
    share: ok ? c.share : null,
    ciLow: ok ? c.ciLow : null,
    ciHigh: ok ? c.ciHigh : null,
    status: c.status,
  };
};

export const comparisonOut = (
  c: Comparison,
  adj: Adjusted | undefined,
  polarity: IndicatorDefinition['polarity'],
): ComparisonOut => ({
  ...c,
  adjustedP: adj?.adjustedP ?? null,
  adjustment: adj?.method ?? null,
  familySize: adj?.familySize ?? null,
  assessment: assess(c, polarity, adj?.adjustedP ?? null),
});

export const groupsTestOut = (t: GroupsTest, adj: Adjusted | undefined): Out<typeof S.GroupsTest> => ({
  ...t,
  groups: [...t.groups],
  excluded: [...t.excluded],
  adjustedP: adj?.adjustedP ?? null,
  adjustment: adj?.method ?? null,
  familySize: adj?.familySize ?? null,
});

export const indicatorMeta = (d: IndicatorDefinition): Out<typeof S.IndicatorMeta> => ({
  key: d.key,
  labelSv: d.labelSv,
  labelEn: d.labelEn,
  wheel: d.wheel,
  polarity: d.polarity,
  goal: d.goal,
  grades: d.grades ? [...d.grades] : null,
});

export const bad = (message: string, details?: Record<string, unknown>) =>
  new AppError('bad_request', message, details);

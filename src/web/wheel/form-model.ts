/**
 * The assessment form's values and the pure rules around them: building request bodies, the
 * patch of only what the user changed, and re-applying that change on top of someone else's newer
 * version after a 412.
 */
import {
  MY_WORLD_SIDES,
  MY_WORLD_TRIANGLE,
  RESILIENCE_QUADRANTS,
  WHEEL_INDICATORS,
  type WheelIndicator,
} from '../../core/wheel.js';
import type { WheelAssessment, WheelCreateBody, WheelPatchBody } from './wheel-api.js';

export type PerspectiveChoice = 'child' | 'guardian' | 'professional' | '';
export const RESILIENCE_FIELDS = [...RESILIENCE_QUADRANTS, 'analysis'] as const;
export type ResilienceField = (typeof RESILIENCE_FIELDS)[number];

export interface IndicatorValues {
  whatWorks: string;
  whatIsHard: string;
  rating: number | null;
}

export interface FormValues {
  assessedOn: string;
  perspective: PerspectiveChoice;
  guardianId: string;
  indicators: Record<WheelIndicator, IndicatorValues>;
  /** Keyed "side.heading", e.g. "myWiderWorld.school". */
  myWorld: Record<string, { strengths: string; challenges: string }>;
  resilience: Record<ResilienceField, string>;
  /** Kept from the guardians (never in anything produced for the family). */
  secretFromGuardians: boolean;
}

export const MY_WORLD_KEYS: string[] = MY_WORLD_SIDES.flatMap((side) =>
  MY_WORLD_TRIANGLE[side].map((h) => `${side}.${h}`),
);

export function emptyForm(today: string): FormValues {
  return {
    assessedOn: today,
    perspective: '',
    guardianId: '',
    indicators: Object.fromEntries(
      WHEEL_INDICATORS.map((i) => [i, { whatWorks: '', whatIsHard: '', rating: null }]),
    ) as FormValues['indicators'],
    myWorld: Object.fromEntries(MY_WORLD_KEYS.map((k) => [k, { strengths: '', challenges: '' }])),
    resilience: Object.fromEntries(RESILIENCE_FIELDS.map((k) => [k, ''])) as FormValues['resilience'],
    secretFromGuardians: false,
  };
}

export function formFromAssessment(a: WheelAssessment): FormValues {
  const v = emptyForm(a.assessedOn);
  v.perspective = a.perspective.kind;
  v.guardianId = a.perspective.kind === 'guardian' ? a.perspective.guardianId : '';
  for (const e of a.indicators)
    v.indicators[e.indicator] = { whatWorks: e.whatWorks, whatIsHard: e.whatIsHard, rating: e.rating };
  const tri = (a.myWorldTriangle ?? {}) as Record<
    string,
    Record<string, { strengths?: string; challenges?: string } | undefined> | undefined
  >;
  for (const key of MY_WORLD_KEYS) {
    const [side, heading] = key.split('.') as [string, string];
    const cell = tri[side]?.[heading];
    v.myWorld[key] = { strengths: cell?.strengths ?? '', challenges: cell?.challenges ?? '' };
  }
  const rm = (a.resilienceMatrix ?? {}) as Partial<Record<ResilienceField, string>>;
  for (const k of RESILIENCE_FIELDS) v.resilience[k] = rm[k] ?? '';
  v.secretFromGuardians = a.secretFromGuardians;
  return v;
}

function myWorldBody(v: FormValues): WheelCreateBody['myWorldTriangle'] {
  const out: Record<string, Record<string, { strengths?: string; challenges?: string }>> = {};
  for (const key of MY_WORLD_KEYS) {
    const [side, heading] = key.split('.') as [string, string];
    const cell = v.myWorld[key]!;
    const strengths = cell.strengths.trim();
    const challenges = cell.challenges.trim();
    if (!strengths && !challenges) continue;
    out[side] ??= {};
    out[side][heading] = { ...(strengths ? { strengths } : {}), ...(challenges ? { challenges } : {}) };
  }
  return Object.keys(out).length > 0 ? (out as WheelCreateBody['myWorldTriangle']) : null;
}

function resilienceBody(v: FormValues): WheelCreateBody['resilienceMatrix'] {
  const out: Partial<Record<ResilienceField, string>> = {};
  for (const k of RESILIENCE_FIELDS) if (v.resilience[k].trim()) out[k] = v.resilience[k].trim();
  return Object.keys(out).length > 0 ? out : null;
}

function perspectiveBody(v: FormValues): WheelCreateBody['perspective'] {
  if (v.perspective === 'guardian') return { kind: 'guardian', guardianId: v.guardianId };
  if (v.perspective === 'professional') return { kind: 'professional' };
  return { kind: 'child' };
}

export function createBody(v: FormValues): WheelCreateBody {
  return {
    assessedOn: v.assessedOn,
    perspective: perspectiveBody(v),
    indicators: WHEEL_INDICATORS.map((indicator) => ({ indicator, ...v.indicators[indicator] })),
    myWorldTriangle: myWorldBody(v),
    resilienceMatrix: resilienceBody(v),
    secretFromGuardians: v.secretFromGuardians,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Only what differs from the version the edit started from; null when nothing changed. */
export function patchBody(base: FormValues, v: FormValues): WheelPatchBody | null {
  const body: WheelPatchBody = {};
  if (v.assessedOn !== base.assessedOn) body.assessedOn = v.assessedOn;
  if (v.perspective !== base.perspective || (v.perspective === 'guardian' && v.guardianId !== base.guardianId))
    body.perspective = perspectiveBody(v);
  const indicators: NonNullable<WheelPatchBody['indicators']> = [];
  for (const i of WHEEL_INDICATORS) {
    const a = base.indicators[i];
    const b = v.indicators[i];
    const change: (typeof indicators)[number] = { indicator: i };
    if (a.whatWorks !== b.whatWorks) change.whatWorks = b.whatWorks;
    if (a.whatIsHard !== b.whatIsHard) change.whatIsHard = b.whatIsHard;
    if (a.rating !== b.rating) change.rating = b.rating;
    if (Object.keys(change).length > 1) indicators.push(change);
  }
  if (indicators.length > 0) body.indicators = indicators;
  if (!same(myWorldBody(v), myWorldBody(base))) body.myWorldTriangle = myWorldBody(v);
  if (!same(resilienceBody(v), resilienceBody(base))) body.resilienceMatrix = resilienceBody(v);
  if (v.secretFromGuardians !== base.secretFromGuardians) body.secretFromGuardians = v.secretFromGuardians;
  return Object.keys(body).length > 0 ? body : null;
}

/** A field someone else changed, for "this is what they changed". */
export type ChangedField =
  | { kind: 'assessedOn' | 'perspective' | 'myWorldTriangle' | 'resilienceMatrix' | 'secretFromGuardians' }
  | { kind: 'indicator'; indicator: WheelIndicator; field: 'whatWorks' | 'whatIsHard' | 'rating' };

export function changedFields(from: FormValues, to: FormValues): ChangedField[] {
  const out: ChangedField[] = [];
  if (from.assessedOn !== to.assessedOn) out.push({ kind: 'assessedOn' });
  if (from.perspective !== to.perspective || from.guardianId !== to.guardianId) out.push({ kind: 'perspective' });
  for (const i of WHEEL_INDICATORS) {
    for (const field of ['whatWorks', 'whatIsHard', 'rating'] as const)
      if (from.indicators[i][field] !== to.indicators[i][field]) out.push({ kind: 'indicator', indicator: i, field });
  }
  if (!same(myWorldBody(from), myWorldBody(to))) out.push({ kind: 'myWorldTriangle' });
  if (!same(resilienceBody(from), resilienceBody(to))) out.push({ kind: 'resilienceMatrix' });
  if (from.secretFromGuardians !== to.secretFromGuardians) out.push({ kind: 'secretFromGuardians' });
  return out;
}

/**
 * Re-applies my edit (base → mine) on top of their newer version: every field I changed takes my
 * value, every other field takes theirs.
 */
export function reapply(base: FormValues, mine: FormValues, theirs: FormValues): FormValues {
  const out: FormValues = structuredClone(theirs);
  if (mine.assessedOn !== base.assessedOn) out.assessedOn = mine.assessedOn;
  if (mine.perspective !== base.perspective || mine.guardianId !== base.guardianId) {
    out.perspective = mine.perspective;
    out.guardianId = mine.guardianId;
  }
  for (const i of WHEEL_INDICATORS) {
    for (const field of ['whatWorks', 'whatIsHard', 'rating'] as const) {
      if (mine.indicators[i][field] !== base.indicators[i][field])
        (out.indicators[i] as unknown as Record<string, unknown>)[field] = mine.indicators[i][field];
    }
  }
  for (const k of MY_WORLD_KEYS) {
    for (const field of ['strengths', 'challenges'] as const)
      if (mine.myWorld[k]![field] !== base.myWorld[k]![field]) out.myWorld[k]![field] = mine.myWorld[k]![field];
  }
  for (const k of RESILIENCE_FIELDS)
    if (mine.resilience[k] !== base.resilience[k]) out.resilience[k] = mine.resilience[k];
  if (mine.secretFromGuardians !== base.secretFromGuardians) out.secretFromGuardians = mine.secretFromGuardians;
  return out;
}

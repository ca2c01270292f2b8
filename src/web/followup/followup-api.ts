/**
 * The published follow-up's calls (read only). Types are type-only imports of the API
 * contract's zod schemas (src/contract). Query strings carry codes and ids only.
 */
import type { z } from 'zod';
import { request } from '../api.js';
import type {
  EquityResponse,
  IndicatorResponse,
  InstrumentsResponse,
  OverviewResponse,
  ProfileResponse,
} from '../../contract/followup.js';

export type Instruments = z.infer<typeof InstrumentsResponse>;
export type Instrument = Instruments['instruments'][number];
export type Overview = z.infer<typeof OverviewResponse>;
export type OverviewRow = Overview['wheel'][number]['indicators'][number];
export type IndicatorDrill = z.infer<typeof IndicatorResponse>;
export type Equity = z.infer<typeof EquityResponse>;
export type Profile = z.infer<typeof ProfileResponse>;
export type Cell = NonNullable<OverviewRow['cell']>;
export type Comparison = OverviewRow['vsCounty'];
export type TrendPoint = OverviewRow['trend'][number];
export type SeriesBreak = OverviewRow['seriesBreaks'][number];
export type IndicatorMeta = OverviewRow['indicator'];
export type Area = Overview['area'];
export type Family = Overview['family'];
export type ResponseRate = NonNullable<Overview['responseRate']>;
export type Breakdown = IndicatorDrill['breakdown'];

/** What the address says: wave, grade, area, breakdown, indicator (codes only). */
export interface Filters {
  wave?: number | undefined;
  grade?: string | undefined;
  municipality?: string | undefined;
  school?: string | undefined;
  breakdown?: Breakdown | undefined;
  indicator?: string | undefined;
}

export function queryString(f: Filters): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export function filtersFromSearch(search: string): Filters {
  const q = new URLSearchParams(search);
  const wave = q.get('wave');
  return {
    wave: wave && /^\d{4}$/.test(wave) ? Number(wave) : undefined,
    grade: q.get('grade') ?? undefined,
    municipality: q.get('municipality') ?? undefined,
    school: q.get('school') ?? undefined,
    breakdown: (q.get('breakdown') as Breakdown | null) ?? undefined,
    indicator: q.get('indicator') ?? undefined,
  };
}

let instruments: Promise<Instruments> | null = null;

export const followupApi = {
  /** Loaded once per page load (the filters' choices); a failure is not remembered. */
  instruments(): Promise<Instruments> {
    if (!instruments) {
      instruments = request<Instruments>('GET', '/api/followup/instruments');
      instruments.catch(() => {
        instruments = null;
      });
    }
    return instruments;
  },
  overview: (f: Filters) =>
    request<Overview>(
      'GET',
      `/api/followup/overview${queryString({ wave: f.wave, grade: f.grade, municipality: f.municipality, school: f.school })}`,
    ),
  indicator: (id: string, f: Filters) =>
    request<IndicatorDrill>(
      'GET',
      `/api/followup/indicators/${encodeURIComponent(id)}${queryString({ wave: f.wave, grade: f.grade, municipality: f.municipality, school: f.school, breakdown: f.breakdown })}`,
    ),
  equity: (f: Filters & { indicator: string }) =>
    request<Equity>(
      'GET',
      `/api/followup/equity${queryString({ indicator: f.indicator, wave: f.wave, grade: f.grade, municipality: f.municipality, school: f.school })}`,
    ),
  profile: (schoolId: string, f: Filters) =>
    request<Profile>(
      'GET',
      `/api/followup/schools/${encodeURIComponent(schoolId)}/profile${queryString({ wave: f.wave, grade: f.grade })}`,
    ),
};

/**
 * The published follow-up as the dashboards read it: the overview of an area (county, municipality,
 * school) by wheel indicator, the drill-down of one indicator by a breakdown, the equity view
 * (gender × family ladder) and the school profile. Everything is read from the cube the
 * FollowupService publishes once per snapshot (suppression and CIs already applied), and every
 * comparison goes through core/followup/comparisons.ts, which never touches a hidden cell.
 *
 * No microdata leaves this module: only cube cells, with x/share/CI null whenever the cell is hidden.
 * Results are cached per snapshot and query (a snapshot is immutable; a change to the data makes a new one).
 *
 * Parts (published/): reader.ts (snapshot, metadata, cache, query checks), protected-tables.ts
 * (linked-table protection across areas), shapes.ts (output shapes), and one file per endpoint.
 */
import type * as S from '../../../contract/followup.js';
import type { CubeTable, Dimension, ResponseRate } from '../../../core/followup/index.js';
import type { Db } from '../../db/client.js';
import { FollowupService, type FollowupSnapshot } from './cube/service.js';
import { equity } from './published/equity.js';
import { indicator } from './published/indicator.js';
import { instruments } from './published/instruments.js';
import { overview } from './published/overview.js';
import { schoolProfile } from './published/profile.js';
import { safeTable } from './published/protected-tables.js';
import { PublishedReader } from './published/reader.js';
import type { AreaQuery, BreakdownDim, Out } from './published/shapes.js';
import type { StoredInstrument } from './repo.js';

/** One snapshot's tables as the API shows them (see PublishedFollowup.shownTables). */
export interface ShownTables {
  readonly snapshot: FollowupSnapshot;
  readonly instrument: StoredInstrument;
  /** A table with the linked-table protection across areas applied; null when it has no data. Throws RangeError for an unknown indicator or breakdown. */
  table(q: {
    indicator: string;
    breakdown: string;
    year: number;
    parent?: Partial<Record<Dimension, string>>;
  }): CubeTable | null;
  /** Response rates per wave × grade for the county, municipalities and schools (no 'not stated' areas). */
  responseRates(): readonly ResponseRate[];
}

export class PublishedFollowup {
  private readonly reader: PublishedReader;

  constructor(db: Db, service: FollowupService = new FollowupService(db)) {
    this.reader = new PublishedReader(db, service);
  }

  /**
   * One cube table as the API shows it (linked-table protection across areas applied). For other
   * publishers (CSV/PDF exports): a table taken straight from the cube can still be combined with
   * other areas' tables to work out a hidden cell.
   */
  async shownTable(
    q: { indicator: string; breakdown: string; year: number; parent?: Partial<Record<Dimension, string>> },
    instrumentId?: string,
  ): Promise<CubeTable | null> {
    const { snap, meta } = await this.reader.context(instrumentId);
    return safeTable(this.reader, snap, meta, q.indicator, q.breakdown, q.year, q.parent ?? {});
  }

  /**
   * Every table of one instrument's current snapshot as the API shows it, for publishers that need
   * many tables (the analyst's CSV and PDF exports): the same protected path as `shownTable`, bound
   * to one snapshot so an export never mixes two imports. Response rates are those the API lists.
   */
  async shownTables(instrumentId?: string): Promise<ShownTables> {
    const { snap, meta } = await this.reader.context(instrumentId);
    return {
      snapshot: snap,
      instrument: meta.stored,
      table: (q) => safeTable(this.reader, snap, meta, q.indicator, q.breakdown, q.year, q.parent ?? {}),
      responseRates: () => meta.rates,
    };
  }

  instruments(): Promise<Out<typeof S.InstrumentsResponse>> {
    return instruments(this.reader);
  }

  overview(q: AreaQuery): Promise<Out<typeof S.OverviewResponse>> {
    return overview(this.reader, q);
  }

  indicator(
    key: string,
    q: AreaQuery & { breakdown?: BreakdownDim | undefined },
  ): Promise<Out<typeof S.IndicatorResponse>> {
    return indicator(this.reader, key, q);
  }

  equity(q: AreaQuery & { indicator: string }): Promise<Out<typeof S.EquityResponse>> {
    return equity(this.reader, q);
  }

  schoolProfile(
    schoolCode: string,
    q: Omit<AreaQuery, 'municipality' | 'school'>,
  ): Promise<Out<typeof S.ProfileResponse>> {
    return schoolProfile(this.reader, schoolCode, q);
  }
}

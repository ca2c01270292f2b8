/**
 * The follow-up results the server publishes: survey microdata loaded once into memory
 * (clustered by cube cell), the cube built and published for the instrument's enabled
 * indicators, and single tables for the dashboards. Only aggregate, suppressed cells leave this
 * module. One cache per app server, keyed by the data's generation in the database
 * (generation.ts): a write through any server is seen by every server on its next request.
 *
 * Ready for the HTTP round: `publishedTable` is the dashboard query, `responseRates` the
 * response-rate table, `indicators` the indicator list with wheel mapping.
 */
import type { Db } from '../../../db/client.js';
import {
  DEFAULT_BREAKDOWNS,
  DEMO_INSTRUMENT_ID,
  buildCube,
  type BreakdownDefinition,
  clusterByCell,
  type CubeOptions,
  type CubeTable,
  type FollowupCube,
  type IndicatorDefinition,
  type PublishedCube,
  type ResponseRate,
  type TableQuery,
} from '../../../../core/followup/index.js';
import { loadIndicators, loadPopulation, loadSurveyData } from '../repo.js';
import { readGeneration } from './generation.js';

export interface FollowupSnapshot {
  readonly instrumentId: string;
  readonly respondents: number;
  readonly indicators: readonly IndicatorDefinition[];
  readonly published: PublishedCube;
  readonly buildMs: number;
}

/**
 * The breakdowns the server publishes: the core's defaults plus the two the equity view needs for
 * a municipality and a school (family-ladder groups within the area, and within each gender).
 */
export const PUBLISHED_BREAKDOWNS: readonly BreakdownDefinition[] = [
  ...DEFAULT_BREAKDOWNS,
  { key: 'school_family_ladder', dims: ['grade', 'school', 'family_ladder'] },
  { key: 'municipality_gender_family_ladder', dims: ['grade', 'municipality', 'gender', 'family_ladder'] },
];

export class FollowupService {
  private readonly cache = new Map<string, { generation: bigint; snapshot: Promise<FollowupSnapshot | null> }>();

  constructor(
    private readonly db: Db,
    private readonly cubeOptions: Omit<CubeOptions, 'indicators' | 'population'> = { breakdowns: PUBLISHED_BREAKDOWNS },
  ) {}

  /** The published cube of an instrument as the database has it now (rebuilt when the data changed); null if unknown. */
  async snapshot(instrumentId: string = DEMO_INSTRUMENT_ID): Promise<FollowupSnapshot | null> {
    return this.snapshotAt(instrumentId, await readGeneration(this.db));
  }

  /**
   * The cube for a generation the caller has just read. A cached cube built at that generation or
   * a later one is current enough: a build reads the data after its generation was read.
   */
  snapshotAt(instrumentId: string, generation: bigint): Promise<FollowupSnapshot | null> {
    const hit = this.cache.get(instrumentId);
    if (hit && hit.generation >= generation) return hit.snapshot;
    const entry = { generation, snapshot: this.build(instrumentId) };
    this.cache.set(instrumentId, entry);
    entry.snapshot.catch(() => {
      if (this.cache.get(instrumentId) === entry) this.cache.delete(instrumentId);
    });
    return entry.snapshot;
  }

  /** One published table (the dashboard query). */
  async publishedTable(q: TableQuery, instrumentId: string = DEMO_INSTRUMENT_ID): Promise<CubeTable | null> {
    const s = await this.snapshot(instrumentId);
    return s ? s.published.table(q) : null;
  }

  async responseRates(instrumentId: string = DEMO_INSTRUMENT_ID): Promise<ResponseRate[]> {
    const s = await this.snapshot(instrumentId);
    return s ? s.published.responseRates() : [];
  }

  private async build(instrumentId: string): Promise<FollowupSnapshot | null> {
    const started = performance.now();
    const loaded = await this.db.transaction(async (tx) => {
      const data = await loadSurveyData(tx, instrumentId);
      if (!data) return null;
      const indicators = await loadIndicators(tx, instrumentId, { enabledOnly: true });
      const population = await loadPopulation(tx, instrumentId);
      return { data, indicators: indicators.map((i) => i.definition), population };
    });
    if (!loaded) return null;
    const clustered = clusterByCell(loaded.data, this.cubeOptions).data;
    const cube: FollowupCube = buildCube(clustered, {
      ...this.cubeOptions,
      indicators: loaded.indicators,
      population: loaded.population,
    });
    const published = cube.publish();
    return {
      instrumentId,
      respondents: loaded.data.length,
      indicators: loaded.indicators,
      published,
      buildMs: Math.round(performance.now() - started),
    };
  }
}

// Shared types of the follow-up (uppföljning) core: survey instruments with codebooks and item
// versions, and the columnar, in-memory form of anonymous respondent microdata that the cube
// engine counts. The microdata types never leave the server: HTTP and exports get cube cells only.

/** Sentinel for "no answer / not asked / not stated" in every Uint8 column. */
export const MISSING = 255;
/** Sentinel for "no school" in the Uint16 school column. */
export const MISSING_SCHOOL = 0xffff;
/** Highest answer code a codebook may use (codes are stored in Uint8 columns, 255 = missing). */
export const MAX_CODE = 254;

export const GENDERS = ['girl', 'boy', 'other'] as const;
export type Gender = (typeof GENDERS)[number];

export const LADDER_MIN = 1;
export const LADDER_MAX = 10;
export const MAX_YEARS_IN_SWEDEN = 30;

export interface CodebookOption {
  readonly code: number;
  readonly labelSv: string;
  readonly labelEn: string;
  /** "Vet inte" / "don't know" is an answer, but indicators decide whether it is in the denominator. */
  readonly kind: 'answer' | 'dont_know';
}

export interface ItemVersion {
  readonly version: number;
  readonly questionSv: string;
  readonly questionEn: string;
  readonly options: readonly CodebookOption[];
  /** Not comparable with the previous version: trends show a series break. */
  readonly breaksSeries: boolean;
  readonly changeNote?: string;
}

export interface ItemDefinition {
  readonly key: string;
  readonly topic: string;
  readonly labelSv: string;
  readonly labelEn: string;
  readonly versions: readonly ItemVersion[];
}

export interface WaveDefinition {
  readonly year: number;
  readonly label: string;
  readonly grades: readonly string[];
  readonly instrumentVersion: string;
  /** The items this wave asked, in answer-array order, with the version used. */
  readonly items: readonly { readonly key: string; readonly version: number }[];
}

export interface InstrumentDefinition {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly items: readonly ItemDefinition[];
}

export interface SurveyItemColumn {
  readonly key: string;
  /** Answer code per respondent; MISSING when not answered or not asked in that wave. */
  readonly codes: Uint8Array;
  /** Item version asked in each wave (index = wave index); null when that wave did not ask it. */
  readonly versionByWave: readonly (number | null)[];
  /** Codebook per wave (null when not asked). */
  readonly optionsByWave: readonly (readonly CodebookOption[] | null)[];
  /** seriesBreakByWave[w]: the version asked in wave w is not comparable with the one in wave w − 1. */
  readonly seriesBreakByWave: readonly boolean[];
}

export interface SurveyWaveInfo {
  readonly year: number;
  readonly grades: readonly string[];
}

/**
 * Anonymous respondent microdata in columns (one typed array per field, one element per
 * respondent). Dictionary columns hold indexes into the label arrays.
 */
export interface SurveyData {
  readonly length: number;
  /** Ordered by year. */
  readonly waves: readonly SurveyWaveInfo[];
  readonly grades: readonly string[];
  /** Municipality codes (the respondent's home municipality). */
  readonly municipalities: readonly string[];
  /** School codes (survey_school.code). */
  readonly schools: readonly string[];
  readonly wave: Uint8Array;
  readonly grade: Uint8Array;
  readonly municipality: Uint8Array;
  /** MISSING_SCHOOL when unknown. */
  readonly school: Uint16Array;
  /** Index into GENDERS; MISSING when not stated. */
  readonly gender: Uint8Array;
  /** MacArthur ladder 1–10; MISSING when not answered. */
  readonly familyLadder: Uint8Array;
  readonly schoolLadder: Uint8Array;
  /** 1 born in Sweden, 0 born abroad, MISSING. */
  readonly bornInSweden: Uint8Array;
  /** Whole years lived in Sweden (asked of those born abroad); MISSING otherwise. */
  readonly yearsInSweden: Uint8Array;
  readonly items: ReadonlyMap<string, SurveyItemColumn>;
}

/** Pupils per wave, school, home municipality and grade: the denominator of response rates. */
export interface PopulationCount {
  readonly year: number;
  readonly school: string;
  readonly municipality: string;
  readonly grade: string;
  readonly pupils: number;
}

/** seriesBreakByWave from the item versions each wave asked (see SurveyItemColumn). */
export function seriesBreaks(item: ItemDefinition, versionByWave: readonly (number | null)[]): boolean[] {
  return versionByWave.map((version, w) => {
    if (w === 0 || version === null) return false;
    const previous = versionByWave[w - 1];
    if (previous === null || previous === undefined || previous === version) return false;
    // A change is a break unless every version in between is marked comparable.
    const [lo, hi] = previous < version ? [previous, version] : [version, previous];
    return item.versions.some((v) => v.version > lo && v.version <= hi && v.breaksSeries);
  });
}

/** Growable typed array (doubling); `view()` returns the filled part without copying. */
export class GrowableU8 {
  data: Uint8Array;
  length = 0;
  constructor(
    capacity = 1024,
    readonly fill = 0,
  ) {
    this.data = new Uint8Array(capacity);
    if (fill !== 0) this.data.fill(fill);
  }
  ensure(n: number): void {
    if (n <= this.data.length) return;
    let cap = this.data.length * 2;
    while (cap < n) cap *= 2;
    const next = new Uint8Array(cap);
    if (this.fill !== 0) next.fill(this.fill, this.data.length);
    next.set(this.data);
    this.data = next;
  }
  view(): Uint8Array {
    return this.data.subarray(0, this.length);
  }
}

import type { Rejection } from '../store.js';
import {
  attempt,
  bool,
  code,
  identityNumber,
  Keyed,
  municipalityCode,
  optional,
  overlaps,
  period,
  Rejected,
  required,
} from './fields.js';
import { csvRecords, FileFormatError, jsonSections, type RawRecord, type SourceFile } from './source-file.js';

/**
 * The population file (folkbokföring through Navet, and the BVC listings of the region): children,
 * guardians, custody with its dates, and listing at a child health centre. CSV is flat — one row per
 * child and guardian, the child's columns repeated — and JSON has one section per kind. Records are
 * keyed by personnummer inside Barnkompass, but a rejection names the record by where it is in the
 * file ("line 7", "children[3]"), never by personnummer or name.
 */

export const IDENTITY_MARKINGS = ['none', 'confidentiality_marking', 'protected_registration'] as const;
export type IdentityMarking = (typeof IDENTITY_MARKINGS)[number];
export const RELATIONS = ['parent', 'appointed_guardian', 'foster_parent', 'other'] as const;
export type Relation = (typeof RELATIONS)[number];

/** The register's own words for the markings (SS 12000 uses them too). */
const MARKING_ALIASES: Record<string, IdentityMarking> = {
  ingen: 'none',
  sekretessmarkering: 'confidentiality_marking',
  'skyddad folkbokföring': 'protected_registration',
  skyddad_folkbokforing: 'protected_registration',
};

interface Address {
  addressLine: string | null;
  postalCode: string | null;
  city: string | null;
}

export interface GuardianRecord extends Address {
  personnummer: string;
  givenName: string;
  familyName: string;
  marking: IdentityMarking;
}

export interface ChildRecord extends GuardianRecord {
  birthDate: string;
  gender: 'female' | 'male';
  municipalityCode: string;
}

export interface CustodyRecord {
  child: string;
  guardian: string;
  relation: Relation;
  hasCustody: boolean;
  livesWithChild: boolean;
  validFrom: string | null;
  validTo: string | null;
}

export interface ListingRecord {
  child: string;
  unitId: string;
  nurseId: string | null;
  validFrom: string | null;
  validTo: string | null;
}

export type PopulationEntity = 'children' | 'guardians' | 'guardianships' | 'listings';

export interface PopulationFile {
  children: [string, ChildRecord][];
  guardians: [string, GuardianRecord][];
  guardianships: [string, CustodyRecord][];
  listings: [string, ListingRecord][];
  rejected: Rejection[];
  /** The keys the file names per entity, rejected records too (what is named is not ended). */
  named: Record<PopulationEntity, Set<string>>;
  /** Where each record first appears, by entity and key: the id a later rejection names. */
  where: Map<string, string>;
}

function marking(r: RawRecord, field: string): IdentityMarking {
  const v = r.get(field)?.toLowerCase();
  const alias = v === undefined ? undefined : MARKING_ALIASES[v];
  return alias ?? code(r, field, IDENTITY_MARKINGS, 'unsupported_identity_marking', 'none');
}

function pnr(r: RawRecord, field: string, today: Date) {
  return identityNumber(required(r, field), today);
}

function readGuardian(r: RawRecord, p: 'child_' | 'guardian_', today: Date): GuardianRecord {
  const id = pnr(r, `${p}personnummer`, today);
  const m = marking(r, `${p}identity_marking`);
  const address = {
    addressLine: optional(r, `${p}address_line`),
    postalCode: optional(r, `${p}postal_code`),
    city: optional(r, `${p}city`),
  };
  // The register never delivers the address of a protected person: one in the file is an error in the file.
  if (m !== 'none' && (address.addressLine || address.postalCode || address.city))
    throw new Rejected('protected_with_address');
  return {
    personnummer: id.normalized,
    givenName: required(r, `${p}given_name`),
    familyName: required(r, `${p}family_name`),
    marking: m,
    ...address,
  };
}

function readChild(r: RawRecord, today: Date): ChildRecord {
  const g = readGuardian(r, 'child_', today);
  const id = identityNumber(g.personnummer, today);
  return {
    ...g,
    birthDate: id.birthDate,
    gender: id.legalGender,
    municipalityCode: municipalityCode(r, 'child_municipality_code', true) as string,
  };
}

function readCustody(r: RawRecord, today: Date): CustodyRecord {
  return {
    child: pnr(r, 'child_personnummer', today).normalized,
    guardian: pnr(r, 'guardian_personnummer', today).normalized,
    relation: code(r, 'relation', RELATIONS, 'unsupported_relation', 'parent'),
    hasCustody: bool(r, 'has_custody', true),
    livesWithChild: bool(r, 'lives_with_child', true),
    ...period(r, 'custody_from', 'custody_to', false),
  };
}

function readListing(r: RawRecord, today: Date): ListingRecord {
  return {
    child: pnr(r, 'child_personnummer', today).normalized,
    unitId: required(r, 'bvc_unit_id'),
    nurseId: optional(r, 'bvc_nurse_id'),
    ...period(r, 'listed_from', 'listed_to', false),
  };
}

/** A JSON record whose fields are named as in the CSV through aliases (`valid_from` for `custody_from`). */
function aliased(r: RawRecord, names: Record<string, string>): RawRecord {
  return { where: r.where, get: (f) => r.get(f) ?? (names[f] ? r.get(names[f]!) : undefined) };
}

const CUSTODY_NAMES = { custody_from: 'valid_from', custody_to: 'valid_to' };
const LISTING_NAMES = {
  bvc_unit_id: 'unit_id',
  bvc_nurse_id: 'nurse_id',
  listed_from: 'valid_from',
  listed_to: 'valid_to',
};

class Collector {
  readonly children = new Keyed<ChildRecord>();
  readonly guardians = new Keyed<GuardianRecord>();
  readonly guardianships = new Keyed<CustodyRecord>();
  readonly listings = new Keyed<ListingRecord>();
  readonly rejected = new Map<string, Rejection>();
  readonly where = new Map<string, string>();
  readonly named: PopulationFile['named'] = {
    children: new Set(),
    guardians: new Set(),
    guardianships: new Set(),
    listings: new Set(),
  };

  constructor(readonly today: Date) {}

  /** The record's key when its identity numbers can be read (a rejected record is still named). */
  private keyOf(entity: PopulationEntity, r: RawRecord): string | undefined {
    const n = (field: string) => {
      const v = r.get(field);
      const got = v === undefined ? undefined : attempt(() => identityNumber(v, this.today).normalized);
      return got?.ok ? got.value : undefined;
    };
    const child = n('child_personnummer');
    if (entity === 'children') return child;
    if (entity === 'guardians') return n('guardian_personnummer');
    if (entity === 'guardianships') {
      const guardian = n('guardian_personnummer');
      return child && guardian ? `${child}/${guardian}` : undefined;
    }
    return child && r.get('bvc_unit_id') ? `${child}/${r.get('bvc_unit_id')}/${r.get('listed_from') ?? ''}` : undefined;
  }

  take<T>(entity: PopulationEntity, r: RawRecord, read: () => T, into: Keyed<T>): void {
    const key = this.keyOf(entity, r);
    if (key !== undefined) {
      this.named[entity].add(key);
      if (!this.where.has(`${entity}/${key}`)) this.where.set(`${entity}/${key}`, r.where);
    }
    const got = attempt(read);
    if (got.ok && key !== undefined) into.add(key, got.value, r.where);
    else if (!got.ok) this.reject(entity, r.where, got.reason);
  }

  reject(entity: string, id: string, reason: string): void {
    this.rejected.set(`${entity}\u0000${id}\u0000${reason}`, { entity, id, reason });
  }

  whereOf(entity: PopulationEntity, key: string): string {
    return this.where.get(`${entity}/${key}`) ?? entity;
  }
}

const CSV_REQUIRED = ['child_personnummer'];

function takeCsvRow(c: Collector, r: RawRecord): void {
  c.take('children', r, () => readChild(r, c.today), c.children);
  if (r.get('guardian_personnummer') !== undefined) {
    c.take('guardians', r, () => readGuardian(r, 'guardian_', c.today), c.guardians);
    c.take('guardianships', r, () => readCustody(r, c.today), c.guardianships);
  }
  if (r.get('bvc_unit_id') !== undefined) c.take('listings', r, () => readListing(r, c.today), c.listings);
}

/** Reads a population file, CSV or JSON, into records and the rejections of records that do not fit. */
export function readPopulationFile(file: SourceFile, today: Date): PopulationFile {
  const c = new Collector(today);
  if (file.format === 'csv') {
    for (const r of csvRecords(file.text, CSV_REQUIRED)) takeCsvRow(c, r);
  } else {
    const { sections, known } = jsonSections(file.text, {
      children: 'child_',
      guardians: 'guardian_',
      custody: '',
      listings: '',
    });
    if (!known) throw new FileFormatError('no "children", "guardians", "custody" or "listings" in the file');
    for (const r of sections.children!) c.take('children', r, () => readChild(r, today), c.children);
    for (const r of sections.guardians!) c.take('guardians', r, () => readGuardian(r, 'guardian_', today), c.guardians);
    for (const raw of sections.custody!) {
      const r = aliased(raw, CUSTODY_NAMES);
      c.take('guardianships', r, () => readCustody(r, today), c.guardianships);
    }
    for (const raw of sections.listings!) {
      const r = aliased(raw, LISTING_NAMES);
      c.take('listings', r, () => readListing(r, today), c.listings);
    }
  }
  return finish(c);
}

function finish(c: Collector): PopulationFile {
  for (const [entity, set] of [
    ['children', c.children],
    ['guardians', c.guardians],
    ['guardianships', c.guardianships],
    ['listings', c.listings],
  ] as const)
    for (const [, where] of set.duplicates()) c.reject(entity, where, 'duplicate');
  // A child is listed at one child health centre at a time.
  const listings: [string, ListingRecord][] = [];
  const byChild = new Map<string, ListingRecord[]>();
  for (const [key, l] of c.listings.values()) {
    const earlier = byChild.get(l.child) ?? [];
    if (earlier.some((e) => overlaps(e, l))) {
      c.reject('listings', c.whereOf('listings', key), 'duplicate');
      continue;
    }
    byChild.set(l.child, [...earlier, l]);
    listings.push([key, l]);
  }
  return {
    children: c.children.values(),
    guardians: c.guardians.values(),
    guardianships: c.guardianships.values(),
    listings,
    rejected: [...c.rejected.values()],
    named: c.named,
    where: c.where,
  };
}

/** Survey instruments as the analyst sees them (items, codebooks per version, waves), and response rates. */
import { AppError } from '../../../../core/errors.js';
import { TARGET_FIELDS } from '../../../../core/followup/index.js';
import type { Db } from '../../../db/client.js';
import * as analystRepo from '../analyst-repo.js';
import type { FollowupService } from '../cube/service.js';
import { loadInstrument } from '../repo.js';

export async function listInstruments(db: Db) {
  return { instruments: await db.transaction((tx) => analystRepo.listInstruments(tx)) };
}

export async function instrumentDetail(db: Db, instrumentId: string) {
  const stored = await db.transaction((tx) => loadInstrument(tx, instrumentId));
  if (!stored) throw new AppError('not_found', 'No such survey instrument.');
  return {
    id: stored.instrument.id,
    name: stored.instrument.name,
    items: stored.instrument.items.map((i) => ({
      key: i.key,
      topic: i.topic,
      labelSv: i.labelSv,
      labelEn: i.labelEn,
      versions: i.versions.map((v) => ({
        version: v.version,
        questionSv: v.questionSv,
        questionEn: v.questionEn,
        breaksSeries: v.breaksSeries ?? false,
        options: v.options.map((o) => ({
          code: o.code,
          labelSv: o.labelSv,
          labelEn: o.labelEn,
          kind: o.kind ?? 'answer',
        })),
      })),
    })),
    waves: stored.waves.map((w) => ({
      year: w.year,
      grades: [...w.grades],
      items: w.items.map((x) => ({ key: x.key, version: x.version })),
    })),
    fields: [...TARGET_FIELDS],
  };
}

/** Response rates per wave and grade for the county and each municipality, as the cube publishes them. */
export async function responseRates(db: Db, cube: FollowupService, instrumentId: string) {
  const snap = await cube.snapshot(instrumentId);
  if (!snap) throw new AppError('not_found', 'No such survey instrument.');
  const all = snap.published.responseRates();
  const names = await db.transaction((tx) => analystRepo.municipalityNames(tx));
  const row = (r: (typeof all)[number]) => ({
    year: r.year,
    grade: r.grade,
    municipality: r.municipality,
    respondents: r.respondents,
    pupils: r.pupils,
    rate: r.rate,
    low: r.low,
    status: r.status,
  });
  const years = [...new Set(all.map((r) => r.year))].sort((a, b) => a - b);
  const grades = [...new Set(all.map((r) => r.grade).filter((g): g is string => g !== null))];
  return {
    instrumentId,
    lowThreshold: 0.7,
    years,
    grades,
    county: all.filter((r) => r.municipality === null && r.school === null).map(row),
    municipalities: all.filter((r) => r.municipality !== null && r.school === null && r.grade !== null).map(row),
    municipalityNames: Object.fromEntries(names),
  };
}

// GET /api/followup/schools/:schoolId/profile: a school's strengths and challenges against the county.

import type * as S from '../../../../contract/followup.js';
import { AppError } from '../../../../core/errors.js';
import { adjustFamily, compareWithRest, rankProfile } from '../../../../core/followup/comparisons.js';
import type { PublishedReader } from './reader.js';
import { type AreaQuery, cellOut, comparisonOut, indicatorMeta, type Out } from './shapes.js';

export async function schoolProfile(
  reader: PublishedReader,
  schoolCode: string,
  q: Omit<AreaQuery, 'municipality' | 'school'>,
): Promise<Out<typeof S.ProfileResponse>> {
  const { snap, meta } = await reader.context(q.instrument);
  if (!meta.schools.has(schoolCode)) throw new AppError('not_found', `No survey results for school ${schoolCode}.`);
  const years = snap.published.years;
  const year = q.wave ?? years[years.length - 1]!;
  const grades = meta.rates
    .filter((r) => r.school === schoolCode && r.year === year && r.grade !== null && r.respondents !== null)
    .map((r) => r.grade!);
  const wave = meta.stored.waves.find((x) => x.year === year);
  const ordered = wave ? wave.grades.filter((g) => grades.includes(g)) : grades;
  const grade = q.grade ?? ordered[0] ?? wave?.grades[0];
  const { w, area } = reader.resolve(snap, meta, { ...q, wave: year, grade, school: schoolCode });
  return reader.cached(meta, `profile|${schoolCode}|${year}|${grade}`, () => {
    const defs = snap.indicators.filter((d) => reader.appliesTo(d, grade!) && reader.asked(meta, d, w));
    const entries = defs.map((d) => {
      const { cell, reference } = reader.areaCell(snap, d, year, grade!, area);
      const comparison = cell
        ? compareWithRest(cell, reference)
        : compareWithRest({ n: null, x: null, status: 'unit_too_small' }, null);
      return { item: { d, cell, reference }, comparison, polarity: d.polarity };
    });
    const adjusted = adjustFamily(
      entries.map((e) => ({ id: e.item.d.key, pValue: e.comparison.pValue, goal: e.item.d.goal })),
    );
    const ranked = rankProfile(entries);
    const out = (e: (typeof entries)[number]) => ({
      indicator: indicatorMeta(e.item.d),
      cell: e.item.cell ? cellOut(e.item.cell) : null,
      county: e.item.reference ? cellOut(e.item.reference, grade!) : null,
      vsCounty: comparisonOut(e.comparison, adjusted.get(e.item.d.key), e.polarity),
    });
    const rate = reader.areaRate(meta, year, grade!, area);
    return {
      instrument: { id: meta.stored.instrument.id, name: meta.stored.instrument.name },
      year,
      grade: grade!,
      grades: ordered,
      area,
      responseRate: rate ? { ...rate } : null,
      strengths: ranked.strengths.map(out),
      challenges: ranked.challenges.map(out),
      notCompared: ranked.notCompared.map(out),
      family: reader.family('profile_vs_county', year, grade!, area, 'school', defs.length, adjusted),
    };
  });
}

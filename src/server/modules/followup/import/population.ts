/**
 * Pupils per school, grade and wave (the response rates' denominators) from a small CSV: every
 * row checked first, then written with its audit event in one transaction, or nothing at all.
 * The same bytes again answer 'already_imported'.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../../core/errors.js';
import type { PopulationCount } from '../../../../core/followup/index.js';
import { auditedTransaction } from '../../../access/audit-door.js';
import type { Db } from '../../../db/client.js';
import * as analystRepo from '../analyst-repo.js';
import { followupEvent, type RequestedBy } from '../events.js';
import { insertPopulation } from '../repo-writes.js';
import { INT, parseSmallCsv, problemList, type RowProblem, rowsRefused, sha256 } from './small-csv.js';

export interface PopulationImportBody {
  instrumentId: string;
  fileName: string;
  csv: string;
}

export async function importPopulation(db: Db, by: RequestedBy, body: PopulationImportBody) {
  const started = performance.now();
  const hash = sha256(body.csv);
  const ref = await db.transaction(async (tx) => {
    const exists = await tx.query('SELECT 1 FROM survey_instrument WHERE id = $1', [body.instrumentId]);
    if (exists.rows.length === 0) return null;
    return analystRepo.loadPopulationRef(tx, body.instrumentId);
  });
  if (!ref) throw new AppError('not_found', 'No such survey instrument.');
  const earlier = await db.transaction((tx) => analystRepo.findPopulationImport(tx, body.instrumentId, hash));
  if (earlier) return { status: 'already_imported' as const, importId: earlier.id, rows: earlier.rows, pupils: 0 };
  const out = checkRows(body.csv, ref);
  const id = randomUUID();
  const result = await auditedTransaction(
    db,
    async (tx) => {
      const fresh = await analystRepo.insertPopulationImport(tx, {
        id,
        instrumentId: body.instrumentId,
        fileName: body.fileName,
        sha256: hash,
        rows: out.length,
        importedBy: by.actor.personId,
        durationMs: performance.now() - started,
      });
      if (!fresh) return { result: null, events: [] };
      await insertPopulation(tx, body.instrumentId, out, id);
      return {
        result: {
          status: 'imported' as const,
          importId: id,
          rows: out.length,
          pupils: out.reduce((a, r) => a + r.pupils, 0),
        },
        events: [
          followupEvent(by, 'followup.import', 'followup_import', id, {
            kind: 'population',
            status: 'imported',
            rows: out.length,
          }),
        ],
      };
    },
    { now: by.clock },
  );
  if (!result) {
    const other = await db.transaction((tx) => analystRepo.findPopulationImport(tx, body.instrumentId, hash));
    return { status: 'already_imported' as const, importId: other!.id, rows: other!.rows, pupils: 0 };
  }
  return result;
}

/** Every row checked; any problem refuses the whole file (400 with the problems by line). */
function checkRows(csv: string, ref: analystRepo.PopulationRef): PopulationCount[] {
  const { rows } = parseSmallCsv(
    csv,
    {
      year: ['ar', 'år', 'year'],
      school: ['skolenhetskod', 'skola', 'school'],
      grade: ['arskurs', 'årskurs', 'grade'],
      pupils: ['elever', 'antal', 'pupils'],
      municipality: ['kommun', 'kommunkod', 'municipality'],
    },
    ['year', 'school', 'grade', 'pupils'],
  );
  const problems: RowProblem[] = [];
  const out: PopulationCount[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    const p = problemList();
    const yearText = r.get('year') ?? '';
    const year = INT.test(yearText) ? Number(yearText) : NaN;
    const grades = ref.waves.get(year);
    if (!grades) {
      if (Number.isNaN(year)) p.add('year_invalid', 'year is not a year');
      else p.add('no_wave', 'the instrument has no wave that year');
    }
    const school = r.get('school') ?? '';
    const schoolMunicipality = ref.schools.get(school);
    if (!schoolMunicipality) p.add('unknown_school', 'unknown school unit code');
    const gradeText = (r.get('grade') ?? '').toLowerCase();
    const grade = grades?.find((g) => g.toLowerCase() === gradeText);
    if (grades && !grade) p.add('grade_invalid', `grade must be one of ${grades.join(', ')}`);
    const pupilsText = r.get('pupils') ?? '';
    if (!INT.test(pupilsText)) p.add('pupils_invalid', 'pupils must be a whole number ≥ 0');
    const municipality = r.get('municipality') || schoolMunicipality || '';
    if ((r.get('municipality') || schoolMunicipality) && !/^[0-9]{4}$/.test(municipality))
      p.add('municipality_invalid', 'municipality must be a four-digit code');
    const key = `${year}|${school}|${municipality}|${grade}`;
    if (p.codes.length === 0 && seen.has(key))
      p.add('duplicate', 'the same year, school, municipality and grade appear earlier in the file');
    seen.add(key);
    if (p.codes.length > 0) problems.push({ line: r.line, problems: p.problems, codes: p.codes });
    else out.push({ year, school, municipality, grade: grade!, pupils: Number(pupilsText) });
  }
  if (problems.length > 0) throw rowsRefused(problems, rows.length);
  return out;
}

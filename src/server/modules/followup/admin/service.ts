/**
 * The analyst side of population follow-up: survey imports over HTTP with a column-mapping step
 * and a progress-reporting job, population counts and the response-rate table, aggregated tables
 * from others published through the `stats publish` suppression, operational series, indicator
 * management (versioned), the Kolada KPI page and an HTTP-triggered Kolada run.
 *
 * Access: analysts import and manage; managers read the KPI page, response rates, published
 * tables and exports; every other role gets 403 (`details.reason = 'role'`). Nothing here touches
 * child data: respondent rows are anonymous and stay on the server (only header names, counts,
 * line numbers and suppressed aggregates go out). Imports and indicator changes are audited in the
 * transaction that writes them (child_id null).
 */
import { createHash, randomUUID } from 'node:crypto';
import Papa from 'papaparse';
import { AppError } from '../../../../core/errors.js';
import {
  DEMO_INSTRUMENT_ID,
  ImportInputError,
  ImportMappingError,
  TARGET_FIELDS,
  checkIndicatorAgainstInstrument,
  detectFormat,
  indicatorDefinitionSchema,
  readFileHeader,
  resolveMapping,
  suggestMapping,
  type ColumnMapping,
  type IndicatorDefinition,
  type PopulationCount,
} from '../../../../core/followup/index.js';
import { parsePublishCsv, publishTable, PublishInputError } from '../../../../core/statistics/publish.js';
import type { AssignedActor } from '../../../access/actor.js';
import { appendToChain } from '../../../audit/chain.js';
import { auditedWrite } from '../../../audit/audited-write.js';
import type { AuditEventInput } from '../../../audit/events.js';
import type { AppContext } from '../../../context.js';
import type { Queryable } from '../../../db/client.js';
import { versionConflict } from '../../../http/versioning.js';
import { followupServiceFor, importSurveyFile, UnknownInstrumentError, type ImportOutcome } from '../import/survey.js';
import { insertPopulation, loadInstrument, loadMunicipalityCodes } from '../repo.js';
import { KoladaClient } from '../kolada/client.js';
import { importKolada, KoladaImportError } from '../kolada/importer.js';
import { readImportRuns, readKoladaValues, readKpiMappings } from '../kolada/repo.js';
import { JobRegistry, type JobError, type JobState } from '../import/jobs.js';
import * as repo from './repo.js';
import {
  OPERATIONAL_SERIES,
  acceptsImport,
  combineImportedAndOwn,
  seriesByKey,
  suppressOperational,
  type OperationalAggregate,
  type OperationalSeries,
} from './series.js';
import { CHUNK_BYTES, UPLOAD_TTL_MS, UploadStore } from '../import/uploads.js';

export type Access = 'analyst' | 'reader';

/** analyst: imports and management; reader: analysts and managers (published aggregates). */
export function requireRole(actor: AssignedActor, access: Access): void {
  const ok = access === 'analyst' ? actor.role === 'analyst' : actor.role === 'analyst' || actor.role === 'manager';
  if (!ok) {
    throw new AppError(
      'forbidden',
      access === 'analyst'
        ? 'Only analysts import follow-up data and manage indicators.'
        : 'Follow-up key figures and exports are for analysts and managers.',
      { reason: 'role' },
    );
  }
}

const FIELD_LABELS: Record<(typeof TARGET_FIELDS)[number], [string, string]> = {
  respondent_id: ['Respondentens löpnummer', 'Respondent id'],
  year: ['År (enkätomgång)', 'Year (wave)'],
  municipality: ['Kommun', 'Municipality'],
  school: ['Skola (skolenhetskod)', 'School (school unit code)'],
  grade: ['Årskurs', 'Grade'],
  gender: ['Kön', 'Gender'],
  family_ladder: ['Familjens stege (1–10)', 'Family ladder (1–10)'],
  school_ladder: ['Skolans stege (1–10)', 'School ladder (1–10)'],
  born_in_sweden: ['Född i Sverige', 'Born in Sweden'],
  years_in_sweden: ['År i Sverige', 'Years in Sweden'],
};
const REQUIRED_FIELDS = new Set(['respondent_id', 'municipality', 'grade']);

interface RowProblem {
  line: number;
  /** What is wrong, in English (API readers), and the same as codes (the UI translates these). */
  problems: string[];
  codes: string[];
}

/** Collects a row's problems as message + code. */
function problemList() {
  const problems: string[] = [];
  const codes: string[] = [];
  return {
    problems,
    codes,
    add(code: string, message: string) {
      codes.push(code);
      problems.push(message);
    },
  };
}

function invalidFile(message: string, rowErrors: RowProblem[], rowsTotal: number): AppError {
  return new AppError('bad_request', message, {
    reason: 'invalid_file',
    rowsTotal,
    rowsWithErrors: rowErrors.length,
    rowErrors: rowErrors.slice(0, 200),
  });
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Parses a small CSV (papaparse; delimiter detected, BOM stripped) into rows keyed by lower-case header. */
function parseSmallCsv(
  text: string,
  aliases: Record<string, readonly string[]>,
  required: readonly string[],
): { rows: { line: number; get: (k: string) => string | undefined }[] } {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), {
    skipEmptyLines: 'greedy',
    delimitersToGuess: [';', ',', '\t'],
  });
  const data = parsed.data;
  if (data.length === 0) throw invalidFile('The file is empty.', [], 0);
  const header = data[0]!.map((h) => h.trim().toLowerCase());
  const index: Record<string, number> = {};
  for (const [key, names] of Object.entries(aliases)) {
    const i = header.findIndex((h) => names.includes(h));
    if (i >= 0) index[key] = i;
  }
  const missing = required.filter((k) => index[k] === undefined);
  if (missing.length > 0) {
    throw new AppError(
      'bad_request',
      `The header row lacks ${missing.map((k) => `"${aliases[k]![0]}"`).join(', ')}. Expected columns: ${Object.values(
        aliases,
      )
        .map((a) => a[0])
        .join(';')}.`,
      {
        reason: 'invalid_file',
        missingColumns: missing.map((k) => aliases[k]![0]),
        rowsTotal: 0,
        rowsWithErrors: 0,
        rowErrors: [],
      },
    );
  }
  if (data.length === 1) throw invalidFile('The file has a header row but no data rows.', [], 0);
  return {
    rows: data.slice(1).map((cells, i) => ({
      line: i + 2,
      get: (k: string) => (index[k] === undefined ? undefined : cells[index[k]!]?.trim()),
    })),
  };
}

const INT = /^[0-9]{1,9}$/;

export class FollowupAdminService {
  readonly uploads: UploadStore;
  readonly jobs = new JobRegistry();
  /** Aborts running Kolada requests at shutdown, so closing the app never waits on the network. */
  private readonly closing = new AbortController();

  constructor(private readonly ctx: AppContext) {
    this.uploads = new UploadStore(ctx.config.dataDir, () => ctx.now().getTime());
  }

  async close(): Promise<void> {
    this.closing.abort(new Error('the server is shutting down'));
    await this.jobs.close();
    await this.uploads.close();
  }

  private event(
    actor: AssignedActor,
    requestId: string,
    action: AuditEventInput['action'],
    resourceType: AuditEventInput['resourceType'],
    resourceId: string | null,
    details: AuditEventInput['details'],
    outcome: AuditEventInput['outcome'] = 'permitted',
  ): AuditEventInput {
    return {
      actorPersonId: actor.personId,
      actorAssignmentId: actor.assignmentId,
      childId: null,
      action,
      resourceType,
      resourceId,
      outcome,
      requestId,
      details,
    };
  }

  /**
   * Records that an export of published tables for a municipality went out (who, what). Resolves
   * once the audit row is committed: call it before the file is sent, so no file leaves unrecorded.
   */
  async auditExport(
    actor: AssignedActor,
    requestId: string,
    municipality: string,
    details: NonNullable<AuditEventInput['details']>,
  ): Promise<void> {
    await this.ctx.audit.record([
      this.event(actor, requestId, 'followup.export', 'followup_export', municipality, details),
    ]);
  }

  // ---------------- instruments ----------------

  async instruments() {
    return { instruments: await this.ctx.db.transaction((tx) => repo.listInstruments(tx)) };
  }

  async instrument(instrumentId: string) {
    const stored = await this.ctx.db.transaction((tx) => loadInstrument(tx, instrumentId));
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

  // ---------------- uploads and survey imports ----------------

  async startUpload(actor: AssignedActor, fileName: string, sizeBytes: number) {
    const u = await this.uploads.create(actor.personId, fileName, sizeBytes);
    return { uploadId: u.id, chunkBytes: CHUNK_BYTES, expiresInSeconds: UPLOAD_TTL_MS / 1000 };
  }

  async appendChunk(actor: AssignedActor, uploadId: string, offset: number, data: string) {
    const u = this.uploads.get(uploadId, actor.personId);
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data)) throw new AppError('bad_request', 'The part is not valid base64.');
    const bytes = Buffer.from(data, 'base64');
    if (bytes.length > CHUNK_BYTES)
      throw new AppError('payload_too_large', `Send at most ${CHUNK_BYTES} bytes per part.`);
    await this.uploads.append(u, offset, bytes);
    return { uploadId: u.id, receivedBytes: u.receivedBytes, sizeBytes: u.sizeBytes };
  }

  async discardUpload(actor: AssignedActor, uploadId: string): Promise<void> {
    const u = this.uploads.get(uploadId, actor.personId);
    if (u.busy) throw new AppError('conflict', 'The file is being imported; wait for the import to finish.');
    await this.uploads.discard(u);
  }

  private async header(u: ReturnType<UploadStore['get']>) {
    this.uploads.complete(u);
    let first: Uint8Array = new Uint8Array(0);
    for await (const c of this.uploads.stream(u, Math.min(u.sizeBytes, 8) - 1)) first = c as Uint8Array;
    const format = detectFormat(first);
    try {
      return await readFileHeader(this.uploads.stream(u), format);
    } catch (err) {
      if (err instanceof ImportInputError)
        throw new AppError('bad_request', `The file cannot be imported: ${err.message}.`, { reason: 'invalid_file' });
      throw err;
    }
  }

  async columns(actor: AssignedActor, uploadId: string, instrumentId: string) {
    const u = this.uploads.get(uploadId, actor.personId);
    const stored = await this.ctx.db.transaction((tx) => loadInstrument(tx, instrumentId));
    if (!stored) throw new AppError('not_found', 'No such survey instrument.');
    const { format, header } = await this.header(u);
    const targets = [
      ...TARGET_FIELDS.map((f) => ({
        value: f,
        kind: 'field' as const,
        labelSv: FIELD_LABELS[f][0],
        labelEn: FIELD_LABELS[f][1],
        required: REQUIRED_FIELDS.has(f),
      })),
      ...stored.instrument.items.map((i) => ({
        value: `item:${i.key}`,
        kind: 'item' as const,
        labelSv: i.labelSv,
        labelEn: i.labelEn,
        required: false,
      })),
    ];
    return {
      uploadId: u.id,
      fileName: u.fileName,
      format,
      sizeBytes: u.sizeBytes,
      columns: [...header],
      proposedMapping: suggestMapping(header, stored.instrument),
      targets,
      waves: stored.waves.map((w) => ({ year: w.year, grades: [...w.grades] })),
    };
  }

  /**
   * Checks the file and the mapping now (400 with what to fix), then imports (or validates) in a
   * job whose progress the UI polls. A completed import deletes the uploaded file.
   */
  async startSurveyImport(
    actor: AssignedActor,
    body: {
      uploadId: string;
      instrumentId: string;
      mapping: ColumnMapping;
      mode: 'validate' | 'import';
      onInvalidRows: 'reject_file' | 'skip_rows';
    },
    requestId: string,
  ): Promise<JobState> {
    const u = this.uploads.get(body.uploadId, actor.personId);
    if (u.busy) throw new AppError('conflict', 'This file is already being imported.');
    const stored = await this.ctx.db.transaction((tx) => loadInstrument(tx, body.instrumentId));
    if (!stored) throw new AppError('not_found', 'No such survey instrument.');
    const { format, header } = await this.header(u);
    try {
      resolveMapping(header, body.mapping, stored.instrument);
    } catch (err) {
      if (err instanceof ImportMappingError)
        throw new AppError('bad_request', err.message, { reason: 'mapping', problems: err.problems });
      throw err;
    }
    u.busy = true;
    const db = this.ctx.db;
    const total = u.sizeBytes;
    return this.jobs.start(
      actor.personId,
      'survey_import',
      async (update) => {
        let validRows = 0;
        try {
          const outcome: ImportOutcome = await importSurveyFile(db, {
            instrumentId: body.instrumentId,
            fileName: u.fileName,
            format,
            source: format === 'xlsx' ? await readAll(this.uploads.stream(u)) : this.uploads.stream(u),
            totalBytes: total,
            mapping: body.mapping,
            mode: body.mode,
            onInvalidRows: body.onInvalidRows,
            importedBy: actor.personId,
            maxExamplesPerType: 50,
            onProgress: (p) => {
              if (p.phase === 'reading')
                update({
                  phase: 'reading',
                  bytes: p.bytes,
                  totalBytes: total,
                  rows: p.rows,
                  fraction: 0.6 * (p.bytes / Math.max(1, total)),
                });
              else if (p.phase === 'checking') {
                validRows = p.rows;
                update({ phase: 'checking', rows: p.rows, fraction: 0.65 });
              } else
                update({ phase: 'storing', rows: p.rows, fraction: 0.65 + 0.35 * (p.rows / Math.max(1, validRows)) });
            },
            inTransaction: async (tx, o) => {
              await appendToChain(tx, [
                this.event(actor, requestId, 'followup.import', 'followup_import', o.importId, {
                  kind: 'respondents',
                  status: o.status,
                  rows: o.rowsImported,
                  rowsRejected: o.summary.rowsRejected,
                }),
              ]);
            },
          });
          u.busy = false;
          // Imported (or already there): the file has done its job and is deleted now.
          if (outcome.status === 'imported' || outcome.status === 'already_imported') await this.uploads.discard(u);
          return {
            status: outcome.status,
            importId: outcome.importId,
            rowsImported: outcome.rowsImported,
            summary: outcome.summary,
          };
        } finally {
          u.busy = false;
        }
      },
      (err) => toJobError(err),
    );
  }

  job(actor: AssignedActor, jobId: string): JobState {
    return this.jobs.get(jobId, actor.personId);
  }

  async listImports(instrumentId: string) {
    return { imports: await this.ctx.db.transaction((tx) => repo.listSurveyImports(tx, instrumentId)) };
  }

  // ---------------- population counts and response rates ----------------

  async importPopulation(
    actor: AssignedActor,
    body: { instrumentId: string; fileName: string; csv: string },
    requestId: string,
  ) {
    const started = performance.now();
    const hash = sha256(body.csv);
    const ref = await this.ctx.db.transaction(async (tx) => {
      const exists = await tx.query('SELECT 1 FROM survey_instrument WHERE id = $1', [body.instrumentId]);
      if (exists.rows.length === 0) return null;
      return repo.loadPopulationRef(tx, body.instrumentId);
    });
    if (!ref) throw new AppError('not_found', 'No such survey instrument.');
    const earlier = await this.ctx.db.transaction((tx) => repo.findPopulationImport(tx, body.instrumentId, hash));
    if (earlier) return { status: 'already_imported' as const, importId: earlier.id, rows: earlier.rows, pupils: 0 };
    const { rows } = parseSmallCsv(
      body.csv,
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
    if (problems.length > 0)
      throw invalidFile(
        `${problems.length} of ${rows.length} rows have problems; nothing was imported. Correct the rows listed and import the file again.`,
        problems,
        rows.length,
      );
    const id = randomUUID();
    const result = await auditedWrite(this.ctx.db, async (tx) => {
      const fresh = await repo.insertPopulationImport(tx, {
        id,
        instrumentId: body.instrumentId,
        fileName: body.fileName,
        sha256: hash,
        rows: out.length,
        importedBy: actor.personId,
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
          this.event(actor, requestId, 'followup.import', 'followup_import', id, {
            kind: 'population',
            status: 'imported',
            rows: out.length,
          }),
        ],
      };
    });
    if (!result) {
      const other = await this.ctx.db.transaction((tx) => repo.findPopulationImport(tx, body.instrumentId, hash));
      return { status: 'already_imported' as const, importId: other!.id, rows: other!.rows, pupils: 0 };
    }
    followupServiceFor(this.ctx.db).invalidate(body.instrumentId);
    return result;
  }

  async responseRates(instrumentId: string) {
    const snap = await followupServiceFor(this.ctx.db).snapshot(instrumentId);
    if (!snap) throw new AppError('not_found', 'No such survey instrument.');
    const all = snap.published.responseRates();
    const names = await this.ctx.db.transaction((tx) => repo.municipalityNames(tx));
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

  // ---------------- aggregated tables from others ----------------

  async importAggregate(
    actor: AssignedActor,
    body: {
      title: string;
      source: string;
      year: number | null;
      rules: 'default' | 'skolinspektionen';
      positive: string[];
      csv: string;
    },
    requestId: string,
  ) {
    const hash = sha256(body.csv);
    const earlier = await this.ctx.db.transaction((tx) => repo.findAggregateTableBySha(tx, hash));
    if (earlier) return { status: 'already_imported' as const, table: earlier };
    let rows: ReturnType<typeof parsePublishCsv>;
    try {
      rows = parsePublishCsv(body.csv.replace(/^\uFEFF/, ''));
    } catch (err) {
      if (err instanceof PublishInputError) {
        throw new AppError('bad_request', `The file cannot be imported: ${err.message}. Nothing was imported.`, {
          reason: 'invalid_file',
          rowsTotal: 0,
          rowsWithErrors: err.line === null ? 0 : 1,
          rowErrors: err.line === null ? [] : [{ line: err.line, problems: [err.message], codes: ['aggregate_row'] }],
        });
      }
      throw err;
    }
    const tooLarge = rows.findIndex((r) => r.count > 2_147_483_647);
    if (tooLarge >= 0)
      throw new AppError(
        'bad_request',
        'A count is larger than any plausible number of answers. Nothing was imported.',
        {
          reason: 'invalid_file',
          rowsTotal: rows.length,
          rowsWithErrors: 1,
          rowErrors: [{ line: tooLarge + 2, problems: ['count is too large'], codes: ['aggregate_row'] }],
        },
      );
    const options = new Set(rows.map((r) => r.option));
    const unknown = body.positive.filter((p) => !options.has(p));
    if (unknown.length > 0)
      throw new AppError(
        'bad_request',
        `The positive options ${unknown.map((u) => `"${u}"`).join(', ')} are not options in the file.`,
        { reason: 'positive_options' },
      );
    const id = randomUUID();
    const table = await auditedWrite(this.ctx.db, async (tx) => {
      const fresh = await repo.insertAggregateTable(
        tx,
        {
          id,
          title: body.title,
          source: body.source,
          year: body.year,
          rules: body.rules,
          positive: body.positive,
          sha256: hash,
          importedBy: actor.personId,
        },
        rows,
      );
      if (!fresh) return { result: null, events: [] };
      return {
        result: id,
        events: [
          this.event(actor, requestId, 'followup.import', 'followup_import', id, {
            kind: 'aggregate_table',
            status: 'imported',
            rows: rows.length,
            rules: body.rules,
          }),
        ],
      };
    });
    const meta = await this.ctx.db.transaction((tx) => repo.findAggregateTableBySha(tx, hash));
    return { status: table ? ('imported' as const) : ('already_imported' as const), table: meta! };
  }

  async listAggregates() {
    return { tables: await this.ctx.db.transaction((tx) => repo.listAggregateTables(tx)) };
  }

  /** The table as the `stats publish` contract publishes it, with one "suppressed" label. */
  async publishedAggregate(id: string) {
    const loaded = await this.ctx.db.transaction((tx) => repo.loadAggregateTable(tx, id));
    if (!loaded) throw new AppError('not_found', 'No such table.');
    const out = publishTable({
      rows: loaded.rows,
      positive: loaded.meta.positive.length > 0 ? loaded.meta.positive : undefined,
      rules: loaded.meta.rules,
    });
    const options = [...new Set(loaded.rows.map((r) => r.option))];
    return {
      table: loaded.meta,
      options,
      groups: out.groups.map((g) => ({
        group: g.group,
        n: g.n,
        x: g.x,
        share: g.share,
        ciLow: g.ci_low,
        ciHigh: g.ci_high,
        status: g.status,
        options: Object.fromEntries(
          Object.entries(g.options).map(([k, o]) => [
            k,
            {
              count: o.status === 'ok' ? o.count : null,
              status: o.status === 'ok' ? ('ok' as const) : ('suppressed' as const),
            },
          ]),
        ),
      })),
      disclosureRisks: out.disclosure_risks.length,
    };
  }

  // ---------------- operational series ----------------

  async importOperational(actor: AssignedActor, body: { seriesKey: string; csv: string }, requestId: string) {
    const series = seriesByKey(body.seriesKey);
    if (!series)
      throw new AppError('bad_request', `There is no operational series "${body.seriesKey}".`, {
        reason: 'unknown_series',
      });
    if (!acceptsImport(series))
      throw new AppError('bad_request', 'This series is computed from Barnkompass’s own data and cannot be imported.', {
        reason: 'computed_series',
      });
    const hash = sha256(body.csv);
    const earlier = await this.ctx.db.transaction((tx) => repo.findOperationalImport(tx, series.key, hash));
    if (earlier) return { status: 'already_imported' as const, importId: earlier.id, rows: earlier.rows };
    const municipalities = new Set(await this.ctx.db.transaction((tx) => loadMunicipalityCodes(tx)));
    const { rows } = parseSmallCsv(
      body.csv,
      {
        municipality: ['kommun', 'kommunkod', 'municipality'],
        period: ['period', 'manad', 'månad', 'ar', 'år'],
        value: ['varde', 'värde', 'antal', 'value', 'taljare', 'täljare'],
        denominator: ['namnare', 'nämnare', 'denominator'],
      },
      series.measure === 'share'
        ? ['municipality', 'period', 'value', 'denominator']
        : ['municipality', 'period', 'value'],
    );
    const problems: RowProblem[] = [];
    const out: { municipalityCode: string; period: string; value: number; denominator: number | null }[] = [];
    const seen = new Set<string>();
    const periodRe = series.period === 'month' ? /^[0-9]{4}-(0[1-9]|1[0-2])$/ : /^[0-9]{4}$/;
    for (const r of rows) {
      const p = problemList();
      const m = r.get('municipality') ?? '';
      if (!municipalities.has(m)) p.add('unknown_municipality', 'unknown municipality code');
      const period = r.get('period') ?? '';
      if (!periodRe.test(period))
        p.add(
          series.period === 'month' ? 'period_month' : 'period_year',
          series.period === 'month' ? 'period must be a month, YYYY-MM' : 'period must be a year, YYYY',
        );
      const v = r.get('value') ?? '';
      if (!INT.test(v)) p.add('value_invalid', 'value must be a whole number ≥ 0');
      let denominator: number | null = null;
      if (series.measure === 'share') {
        const d = r.get('denominator') ?? '';
        if (!INT.test(d)) p.add('denominator_invalid', 'denominator must be a whole number ≥ 0');
        else if (INT.test(v) && Number(d) < Number(v))
          p.add('denominator_small', 'denominator must be at least the value');
        else denominator = Number(d);
      }
      if (p.codes.length === 0 && seen.has(`${m}|${period}`))
        p.add('duplicate', 'the same municipality and period appear earlier in the file');
      seen.add(`${m}|${period}`);
      if (p.codes.length > 0) problems.push({ line: r.line, problems: p.problems, codes: p.codes });
      else out.push({ municipalityCode: m, period, value: Number(v), denominator });
    }
    if (problems.length > 0)
      throw invalidFile(
        `${problems.length} of ${rows.length} rows have problems; nothing was imported. Correct the rows listed and import the file again.`,
        problems,
        rows.length,
      );
    const id = randomUUID();
    const done = await auditedWrite(this.ctx.db, async (tx) => {
      const fresh = await repo.insertOperationalImport(
        tx,
        { id, seriesKey: series.key, sha256: hash, importedBy: actor.personId },
        out,
      );
      if (!fresh) return { result: false, events: [] };
      return {
        result: true,
        events: [
          this.event(actor, requestId, 'followup.import', 'followup_import', id, {
            kind: 'operational',
            series: series.key,
            status: 'imported',
            rows: out.length,
          }),
        ],
      };
    });
    if (!done) {
      const other = await this.ctx.db.transaction((tx) => repo.findOperationalImport(tx, series.key, hash));
      return { status: 'already_imported' as const, importId: other!.id, rows: other!.rows };
    }
    return { status: 'imported' as const, importId: id, rows: out.length };
  }

  private async seriesValues(
    q: Queryable,
    s: OperationalSeries,
    municipalities: readonly string[] | null,
  ): Promise<OperationalAggregate[]> {
    const imported = acceptsImport(s)
      ? (await repo.loadOperationalValues(q, s.key, municipalities)).map((r) => ({ ...r, persons: null }))
      : [];
    if (s.source.kind === 'import') return imported;
    const own = await s.source.query(q, municipalities);
    return s.source.importBefore ? combineImportedAndOwn(imported, own) : own;
  }

  async operationalSeries(municipalities: readonly string[] | null) {
    return this.ctx.db.transaction(async (tx) => {
      const last = await repo.lastOperationalImports(tx);
      const series = [];
      for (const s of OPERATIONAL_SERIES) {
        const values = suppressOperational(s, await this.seriesValues(tx, s, municipalities));
        series.push({
          key: s.key,
          labelSv: s.labelSv,
          labelEn: s.labelEn,
          measure: s.measure,
          period: s.period,
          wheel: s.wheel,
          goalStage: s.goalStage,
          polarity: s.polarity,
          source: s.source.kind,
          importable: acceptsImport(s),
          sourceNoteSv: s.source.kind === 'sql' ? s.source.describeSv : null,
          sourceNoteEn: s.source.kind === 'sql' ? s.source.describeEn : null,
          lastImportAt: last.get(s.key) ?? null,
          values,
        });
      }
      return { series };
    });
  }

  // ---------------- indicators ----------------

  private async instrumentOrThrow(q: Queryable, instrumentId: string) {
    const stored = await loadInstrument(q, instrumentId);
    if (!stored) throw new AppError('not_found', 'No such survey instrument.');
    return stored;
  }

  private present(r: repo.IndicatorRow) {
    const d = r.definition;
    return {
      key: d.key,
      labelSv: d.labelSv,
      labelEn: d.labelEn,
      wheel: d.wheel,
      polarity: d.polarity,
      items: d.items,
      atLeast: d.atLeast,
      positive: d.positive,
      positiveByVersion: d.positiveByVersion,
      dontKnow: d.dontKnow,
      universe: d.universe,
      grades: d.grades,
      koladaKpis: d.koladaKpis,
      goal: d.goal,
      enabled: r.enabled,
      isDefault: r.isDefault,
      version: r.version,
      updatedAt: r.updatedAt,
    };
  }

  /** zod + the instrument: every problem in one 400, so the analyst can fix them all at once. */
  private checkDefinition(
    input: unknown,
    stored: Awaited<ReturnType<typeof loadInstrument>> & object,
  ): IndicatorDefinition {
    const parsed = indicatorDefinitionSchema.safeParse(input);
    if (!parsed.success)
      throw new AppError('bad_request', 'The indicator definition is not valid.', {
        reason: 'definition',
        problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
      });
    const d = parsed.data;
    const problems = checkIndicatorAgainstInstrument(d, stored.instrument);
    const grades = new Set(stored.waves.flatMap((w) => w.grades));
    for (const g of d.grades ?? []) if (!grades.has(g)) problems.push(`no wave has grade ${g}`);
    for (const g of Object.keys(d.koladaKpis))
      if (g !== '*' && !grades.has(g)) problems.push(`Kolada KPI given for grade ${g}, which no wave has`);
    if (d.universe) {
      const it = stored.instrument.items.find((i) => i.key === d.universe!.item);
      if (it)
        for (const v of it.versions) {
          const codes = new Set(v.options.map((o) => o.code));
          const bad = d.universe.codes.filter((c) => !codes.has(c));
          if (bad.length > 0)
            problems.push(`universe item ${it.key} version ${v.version} has no code ${bad.join(', ')}`);
        }
    }
    if (problems.length > 0)
      throw new AppError('bad_request', `The indicator does not fit the instrument: ${problems.join('; ')}.`, {
        reason: 'instrument',
        problems,
      });
    return d;
  }

  async listIndicators(instrumentId: string) {
    return this.ctx.db.transaction(async (tx) => {
      await this.instrumentOrThrow(tx, instrumentId);
      return { instrumentId, indicators: (await repo.listIndicatorRows(tx, instrumentId)).map((r) => this.present(r)) };
    });
  }

  async getIndicator(instrumentId: string, key: string) {
    const r = await this.ctx.db.transaction((tx) => repo.loadIndicatorRow(tx, instrumentId, key));
    if (!r) throw new AppError('not_found', 'No such indicator.');
    return this.present(r);
  }

  async createIndicator(
    actor: AssignedActor,
    instrumentId: string,
    body: Record<string, unknown> & { enabled: boolean },
    requestId: string,
  ) {
    const created = await auditedWrite(this.ctx.db, async (tx) => {
      const stored = await this.instrumentOrThrow(tx, instrumentId);
      const { enabled, ...def } = body;
      const d = this.checkDefinition(def, stored);
      if (!(await repo.insertIndicatorRow(tx, instrumentId, d, enabled)))
        throw new AppError('conflict', `An indicator with the key "${d.key}" already exists.`, { reason: 'key_taken' });
      const row = (await repo.loadIndicatorRow(tx, instrumentId, d.key))!;
      return {
        result: row,
        events: [
          this.event(actor, requestId, 'followup_indicator.create', 'followup_indicator', `${instrumentId}/${d.key}`, {
            key: d.key,
            enabled,
            version: row.version,
          }),
        ],
      };
    });
    followupServiceFor(this.ctx.db).invalidate(instrumentId);
    return this.present(created);
  }

  async updateIndicator(
    actor: AssignedActor,
    instrumentId: string,
    key: string,
    ifMatch: number,
    patch: Record<string, unknown>,
    requestId: string,
  ) {
    const updated = await auditedWrite(this.ctx.db, async (tx) => {
      const stored = await this.instrumentOrThrow(tx, instrumentId);
      const current = await repo.loadIndicatorRow(tx, instrumentId, key, { forUpdate: true });
      if (!current) throw new AppError('not_found', 'No such indicator.');
      if (current.version !== ifMatch) throw versionConflict(this.present(current), current.version);
      const { enabled, ...defPatch } = patch as { enabled?: boolean };
      const merged = {
        ...current.definition,
        ...Object.fromEntries(Object.entries(defPatch).filter(([, v]) => v !== undefined)),
        key,
      };
      const d = this.checkDefinition(merged, stored);
      const nextEnabled = enabled ?? current.enabled;
      await repo.updateIndicatorRow(tx, instrumentId, d, nextEnabled);
      const row = (await repo.loadIndicatorRow(tx, instrumentId, key))!;
      return {
        result: row,
        events: [
          this.event(actor, requestId, 'followup_indicator.update', 'followup_indicator', `${instrumentId}/${key}`, {
            key,
            enabled: nextEnabled,
            version: row.version,
          }),
        ],
      };
    });
    followupServiceFor(this.ctx.db).invalidate(instrumentId);
    return this.present(updated);
  }

  // ---------------- Kolada KPIs ----------------

  async kpiPage(municipalityCode: string | undefined) {
    const data = await this.ctx.db.transaction(async (tx) => {
      const names = await repo.municipalityNames(tx);
      const municipalities = [...names].map(([code, name]) => ({ code, name }));
      const code = municipalityCode ?? municipalities[0]?.code;
      if (!code || !names.has(code)) throw new AppError('not_found', 'No such municipality in this county.');
      const mappings = await readKpiMappings(tx);
      const titles = await tx.query<{ id: string; title: string }>('SELECT id, title FROM kolada_kpi');
      const titleOf = new Map(titles.rows.map((t) => [t.id, t.title]));
      const values = await readKoladaValues(tx, { municipalities: [code] });
      const runs = await readImportRuns(tx, 1);
      return { names, municipalities, code, mappings, titleOf, values, run: runs[0] ?? null };
    });
    const kpis = data.mappings.map((m) => ({
      id: m.kpiId,
      title: data.titleOf.get(m.kpiId) ?? m.rationale ?? m.kpiId,
      wheel: m.wheelIndicator,
      goalStage: m.goalStage,
      polarity: m.polarity,
      values: data.values
        .filter((v) => v.kpiId === m.kpiId)
        .map((v) => ({
          period: v.period,
          gender: v.gender,
          // Kolada's Privacy status is shown as suppressed, never with a value.
          value: v.status === 'Privacy' ? null : v.value,
          status:
            v.status === 'Privacy'
              ? ('suppressed' as const)
              : v.value === null
                ? ('missing' as const)
                : ('ok' as const),
        })),
    }));
    const series = (await this.operationalSeries([data.code])).series;
    const survey = await this.surveyBeside(data.code);
    const run = data.run;
    return {
      municipality: { code: data.code, name: data.names.get(data.code)! },
      municipalities: data.municipalities,
      years: [...new Set(data.values.map((v) => v.period))].sort((a, b) => a - b),
      kpis,
      series,
      lastRun: run ? { id: run.id, status: run.status, startedAt: run.startedAt, finishedAt: run.finishedAt } : null,
      survey,
    };
  }

  /** Survey indicators of a municipality in the latest wave, as published (hidden cells carry no number). */
  private async surveyBeside(municipality: string) {
    const snap = await followupServiceFor(this.ctx.db).snapshot(DEMO_INSTRUMENT_ID);
    if (!snap) return null;
    const stored = await this.ctx.db.transaction((tx) => loadInstrument(tx, DEMO_INSTRUMENT_ID));
    const wave = stored?.waves[stored.waves.length - 1];
    if (!wave) return null;
    const indicators = [];
    for (const ind of snap.indicators) {
      for (const grade of wave.grades) {
        if (ind.grades && !ind.grades.includes(grade)) continue;
        let table = null;
        try {
          table = snap.published.table({
            indicator: ind.key,
            breakdown: 'municipality',
            year: wave.year,
            parent: { grade },
          });
        } catch {
          table = null;
        }
        const c = table?.cells.find((x) => x.group === municipality);
        if (!c) continue;
        const ok = c.status === 'ok';
        indicators.push({
          key: ind.key,
          labelSv: ind.labelSv,
          labelEn: ind.labelEn,
          wheel: ind.wheel,
          polarity: ind.polarity,
          grade,
          share: ok ? c.share : null,
          ciLow: ok ? c.ciLow : null,
          ciHigh: ok ? c.ciHigh : null,
          n: c.n,
          status: ok ? ('ok' as const) : ('suppressed' as const),
          koladaKpi: ind.koladaKpis[grade] ?? ind.koladaKpis['*'] ?? null,
        });
      }
    }
    return { year: wave.year, indicators };
  }

  private koladaRunning = false;

  startKoladaRun(
    actor: AssignedActor,
    body: { kpis?: string[]; years?: number[]; full: boolean },
    requestId: string,
  ): JobState {
    if (this.koladaRunning)
      throw new AppError('conflict', 'A Kolada import is already running; wait for it to finish.', {
        reason: 'already_running',
      });
    this.koladaRunning = true;
    const client = new KoladaClient({
      baseUrl: this.ctx.config.koladaBaseUrl,
      timeoutMs: 30_000,
      signal: this.closing.signal,
    });
    return this.jobs.start(
      actor.personId,
      'kolada_import',
      async (update) => {
        try {
          const summary = await importKolada(this.ctx.db, {
            client,
            kpis: body.kpis,
            years: body.years,
            full: body.full,
            onProgress: (done, total, label) =>
              update({ phase: label, rows: done, fraction: total > 0 ? done / total : 0 }),
          });
          await auditedWrite(this.ctx.db, async () => ({
            result: null,
            events: [
              this.event(actor, requestId, 'kolada.import', 'kolada_import_run', String(summary.runId), {
                status: 'succeeded',
                kpis: summary.kpisImported,
                values: summary.rowsReceived,
              }),
            ],
          }));
          return summary;
        } catch (err) {
          const runId = err instanceof KoladaImportError ? String(err.runId) : null;
          await auditedWrite(this.ctx.db, async () => ({
            result: null,
            events: [
              this.event(actor, requestId, 'kolada.import', 'kolada_import_run', runId, { status: 'failed' }, 'failed'),
            ],
          })).catch(() => undefined);
          throw err;
        } finally {
          this.koladaRunning = false;
        }
      },
      (err) => toJobError(err),
    );
  }
}

async function readAll(source: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const c of source) parts.push(c);
  return Buffer.concat(parts);
}

function toJobError(err: unknown): JobError {
  if (err instanceof AppError)
    return { status: err.status, error: err.code, message: err.message, details: err.details };
  if (err instanceof ImportInputError)
    return {
      status: 400,
      error: 'bad_request',
      message: `The file cannot be imported: ${err.message}.`,
      details: { reason: 'invalid_file' },
    };
  if (err instanceof ImportMappingError)
    return {
      status: 400,
      error: 'bad_request',
      message: err.message,
      details: { reason: 'mapping', problems: err.problems },
    };
  if (err instanceof UnknownInstrumentError)
    return { status: 404, error: 'not_found', message: 'No such survey instrument.' };
  if (err instanceof KoladaImportError)
    return {
      status: 502,
      error: 'kolada_failed',
      message: `The Kolada import failed: ${err.message}`,
      details: { runId: err.runId, kpisCommitted: err.kpisCommitted },
    };
  return { status: 500, error: 'internal', message: 'Something went wrong' };
}

export { DEMO_INSTRUMENT_ID };

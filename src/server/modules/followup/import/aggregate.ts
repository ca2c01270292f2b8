/**
 * Aggregated tables from others (e.g. Skolinspektionen's Skolenkäten counts) in the `stats
 * publish` CSV contract: checked whole, stored with the audit event in one transaction, and only
 * ever published through suppression (admin/aggregates.ts). The same bytes again answer
 * 'already_imported'.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../../core/errors.js';
import { PublishInputError, parsePublishCsv } from '../../../../core/statistics/publish.js';
import { auditedTransaction } from '../../../access/audit-door.js';
import type { Db } from '../../../db/client.js';
import * as analystRepo from '../analyst-repo.js';
import { followupEvent, type RequestedBy } from '../events.js';
import { sha256 } from './small-csv.js';

export interface AggregateImportBody {
  title: string;
  source: string;
  year: number | null;
  rules: 'default' | 'skolinspektionen';
  positive: string[];
  csv: string;
}

export async function importAggregate(db: Db, by: RequestedBy, body: AggregateImportBody) {
  const hash = sha256(body.csv);
  const earlier = await db.transaction((tx) => analystRepo.findAggregateTableBySha(tx, hash));
  if (earlier) return { status: 'already_imported' as const, table: earlier };
  const rows = parseRows(body.csv);
  const options = new Set(rows.map((r) => r.option));
  const unknown = body.positive.filter((p) => !options.has(p));
  if (unknown.length > 0)
    throw new AppError(
      'bad_request',
      `The positive options ${unknown.map((u) => `"${u}"`).join(', ')} are not options in the file.`,
      { reason: 'positive_options' },
    );
  const id = randomUUID();
  const table = await auditedTransaction(
    db,
    async (tx) => {
      const fresh = await analystRepo.insertAggregateTable(
        tx,
        {
          id,
          title: body.title,
          source: body.source,
          year: body.year,
          rules: body.rules,
          positive: body.positive,
          sha256: hash,
          importedBy: by.actor.personId,
        },
        rows,
      );
      if (!fresh) return { result: null, events: [] };
      return {
        result: id,
        events: [
          followupEvent(by, 'followup.import', 'followup_import', id, {
            kind: 'aggregate_table',
            status: 'imported',
            rows: rows.length,
            rules: body.rules,
          }),
        ],
      };
    },
    { now: by.clock },
  );
  const meta = await db.transaction((tx) => analystRepo.findAggregateTableBySha(tx, hash));
  return { status: table ? ('imported' as const) : ('already_imported' as const), table: meta! };
}

function parseRows(csv: string): ReturnType<typeof parsePublishCsv> {
  let rows: ReturnType<typeof parsePublishCsv>;
  try {
    rows = parsePublishCsv(csv.replace(/^\uFEFF/, ''));
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
    throw new AppError('bad_request', 'A count is larger than any plausible number of answers. Nothing was imported.', {
      reason: 'invalid_file',
      rowsTotal: rows.length,
      rowsWithErrors: 1,
      rowErrors: [{ line: tooLarge + 2, problems: ['count is too large'], codes: ['aggregate_row'] }],
    });
  return rows;
}

/** What an export reads (the read API's protected tables, one snapshot) and its audit record. */
import { z } from 'zod';
import { InstrumentId } from '../../../../contract/followup-admin.js';
import { AppError } from '../../../../core/errors.js';
import { DEMO_INSTRUMENT_ID } from '../../../../core/followup/index.js';
import { recordEvents } from '../../../access/audit-door.js';
import type { AppContext } from '../../../context.js';
import * as analystRepo from '../analyst-repo.js';
import { followupEvent, type RequestedBy } from '../events.js';
import { exportRows } from './exports.js';
import type { FollowupParts } from './route-kit.js';

const list = (re: RegExp) =>
  z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (s === undefined || s.trim() === '') return undefined;
      const parts = s.split(',').map((x) => x.trim());
      if (parts.some((p) => !re.test(p))) {
        ctx.addIssue({ code: 'custom', message: 'a comma-separated list' });
        return z.NEVER;
      }
      return parts;
    });

export const exportQuery = z.object({
  instrumentId: InstrumentId.default(DEMO_INSTRUMENT_ID),
  indicators: list(/^[a-z][a-z0-9_]*$/),
  years: list(/^[0-9]{4}$/),
});

/** Rows of the tables the read API publishes (one snapshot, the API's protected path; see exports.ts). */
export async function exportData(
  parts: Pick<FollowupParts, 'db' | 'published'>,
  instrumentId: string,
  municipality: string,
  indicatorKeys?: string[],
  years?: number[],
) {
  const shown = await parts.published.shownTables(instrumentId);
  const snap = shown.snapshot;
  const stored = shown.instrument;
  const names = await parts.db.transaction((tx) => analystRepo.municipalityNames(tx));
  if (!names.has(municipality)) throw new AppError('not_found', 'No such municipality in this county.');
  const unknown = (indicatorKeys ?? []).filter((k) => !snap.indicators.some((i) => i.key === k));
  if (unknown.length > 0) throw new AppError('bad_request', `Unknown or disabled indicators: ${unknown.join(', ')}.`);
  const indicators = indicatorKeys ? snap.indicators.filter((i) => indicatorKeys.includes(i.key)) : snap.indicators;
  const rows = exportRows(shown, indicators, stored.waves, municipality, years);
  return { shown, stored, name: names.get(municipality)!, rows };
}

/**
 * Records that an export of published tables for a municipality went out (who, what). Resolves
 * once the audit row is committed: call it before the file is sent, so no file leaves unrecorded.
 */
export async function auditExport(
  ctx: Pick<AppContext, 'audit'>,
  by: RequestedBy,
  municipality: string,
  format: 'csv' | 'pdf',
  q: { instrumentId: string; indicators?: string[] | undefined },
  years: string,
  rows: number,
): Promise<void> {
  await recordEvents(ctx, [
    followupEvent(by, 'followup.export', 'followup_export', municipality, {
      format,
      instrument: q.instrumentId,
      indicators: q.indicators?.join(',') ?? 'all',
      years,
      rows,
    }),
  ]);
}

/**
 * Indicator definitions one at a time: versioned (ETag / If-Match), checked against the
 * instrument (every problem in one 400), and audited in the transaction that writes them.
 */
import { AppError } from '../../../../core/errors.js';
import {
  checkIndicatorAgainstInstrument,
  indicatorDefinitionSchema,
  type IndicatorDefinition,
} from '../../../../core/followup/index.js';
import { auditedTransaction } from '../../../access/audit-door.js';
import type { Db, Queryable } from '../../../db/client.js';
import { versionConflict } from '../../../http/versioning.js';
import * as analystRepo from '../analyst-repo.js';
import { followupEvent, type RequestedBy } from '../events.js';
import { loadInstrument, type StoredInstrument } from '../repo.js';

async function instrumentOrThrow(q: Queryable, instrumentId: string) {
  const stored = await loadInstrument(q, instrumentId);
  if (!stored) throw new AppError('not_found', 'No such survey instrument.');
  return stored;
}

function present(r: analystRepo.IndicatorRow) {
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
function checkDefinition(input: unknown, stored: StoredInstrument): IndicatorDefinition {
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
        if (bad.length > 0) problems.push(`universe item ${it.key} version ${v.version} has no code ${bad.join(', ')}`);
      }
  }
  if (problems.length > 0)
    throw new AppError('bad_request', `The indicator does not fit the instrument: ${problems.join('; ')}.`, {
      reason: 'instrument',
      problems,
    });
  return d;
}

export async function listIndicators(db: Db, instrumentId: string) {
  return db.transaction(async (tx) => {
    await instrumentOrThrow(tx, instrumentId);
    return { instrumentId, indicators: (await analystRepo.listIndicatorRows(tx, instrumentId)).map(present) };
  });
}

export async function getIndicator(db: Db, instrumentId: string, key: string) {
  const r = await db.transaction((tx) => analystRepo.loadIndicatorRow(tx, instrumentId, key));
  if (!r) throw new AppError('not_found', 'No such indicator.');
  return present(r);
}

export async function createIndicator(
  db: Db,
  by: RequestedBy,
  instrumentId: string,
  body: Record<string, unknown> & { enabled: boolean },
) {
  const created = await auditedTransaction(
    db,
    async (tx) => {
      const stored = await instrumentOrThrow(tx, instrumentId);
      const { enabled, ...def } = body;
      const d = checkDefinition(def, stored);
      if (!(await analystRepo.insertIndicatorRow(tx, instrumentId, d, enabled)))
        throw new AppError('conflict', `An indicator with the key "${d.key}" already exists.`, { reason: 'key_taken' });
      const row = (await analystRepo.loadIndicatorRow(tx, instrumentId, d.key))!;
      return {
        result: row,
        events: [
          followupEvent(by, 'followup_indicator.create', 'followup_indicator', `${instrumentId}/${d.key}`, {
            key: d.key,
            enabled,
            version: row.version,
          }),
        ],
      };
    },
    { now: by.clock },
  );
  return present(created);
}

export async function updateIndicator(
  db: Db,
  by: RequestedBy,
  target: { instrumentId: string; key: string; ifMatch: number },
  patch: Record<string, unknown>,
) {
  const { instrumentId, key, ifMatch } = target;
  const updated = await auditedTransaction(
    db,
    async (tx) => {
      const stored = await instrumentOrThrow(tx, instrumentId);
      const current = await analystRepo.loadIndicatorRow(tx, instrumentId, key, { forUpdate: true });
      if (!current) throw new AppError('not_found', 'No such indicator.');
      if (current.version !== ifMatch) throw versionConflict(present(current), current.version);
      const { enabled, ...defPatch } = patch as { enabled?: boolean };
      const merged = {
        ...current.definition,
        ...Object.fromEntries(Object.entries(defPatch).filter(([, v]) => v !== undefined)),
        key,
      };
      const d = checkDefinition(merged, stored);
      const nextEnabled = enabled ?? current.enabled;
      await analystRepo.updateIndicatorRow(tx, instrumentId, d, nextEnabled);
      const row = (await analystRepo.loadIndicatorRow(tx, instrumentId, key))!;
      return {
        result: row,
        events: [
          followupEvent(by, 'followup_indicator.update', 'followup_indicator', `${instrumentId}/${key}`, {
            key,
            enabled: nextEnabled,
            version: row.version,
          }),
        ],
      };
    },
    { now: by.clock },
  );
  return present(updated);
}

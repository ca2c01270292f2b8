/**
 * "Ny oro" from a unit that serves the child: the search and the raise calls. The child found and
 * the receipt are kept in memory between the pages (never in the address or in storage): a reload
 * starts again from the search.
 */
import type { z } from 'zod';
import { request } from '../api.js';
import type {
  ConcernReceipt as ConcernReceiptSchema,
  ServedChild as ServedChildSchema,
} from '../../contract/serving.js';
import type { NewConcern } from '../concerns/api.js';

export type ServedChild = z.infer<typeof ServedChildSchema>;
export type ConcernReceipt = z.infer<typeof ConcernReceiptSchema>;

export const servingApi = {
  search: (body: { personnummer: string } | { name: string }) =>
    request<{ children: ServedChild[] }>('POST', '/api/serving-unit/children/search', body),
  raise: (childId: string, body: NewConcern) =>
    request<ConcernReceipt>('POST', `/api/serving-unit/children/${encodeURIComponent(childId)}/concerns`, body),
};

const chosen = new Map<string, ServedChild>();
const receipts = new Map<string, { receipt: ConcernReceipt; child: ServedChild }>();

export const servingMemory = {
  choose: (c: ServedChild) => chosen.set(c.id, c),
  chosen: (childId: string) => chosen.get(childId) ?? null,
  keepReceipt: (receipt: ConcernReceipt, child: ServedChild) => receipts.set(receipt.concernId, { receipt, child }),
  receipt: (concernId: string) => receipts.get(concernId) ?? null,
};

/** Roles that never raise a concern about one child (administrators, population roles, log review). */
export const NON_SERVING_ROLES: ReadonlySet<string> = new Set([
  'system_admin',
  'unit_admin',
  'analyst',
  'manager',
  'log_reviewer',
]);

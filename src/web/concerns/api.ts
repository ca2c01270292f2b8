/**
 * The concern, chronology and to-do calls. Types come from the server's own schemas (type-only
 * imports); requests go through the shared `request` in ../api.ts (session cookie, 401/403 handling).
 */
import type { z } from 'zod';
import { ApiError, request } from '../api.js';
import type {
  Concern as ConcernSchema,
  ConcernCreateRequest,
  ConcernDecisionResult as ConcernDecisionResultSchema,
  ConcernPatchRequest,
  ConcernQuestions as ConcernQuestionsSchema,
} from '../../contract/concerns.js';
import type { ConcernDecisionCode as ConcernDecisionCodeSchema } from '../../contract/concern-decision.js';
import type { ChronologyCreateRequest, ChronologyEntry as ChronologyEntrySchema } from '../../contract/chronology.js';
import type { TodoList as TodoListSchema } from '../../contract/todo.js';

export type Concern = z.infer<typeof ConcernSchema>;
export type ConcernQuestions = z.infer<typeof ConcernQuestionsSchema>;
export type QuestionKey = keyof ConcernQuestions;
export type ConcernDecisionCode = z.infer<typeof ConcernDecisionCodeSchema>;
export type ConcernDecisionResult = z.infer<typeof ConcernDecisionResultSchema>;
export type NewConcern = z.input<typeof ConcernCreateRequest>;
export type ConcernChanges = z.input<typeof ConcernPatchRequest>;
export type ChronologyEntry = z.infer<typeof ChronologyEntrySchema>;
export type NewChronologyEntry = z.input<typeof ChronologyCreateRequest>;
export type TodoList = z.infer<typeof TodoListSchema>;
export type TodoItem = TodoList['items'][number];

export const QUESTION_KEYS: readonly QuestionKey[] = [
  'gettingInTheWay',
  'informationNeeded',
  'whatICanDo',
  'whatMyAgencyCanDo',
  'additionalHelp',
];
export const DECISION_CODES: readonly ConcernDecisionCode[] = ['no_further_action', 'own_service', 'collaboration'];

const child = (childId: string) => `/api/children/${encodeURIComponent(childId)}`;
const concernPath = (childId: string, concernId: string) =>
  `${child(childId)}/concerns/${encodeURIComponent(concernId)}`;
/** If-Match names the version the user started from; a 412 answer carries the current one. */
const ifMatch = (version: number) => ({ 'if-match': `"v${version}"` });

export const concernApi = {
  list: (childId: string) => request<{ concerns: Concern[] }>('GET', `${child(childId)}/concerns`),
  get: (childId: string, concernId: string) => request<Concern>('GET', concernPath(childId, concernId)),
  create: (childId: string, body: NewConcern) => request<Concern>('POST', `${child(childId)}/concerns`, body),
  update: (childId: string, concernId: string, version: number, body: ConcernChanges) =>
    request<Concern>('PATCH', concernPath(childId, concernId), body, ifMatch(version)),
  decide: (
    childId: string,
    concernId: string,
    version: number,
    body: { decision: ConcernDecisionCode; reason: string },
  ) => request<ConcernDecisionResult>('POST', `${concernPath(childId, concernId)}/decision`, body, ifMatch(version)),
  chronology: (childId: string) => request<{ entries: ChronologyEntry[] }>('GET', `${child(childId)}/chronology`),
  addChronologyEntry: (childId: string, body: NewChronologyEntry) =>
    request<ChronologyEntry>('POST', `${child(childId)}/chronology`, body),
  todo: () => request<TodoList>('GET', '/api/todo'),
};

/** The version someone else saved, from a 412 answer; null for any other error. */
export function theirVersion(err: unknown): Concern | null {
  return err instanceof ApiError && err.status === 412 && err.body?.details?.current
    ? (err.body.details.current as Concern)
    : null;
}

/** Field → message from a 400 answer: zod issues ("indicators.1") or an AppError's details.field. */
export function fieldErrors(err: unknown): Record<string, string> {
  if (!(err instanceof ApiError) || err.status !== 400 || !err.body) return {};
  const out: Record<string, string> = {};
  for (const i of err.body.issues ?? []) {
    const field = i.path.split('.')[0] ?? '';
    if (field && field !== '(root)' && !out[field]) out[field] = i.message;
  }
  const f = err.body.details?.field;
  if (typeof f === 'string' && !out[f]) out[f] = err.body.message;
  return out;
}

// Dates are Swedish calendar days: "today" is today in Sweden, whatever the device's time zone.
const SWEDISH_DAY = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
export function swedishToday(): string {
  return SWEDISH_DAY.format(new Date());
}

/** Days from `from` to `to` (YYYY-MM-DD), negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

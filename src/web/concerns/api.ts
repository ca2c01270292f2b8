/**
 * The concern, chronology and to-do calls. Types come from the server's own schemas (type-only
 * imports); requests go through the shared `request` in ../api.ts (session cookie, 401/403 handling).
 */
import type { z } from 'zod';
import { request } from '../api.js';
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

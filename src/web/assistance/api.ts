/** Requests for assistance (samordningsfunktion): the team section's calls and the receiving lead's inbox. */
import type { z } from 'zod';
import { request } from '../api.js';
import type {
  AssistanceAnswer as AssistanceAnswerSchema,
  AssistanceCreateRequest,
  AssistanceInbox as AssistanceInboxSchema,
  AssistanceList as AssistanceListSchema,
  AssistanceRequest as AssistanceRequestSchema,
} from '../../contract/assistance.js';

export type AssistanceList = z.infer<typeof AssistanceListSchema>;
export type AssistanceRequest = z.infer<typeof AssistanceRequestSchema>;
export type AssistanceOptions = NonNullable<AssistanceList['options']>;
export type AssistanceInbox = z.infer<typeof AssistanceInboxSchema>;
export type AssistanceInboxItem = AssistanceInbox['requests'][number];
export type NewAssistanceRequest = z.input<typeof AssistanceCreateRequest>;
export type AssistanceAnswer = z.infer<typeof AssistanceAnswerSchema>;

const forChild = (childId: string) => `/api/children/${encodeURIComponent(childId)}/assistance-requests`;

export const assistanceApi = {
  list: (childId: string) => request<AssistanceList>('GET', forChild(childId)),
  send: (childId: string, body: NewAssistanceRequest) => request<AssistanceRequest>('POST', forChild(childId), body),
  withdraw: (childId: string, requestId: string) =>
    request<AssistanceAnswer>('POST', `${forChild(childId)}/${encodeURIComponent(requestId)}/withdraw`, {}),
  inbox: () => request<AssistanceInbox>('GET', '/api/assistance/inbox'),
  accept: (requestId: string, body: { assignmentId: string; teamRole: 'member' | 'contact_person' }) =>
    request<AssistanceAnswer>('POST', `/api/assistance/${encodeURIComponent(requestId)}/accept`, body),
  decline: (requestId: string, body: { reason: string }) =>
    request<AssistanceAnswer>('POST', `/api/assistance/${encodeURIComponent(requestId)}/decline`, body),
};

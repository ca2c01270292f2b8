/**
 * Anonymous consultation calls. Types come from the server's own schemas (type-only imports).
 */
import type { z } from 'zod';
import { ApiError, request } from '../api.js';
import type {
  ConsultationAdviceRequest,
  ConsultationCase as ConsultationCaseSchema,
  ConsultationCreateRequest,
  ConsultationLinkRequest,
  ConsultationLinkResult as ConsultationLinkResultSchema,
  ConsultationOptions as ConsultationOptionsSchema,
} from '../../contract/consultation.js';
import type { PersonalDataKind } from '../../core/personal-data.js';

export type ConsultationCase = z.infer<typeof ConsultationCaseSchema>;
export type ConsultationOptions = z.infer<typeof ConsultationOptionsSchema>;
export type NewConsultation = z.input<typeof ConsultationCreateRequest>;
export type ConsultationAdvice = z.input<typeof ConsultationAdviceRequest>;
export type ConsultationLink = z.input<typeof ConsultationLinkRequest>;
export type ConsultationLinkResult = z.infer<typeof ConsultationLinkResultSchema>;
export type AgeBand = ConsultationCase['ageBand'];
export type SchoolStage = ConsultationCase['schoolStage'];
export type ParticipantRole = NonNullable<ConsultationCase['advice']>['participantRoles'][number];

export const AGE_BANDS: readonly AgeBand[] = ['unborn', '0_2', '3_5', '6_9', '10_12', '13_15', '16_18'];
export const SCHOOL_STAGES: readonly SchoolStage[] = [
  'not_in_school',
  'preschool',
  'preschool_class',
  'grades_1_3',
  'grades_4_6',
  'grades_7_9',
  'upper_secondary',
  'other',
];
export const PARTICIPANT_ROLES: readonly ParticipantRole[] = [
  'principal',
  'teacher',
  'preschool_teacher',
  'special_educator',
  'school_nurse',
  'school_doctor',
  'school_psychologist',
  'school_counsellor',
  'social_worker',
  'social_services_manager',
  'child_health_nurse',
  'child_psychiatry_clinician',
  'youth_clinic_staff',
  'leisure_leader',
  'police_officer',
  'youth_follow_up_officer',
  'other',
];
export const CONSENT_GIVERS = ['guardian_1', 'guardian_2', 'child'] as const;
export const CONSENT_METHODS = ['signed_paper', 'digital', 'verbal_documented'] as const;

const one = (id: string) => `/api/consultation-cases/${encodeURIComponent(id)}`;

export const consultationApi = {
  options: () => request<ConsultationOptions>('GET', '/api/consultation-teams'),
  list: () => request<{ cases: ConsultationCase[] }>('GET', '/api/consultation-cases'),
  get: (id: string) => request<ConsultationCase>('GET', one(id)),
  create: (body: NewConsultation) => request<ConsultationCase>('POST', '/api/consultation-cases', body),
  advise: (id: string, version: number, body: ConsultationAdvice) =>
    request<ConsultationCase>('PUT', `${one(id)}/advice`, body, { 'if-match': `"v${version}"` }),
  link: (id: string, body: ConsultationLink) => request<ConsultationLinkResult>('POST', `${one(id)}/link`, body),
};

/** A 400 that refused personal data: the field and the kinds found (never the text). */
export function personalDataRefusal(err: unknown): { field: string; found: PersonalDataKind[] } | null {
  if (!(err instanceof ApiError) || err.status !== 400 || err.body?.details?.reason !== 'personal_data') return null;
  const d = err.body.details;
  return typeof d.field === 'string' && Array.isArray(d.found)
    ? { field: d.field, found: d.found as PersonalDataKind[] }
    : null;
}

/**
 * Consent, legal-basis disclosure and break-glass calls. Types come from the server's own schemas
 * (type-only imports: nothing of the server is bundled).
 */
import type { z } from 'zod';
import { request } from '../api.js';
import type {
  BreakGlass as BreakGlassSchema,
  BreakGlassList as BreakGlassListSchema,
  BreakGlassReviewRequest,
  BreakGlassStartRequest,
  Consent as ConsentSchema,
  ConsentCreateRequest,
  ConsentWithdrawRequest,
  Disclosure as DisclosureSchema,
  DisclosureCreateRequest,
  LegalBasis as LegalBasisSchema,
  PrivacyView as PrivacyViewSchema,
} from '../../contract/privacy.js';

export type Consent = z.infer<typeof ConsentSchema>;
export type Disclosure = z.infer<typeof DisclosureSchema>;
export type LegalBasis = z.infer<typeof LegalBasisSchema>;
export type BreakGlass = z.infer<typeof BreakGlassSchema>;
export type BreakGlassList = z.infer<typeof BreakGlassListSchema>;
export type PrivacyView = z.infer<typeof PrivacyViewSchema>;
export type SecrecyDomain = Consent['sourceDomains'][number];
export type DataCategory = Consent['dataCategories'][number];
export type ConsentMethod = Consent['method'];

export const SECRECY_DOMAINS: readonly SecrecyDomain[] = [
  'school',
  'medical_student_health',
  'health_care',
  'social_services',
  'police',
  'other',
];
export const DATA_CATEGORIES: readonly DataCategory[] = ['concern', 'chronology', 'wheel', 'plan'];
export const CONSENT_METHODS: readonly ConsentMethod[] = ['signed_paper', 'digital', 'verbal_documented'];

const child = (id: string) => `/api/children/${encodeURIComponent(id)}`;
const etag = (v: number) => ({ 'if-match': `"v${v}"` });

export const privacyApi = {
  view: (childId: string) => request<PrivacyView>('GET', `${child(childId)}/privacy`),
  createConsent: (childId: string, body: z.input<typeof ConsentCreateRequest>) =>
    request<Consent>('POST', `${child(childId)}/consents`, body),
  withdrawConsent: (childId: string, consent: Consent, body: z.input<typeof ConsentWithdrawRequest>) =>
    request<Consent>(
      'POST',
      `${child(childId)}/consents/${encodeURIComponent(consent.id)}/withdraw`,
      body,
      etag(consent.version),
    ),
  createDisclosure: (childId: string, body: z.input<typeof DisclosureCreateRequest>) =>
    request<Disclosure>('POST', `${child(childId)}/disclosures`, body),
  legalBases: () => request<{ bases: LegalBasis[] }>('GET', '/api/legal-bases'),
  myBreakGlass: () => request<BreakGlassList>('GET', '/api/break-glass'),
  startBreakGlass: (body: z.input<typeof BreakGlassStartRequest>) =>
    request<BreakGlass>('POST', '/api/break-glass', body),
  endBreakGlass: (id: string) => request<BreakGlass>('POST', `/api/break-glass/${encodeURIComponent(id)}/end`, {}),
  reviewBreakGlass: (id: string, body: z.input<typeof BreakGlassReviewRequest>) =>
    request<BreakGlass>('POST', `/api/break-glass/${encodeURIComponent(id)}/review`, body),
};

/** Roles that may use emergency access (the server's BREAK_GLASS_ROLES decides; this only shows the link). */
export const BREAK_GLASS_ROLES: ReadonlySet<string> = new Set([
  'social_worker',
  'social_services_manager',
  'school_nurse',
  'school_doctor',
  'child_health_nurse',
  'child_psychiatry_clinician',
  'principal',
]);

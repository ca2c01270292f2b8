import { z } from 'zod';
import { CalendarDate } from './common.js';

export const SecrecyDomain = z
  .enum(['school', 'medical_student_health', 'health_care', 'social_services', 'police', 'other'])
  .meta({ id: 'SecrecyDomain' });
export const DataCategory = z
  .enum(['concern', 'chronology', 'wheel', 'plan'])
  .describe(
    "concern: concerns raised; chronology: the chronology; wheel: wellbeing-wheel assessments; plan: the child's plan",
  )
  .meta({ id: 'DataCategory' });

const Text = (max: number) => z.string().trim().min(1).max(max);
const PersonRef = z.object({ personId: z.uuid(), name: z.string() });
const UnitRef = z.object({ id: z.uuid(), name: z.string(), secrecyDomain: SecrecyDomain.nullable() });

export const ConsentId = z.uuid().describe('The consent id');
export const BreakGlassId = z.uuid().describe('The break-glass id');
export const LegalBasisId = z.uuid().describe('One edition of a catalogue entry');

// ---------------------------------------------------------------------------------------------
// Consent

export const ConsentPartyInput = z
  .discriminatedUnion('kind', [
    z
      .object({
        kind: z.literal('guardian'),
        guardianId: z.uuid(),
        position: z.enum(['consents', 'declines', 'not_asked']),
        notAskedReason: Text(1000)
          .optional()
          .describe('Required when position = not_asked: why this custodial guardian was not asked (documented)'),
      })
      .strict(),
    z
      .object({
        kind: z.literal('child'),
        position: z.enum(['consents', 'declines']),
        maturityJudgement: Text(2000).describe(
          "The professional's judgement of the child's age and maturity, in words (no fixed age)",
        ),
        childDecides: z
          .boolean()
          .describe('The child is judged mature enough to decide this alone: their position then decides'),
      })
      .strict(),
  ])
  .meta({ id: 'ConsentPartyInput' });

export const ConsentCreateRequest = z
  .object({
    purpose: Text(1000).describe('Why the information is shared, in plain words'),
    recipientUnitIds: z.array(z.uuid()).min(1).max(30).describe('The services (units) that may see the information'),
    sourceDomains: z
      .array(SecrecyDomain)
      .min(1)
      .max(6)
      .describe('Whose records: the secrecy domains the information comes from'),
    dataCategories: z.array(DataCategory).min(1).max(4),
    method: z.enum(['signed_paper', 'digital', 'verbal_documented']),
    methodNote: Text(1000).optional().describe('E.g. where the signed form is kept, or what was said'),
    validFrom: CalendarDate.optional().describe('Default today; not in the past'),
    validTo: CalendarDate.describe('The last day the consent applies (at most three years ahead)'),
    parties: z.array(ConsentPartyInput).min(1).max(6).describe('Every custodial guardian, and the child when asked'),
  })
  .strict()
  .meta({ id: 'ConsentCreateRequest' });
export type ConsentCreateRequest = z.infer<typeof ConsentCreateRequest>;

export const ConsentParty = z.object({
  kind: z.enum(['guardian', 'child']),
  guardianId: z.uuid().nullable(),
  name: z.string().nullable().describe("The guardian's name; null for the child"),
  position: z.enum(['consents', 'declines', 'not_asked']),
  notAskedReason: z.string().nullable(),
  maturityJudgement: z.string().nullable(),
  childDecides: z.boolean(),
});

export const ConsentStatus = z
  .enum(['active', 'not_yet_valid', 'expired', 'withdrawn', 'not_given', 'custody_ended'])
  .describe(
    'Evaluated now: active = shows records to the recipients; not_given = a required party said no; custody_ended = no guardian who consented has custody any more (and the child does not decide alone): shows nothing',
  );

export const Consent = z
  .object({
    id: z.uuid(),
    childId: z.uuid(),
    purpose: z.string(),
    recipients: z.array(UnitRef),
    sourceDomains: z.array(SecrecyDomain),
    dataCategories: z.array(DataCategory),
    method: z.enum(['signed_paper', 'digital', 'verbal_documented']),
    methodNote: z.string().nullable(),
    validFrom: CalendarDate,
    validTo: CalendarDate,
    given: z.boolean(),
    status: ConsentStatus,
    parties: z.array(ConsentParty),
    recordedBy: PersonRef,
    recordedAt: z.string(),
    withdrawal: z
      .object({
        at: z.string(),
        byParty: z.enum(['guardian', 'child']),
        guardianName: z.string().nullable(),
        recordedBy: PersonRef.nullable().describe('Null when the family withdrew it themself in their Barnkompass'),
        inFamilyPortal: z.boolean(),
        note: z.string().nullable(),
      })
      .nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'Consent' });
export type Consent = z.infer<typeof Consent>;

export const ConsentWithdrawRequest = z
  .object({
    byParty: z
      .enum(['guardian', 'child'])
      .describe('Who withdrew it (either custodial guardian, or the child, may withdraw)'),
    guardianId: z.uuid().optional().describe('Which guardian, when byParty = guardian'),
    note: Text(1000).optional(),
  })
  .strict()
  .meta({ id: 'ConsentWithdrawRequest' });
export type ConsentWithdrawRequest = z.infer<typeof ConsentWithdrawRequest>;

// ---------------------------------------------------------------------------------------------
// Legal basis catalogue and disclosures

export const DomainPair = z.object({ from: SecrecyDomain, to: SecrecyDomain });

export const LegalBasis = z
  .object({
    id: z.uuid(),
    code: z.string(),
    edition: z.number().int(),
    title: z.string(),
    description: z.string(),
    statuteReference: z.string(),
    validFrom: CalendarDate,
    validTo: CalendarDate.nullable(),
    allowedPairs: z.array(DomainPair),
    retiredAt: z.string().nullable(),
    retirementReason: z.string().nullable(),
    usable: z.boolean().describe('New disclosures may be made under it today (not retired, in force)'),
    version: z.number().int(),
  })
  .meta({ id: 'LegalBasis' });
export type LegalBasis = z.infer<typeof LegalBasis>;

export const LegalBasisList = z.object({ bases: z.array(LegalBasis) }).meta({ id: 'LegalBasisList' });

export const LegalBasisCreateRequest = z
  .object({
    code: z
      .string()
      .regex(/^[a-z0-9_]{3,60}$/)
      .describe('Stable code; a new edition of an existing code supersedes nothing by itself (retire the old one)'),
    title: Text(200),
    description: Text(2000),
    statuteReference: Text(300),
    validFrom: CalendarDate,
    validTo: CalendarDate.nullable().optional(),
    allowedPairs: z.array(DomainPair).min(1).max(30),
  })
  .strict()
  .meta({ id: 'LegalBasisCreateRequest' });
export type LegalBasisCreateRequest = z.infer<typeof LegalBasisCreateRequest>;

export const LegalBasisRetireRequest = z
  .object({ reason: Text(1000) })
  .strict()
  .meta({ id: 'LegalBasisRetireRequest' });

export const DisclosureCreateRequest = z
  .object({
    legalBasisId: LegalBasisId,
    justification: z
      .string()
      .trim()
      .min(20)
      .max(4000)
      .describe('Why this disclosure is needed, and why consent was not used (at least 20 characters)'),
    recipientUnitId: z.uuid(),
    dataCategories: z.array(DataCategory).min(1).max(4),
    validTo: CalendarDate.describe('The last day the recipient may see the records (at most one year ahead)'),
  })
  .strict()
  .meta({ id: 'DisclosureCreateRequest' });
export type DisclosureCreateRequest = z.infer<typeof DisclosureCreateRequest>;

export const Disclosure = z
  .object({
    id: z.uuid(),
    childId: z.uuid(),
    legalBasis: z.object({
      id: z.uuid(),
      code: z.string(),
      edition: z.number().int(),
      title: z.string(),
      statuteReference: z.string(),
      retired: z.boolean(),
    }),
    justification: z.string(),
    fromDomain: SecrecyDomain,
    recipient: UnitRef,
    dataCategories: z.array(DataCategory),
    validFrom: CalendarDate,
    validTo: CalendarDate,
    active: z.boolean(),
    disclosedBy: PersonRef,
    createdAt: z.string(),
  })
  .meta({ id: 'Disclosure' });
export type Disclosure = z.infer<typeof Disclosure>;

// ---------------------------------------------------------------------------------------------
// Break-glass

export const BreakGlassStartRequest = z
  .object({
    personnummer: z.string().min(1).max(20).describe('The child (in the body, never in the URL)'),
    reason: z.string().trim().min(10).max(2000).describe("Why you need the child's data now (at least 10 characters)"),
    minutes: z.number().int().min(5).max(240).optional().describe('How long; default BREAK_GLASS_MINUTES (60)'),
  })
  .strict()
  .meta({ id: 'BreakGlassStartRequest' });
export type BreakGlassStartRequest = z.infer<typeof BreakGlassStartRequest>;

export const BreakGlassReview = z.object({
  outcome: z.enum(['justified', 'not_justified', 'follow_up']),
  note: z.string(),
  reviewedBy: PersonRef,
  reviewedAt: z.string(),
});

export const BreakGlass = z
  .object({
    id: z.uuid(),
    childId: z.uuid(),
    childName: z
      .string()
      .nullable()
      .describe("Shown to the person who broke the glass while it is active, and to the child's team"),
    person: PersonRef,
    unitName: z.string().nullable(),
    role: z.string(),
    reason: z.string(),
    startedAt: z.string(),
    expiresAt: z.string(),
    endedAt: z.string().nullable(),
    active: z.boolean(),
    secondsLeft: z.number().int().min(0),
    review: BreakGlassReview.nullable(),
  })
  .meta({ id: 'BreakGlass' });
export type BreakGlass = z.infer<typeof BreakGlass>;

export const BreakGlassList = z
  .object({
    breakGlass: z.array(BreakGlass),
    reauthMinutes: z.number().int(),
    defaultMinutes: z.number().int(),
    mayBreakGlass: z.boolean(),
  })
  .meta({ id: 'BreakGlassList' });

export const BreakGlassReviewRequest = z
  .object({ outcome: z.enum(['justified', 'not_justified', 'follow_up']), note: z.string().trim().min(1).max(4000) })
  .strict()
  .meta({ id: 'BreakGlassReviewRequest' });
export type BreakGlassReviewRequest = z.infer<typeof BreakGlassReviewRequest>;

// ---------------------------------------------------------------------------------------------
// The child's privacy page

export const PrivacyView = z
  .object({
    childId: z.uuid(),
    protectedIdentity: z.boolean(),
    myDomain: SecrecyDomain.nullable(),
    myUnitId: z.uuid().nullable(),
    consents: z.array(Consent),
    disclosures: z.array(Disclosure),
    breakGlass: z.array(BreakGlass),
    options: z.object({
      units: z.array(UnitRef).describe("The units of the child's team (consent recipients, disclosure recipients)"),
      guardians: z.array(z.object({ id: z.uuid(), name: z.string(), hasCustody: z.boolean() })),
    }),
  })
  .meta({ id: 'PrivacyView' });
export type PrivacyView = z.infer<typeof PrivacyView>;

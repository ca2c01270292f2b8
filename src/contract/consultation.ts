import { z } from 'zod';
import { WHEEL_INDICATORS } from '../core/wheel.js';
import { CalendarDate, Timestamp } from './common.js';
import { PersonRef } from './person.js';
import { WheelIndicator } from './wheel.js';

/**
 * Anonymous consultation (konsultationsteam). A case carries NO personal data: structured bands
 * instead of an age or a class, a municipality instead of an address, and free text that the API
 * checks for anything that looks like a personnummer, an e-mail address or a phone number.
 */
export const AGE_BANDS = ['unborn', '0_2', '3_5', '6_9', '10_12', '13_15', '16_18'] as const;
export const AgeBand = z
  .enum(AGE_BANDS)
  .describe('Age band of the child (years); unborn = pregnancy')
  .meta({ id: 'ConsultationAgeBand' });

export const SCHOOL_STAGES = [
  'not_in_school',
  'preschool',
  'preschool_class',
  'grades_1_3',
  'grades_4_6',
  'grades_7_9',
  'upper_secondary',
  'other',
] as const;
export const SchoolStage = z
  .enum(SCHOOL_STAGES)
  .describe('School form and grade band (förskola, förskoleklass, åk 1–3, 4–6, 7–9, gymnasiet)')
  .meta({ id: 'ConsultationSchoolStage' });

/** Who took part in a consultation: roles, never names. */
export const PARTICIPANT_ROLES = [
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
] as const;
export const ParticipantRole = z.enum(PARTICIPANT_ROLES).meta({ id: 'ConsultationParticipantRole' });
export type ParticipantRole = z.infer<typeof ParticipantRole>;

export const CONSENT_GIVERS = ['guardian_1', 'guardian_2', 'child'] as const;
export const CONSENT_METHODS = ['signed_paper', 'digital', 'verbal_documented'] as const;

export const ConsultationCaseId = z.uuid().describe('The consultation case id');

export const ConsultationTeam = z
  .object({
    id: z.uuid(),
    name: z.string(),
    organisationName: z.string(),
    municipalityCodes: z.array(z.string()).nullable().describe('The municipalities it serves; null = the whole county'),
    member: z.boolean().describe('I am a member, in the assignment I act in'),
  })
  .meta({ id: 'ConsultationTeam' });

export const ConsultationOptions = z
  .object({
    teams: z.array(ConsultationTeam),
    municipalities: z
      .array(z.object({ code: z.string(), name: z.string() }))
      .describe('Municipalities a case can be about'),
    defaultMunicipalityCode: z
      .string()
      .nullable()
      .describe('The municipality of the assignment I act in, when it has one'),
  })
  .meta({ id: 'ConsultationOptions' });
export type ConsultationOptions = z.infer<typeof ConsultationOptions>;

export const ConsultationAdvice = z
  .object({
    text: z.string(),
    consultedOn: CalendarDate.describe('The day the team discussed the case'),
    participantRoles: z.array(ParticipantRole).describe('Who took part, as roles'),
    mandatoryReportAdvised: z.boolean().describe('The team judged that an orosanmälan to social services must be made'),
    recordedAt: Timestamp,
    recordedBy: PersonRef,
  })
  .meta({ id: 'ConsultationAdvice' });

export const ConsultationCase = z
  .object({
    id: z.uuid(),
    team: z.object({ id: z.uuid(), name: z.string() }),
    ageBand: AgeBand,
    schoolStage: SchoolStage,
    municipality: z.object({ code: z.string(), name: z.string().nullable() }),
    indicators: z.array(WheelIndicator).describe('Affected wellbeing-wheel indicators, in wheel order'),
    description: z.string(),
    question: z.string().nullable().describe('What the author wants advice on'),
    status: z.enum(['awaiting_advice', 'advised', 'linked']),
    advice: ConsultationAdvice.nullable(),
    link: z
      .object({ linkedAt: Timestamp, linkedBy: PersonRef })
      .nullable()
      .describe(
        'Linked to a named child after consent (which child is never shown here: the case stays anonymous to the team)',
      ),
    author: PersonRef,
    viewer: z
      .object({
        isAuthor: z.boolean(),
        isTeamMember: z.boolean(),
        mayAdvise: z.boolean().describe('A team member, and the case is not linked yet'),
        mayLink: z.boolean().describe('The case has advice and is not linked yet'),
      })
      .describe('What the caller may do with the case'),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int().describe('Send it back as If-Match: "v<version>" when recording advice'),
  })
  .meta({ id: 'ConsultationCase' });
export type ConsultationCase = z.infer<typeof ConsultationCase>;

export const ConsultationCaseList = z
  .object({
    cases: z.array(ConsultationCase).describe('Newest first: cases I brought, and cases of the teams I am a member of'),
  })
  .meta({ id: 'ConsultationCaseList' });

const freeText = (max: number) => z.string().trim().max(max);

export const ConsultationCreateRequest = z
  .object({
    teamId: z.uuid().describe('The consultation team to bring the case to'),
    ageBand: AgeBand,
    schoolStage: SchoolStage,
    municipalityCode: z.string().regex(/^\d{4}$/, 'A municipality code has four digits.'),
    indicators: z.array(WheelIndicator).max(WHEEL_INDICATORS.length).default([]),
    description: freeText(5000)
      .min(1, 'Describe the situation.')
      .describe('The situation, without personal data (checked: no personnummer, e-mail addresses or phone numbers)'),
    question: freeText(2000).nullable().optional().describe('What you want advice on (checked like the description)'),
    mandatoryReportSuspected: z
      .boolean()
      .describe(
        'Required: does this look like a case for a mandatory report of concern (orosanmälan)? true is refused: such cases are not for anonymous consultation',
      ),
  })
  .strict()
  .meta({ id: 'ConsultationCreateRequest' });
export type ConsultationCreateRequest = z.infer<typeof ConsultationCreateRequest>;

export const ConsultationAdviceRequest = z
  .object({
    advice: freeText(10_000).min(1, 'Write the advice.').describe('The advice, without personal data (checked)'),
    consultedOn: CalendarDate.describe('The day of the consultation; not in the future'),
    participantRoles: z.array(ParticipantRole).min(1, 'Name at least one participating role.').max(30),
    mandatoryReportAdvised: z.boolean().default(false),
  })
  .strict()
  .meta({ id: 'ConsultationAdviceRequest' });
export type ConsultationAdviceRequest = z.infer<typeof ConsultationAdviceRequest>;

export const ConsultationLinkRequest = z
  .object({
    childId: z.uuid().describe("The named child; you must be on the child's team"),
    consent: z
      .object({
        givenBy: z
          .array(z.enum(CONSENT_GIVERS))
          .min(1, 'Say who gave consent.')
          .max(3)
          .describe('guardian_1, guardian_2 and/or child'),
        method: z
          .enum(CONSENT_METHODS)
          .describe('signed_paper, digital, or verbal_documented (a verbal consent documented by you)'),
        givenOn: CalendarDate.describe('The day consent was given; not in the future'),
      })
      .strict()
      .describe('Required: linking needs recorded consent (OSL 12 kap.)'),
  })
  .strict()
  .meta({ id: 'ConsultationLinkRequest' });
export type ConsultationLinkRequest = z.infer<typeof ConsultationLinkRequest>;

export const ConsultationLinkResult = z
  .object({
    caseId: z.uuid(),
    childId: z.uuid(),
    linkedAt: z.string(),
    consentId: z.uuid(),
    chronologyEntryId: z.uuid().describe("The entry in the child's chronology that holds the advice"),
  })
  .meta({ id: 'ConsultationLinkResult' });
export type ConsultationLinkResult = z.infer<typeof ConsultationLinkResult>;

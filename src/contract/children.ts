import { z } from 'zod';

export const ChildSummary = z
  .object({
    id: z.uuid(),
    givenName: z.string(),
    familyName: z.string(),
    birthDate: z.string().describe('YYYY-MM-DD'),
    ageYears: z.number().int(),
    municipalityName: z.string().nullable(),
    supportLevel: z.number().int().min(1).max(3),
    coordinator: z.object({ personId: z.uuid(), name: z.string() }).nullable(),
    myTeamRole: z.enum(['coordinator', 'best_interest_lead', 'contact_person', 'member']).nullable(),
  })
  .meta({ id: 'ChildSummary' });
export type ChildSummary = z.infer<typeof ChildSummary>;

export const ChildList = z.object({ children: z.array(ChildSummary) }).meta({ id: 'ChildList' });

export const Guardian = z.object({
  id: z.uuid(),
  givenName: z.string(),
  familyName: z.string(),
  relation: z.enum(['parent', 'appointed_guardian', 'foster_parent', 'other']),
  hasCustody: z.boolean(),
  livesWithChild: z.boolean(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
});

export const TeamMember = z.object({
  membershipId: z.uuid(),
  personId: z.uuid(),
  name: z.string(),
  teamRole: z.enum(['coordinator', 'best_interest_lead', 'contact_person', 'member']),
  assignmentRole: z.string(),
  title: z.string().nullable(),
  unitName: z.string().nullable(),
  organisationName: z.string(),
  secrecyDomain: z.string().nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  active: z.boolean(),
});

export const Enrolment = z.object({
  unitName: z.string(),
  unitKind: z.string(),
  grade: z.string().nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
});

export const ChildOverview = z
  .object({
    id: z.uuid(),
    personnummer: z.string().describe('YYYYMMDD-NNNN'),
    givenName: z.string(),
    familyName: z.string(),
    birthDate: z.string(),
    ageYears: z.number().int(),
    gender: z.enum(['female', 'male', 'other', 'unknown']),
    municipalityCode: z.string(),
    municipalityName: z.string().nullable(),
    protectedIdentity: z.boolean().describe('Skyddade personuppgifter: address and contact details are withheld'),
    address: z
      .object({ line: z.string().nullable(), postalCode: z.string().nullable(), city: z.string().nullable() })
      .nullable(),
    supportLevel: z.number().int().min(1).max(3),
    guardians: z.array(Guardian),
    team: z.array(TeamMember),
    enrolments: z.array(Enrolment),
    isTestData: z.boolean(),
    version: z.number().int(),
  })
  .meta({ id: 'ChildOverview' });
export type ChildOverview = z.infer<typeof ChildOverview>;

export const ChildSearchRequest = z
  .object({ personnummer: z.string().min(1).max(20).describe('10 or 12 digits, with or without separator') })
  .strict()
  .meta({ id: 'ChildSearchRequest' });

export const ChildSearchResult = z
  .object({
    match: ChildSummary.nullable().describe('null both when no such child exists and when it is not on your team'),
  })
  .meta({ id: 'ChildSearchResult' });

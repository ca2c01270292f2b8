import { z } from 'zod';

// SS 12000 v2 objects as Barnkompass reads them (test/fixtures/reference/ss12000/README.md).
// Tolerant: unknown fields are dropped, optional fields may be missing or null.

/** Optional and nullable; a null reads as missing. */
const opt = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === null ? undefined : value), schema.optional());

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');
const id = z.string().min(1);
const ref = z.object({ id });

const meta = z.object({ created: opt(z.string()), modified: opt(z.string()) });

const validity = { startDate: opt(isoDate), endDate: opt(isoDate), meta: opt(meta) };

export const Ss12000OrganisationSchema = z.object({
  id,
  displayName: opt(z.string()),
  organisationType: opt(z.string()),
  schoolUnitCode: opt(z.string()),
  organisationCode: opt(z.string()),
  municipalityCode: opt(z.string().regex(/^\d{4}$/, 'expected four digits')),
  schoolTypes: opt(z.array(z.string())),
  parentOrganisation: opt(ref),
  ...validity,
});

export const SECURITY_MARKINGS = ['Ingen', 'Sekretessmarkering', 'Skyddad folkbokföring'] as const;

export const Ss12000EnrolmentSchema = z.object({
  enroledAt: ref,
  schoolType: opt(z.string()),
  schoolYear: opt(z.number().int()),
  startDate: opt(isoDate),
  endDate: opt(isoDate),
  cancelled: opt(z.boolean()),
});

/** relationType is e.g. 'Vårdnadshavare' or 'Annan ansvarig'; other values are kept as given. */
export const Ss12000ResponsibleSchema = z.object({ person: ref, relationType: opt(z.string()) });

export const Ss12000PersonSchema = z.object({
  id,
  givenName: opt(z.string()),
  middleName: opt(z.string()),
  familyName: opt(z.string()),
  civicNo: opt(z.object({ value: z.string(), nationality: opt(z.string()) })),
  securityMarking: opt(z.enum(SECURITY_MARKINGS)),
  eduPersonPrincipalNames: opt(z.array(z.string())),
  enrolments: opt(z.array(Ss12000EnrolmentSchema)),
  responsibles: opt(z.array(Ss12000ResponsibleSchema)),
  meta: opt(meta),
});

export const Ss12000AssignmentRoleSchema = z.object({
  group: ref,
  assignmentRoleType: z.string(),
  startDate: opt(isoDate),
  endDate: opt(isoDate),
});

export const Ss12000DutySchema = z.object({
  id,
  person: ref,
  dutyAt: ref,
  dutyRole: z.string(),
  assignmentRole: opt(z.array(Ss12000AssignmentRoleSchema)),
  ...validity,
});

export const Ss12000GroupMembershipSchema = z.object({
  person: ref,
  startDate: opt(isoDate),
  endDate: opt(isoDate),
});

export const Ss12000GroupSchema = z.object({
  id,
  displayName: opt(z.string()),
  groupType: z.string(),
  schoolType: opt(z.string()),
  organisation: ref,
  groupMemberships: opt(z.array(Ss12000GroupMembershipSchema)),
  ...validity,
});

/**
 * A list page: `{data: [...], pageToken}`. The reference names the list after the resource
 * (`organisations`, `persons`, ...), so that key is accepted too. Items stay unknown here: each is
 * checked on its own so one bad record does not lose the page.
 */
export function listEnvelopeSchema(resource: string) {
  return z
    .looseObject({ data: opt(z.array(z.unknown())), pageToken: opt(z.string()) })
    .transform((page, ctx): { items: unknown[]; pageToken: string | undefined } => {
      const named = page[resource];
      const items = page.data ?? (Array.isArray(named) ? (named as unknown[]) : undefined);
      if (!items) {
        ctx.addIssue({ code: 'custom', message: `expected a "data" or "${resource}" array` });
        return z.NEVER;
      }
      return { items, pageToken: page.pageToken };
    });
}

export const DELETED_ENTITY_TYPES = ['organisations', 'persons', 'duties', 'groups'] as const;

const deletedIds = opt(z.array(id));

export const Ss12000DeletedEntitiesPageSchema = z.object({
  data: z.object({ organisations: deletedIds, persons: deletedIds, duties: deletedIds, groups: deletedIds }),
  pageToken: opt(z.string()),
});

export type Ss12000Organisation = z.infer<typeof Ss12000OrganisationSchema>;
export type Ss12000Enrolment = z.infer<typeof Ss12000EnrolmentSchema>;
export type Ss12000Responsible = z.infer<typeof Ss12000ResponsibleSchema>;
export type Ss12000Person = z.infer<typeof Ss12000PersonSchema>;
export type Ss12000SecurityMarking = (typeof SECURITY_MARKINGS)[number];
export type Ss12000AssignmentRole = z.infer<typeof Ss12000AssignmentRoleSchema>;
export type Ss12000Duty = z.infer<typeof Ss12000DutySchema>;
export type Ss12000GroupMembership = z.infer<typeof Ss12000GroupMembershipSchema>;
export type Ss12000Group = z.infer<typeof Ss12000GroupSchema>;
export type Ss12000DeletedEntityType = (typeof DELETED_ENTITY_TYPES)[number];
export type Ss12000DeletedEntitiesPage = z.infer<typeof Ss12000DeletedEntitiesPageSchema>;

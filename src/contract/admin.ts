import { z } from 'zod';
import { ASSIGNMENT_ROLES, UNIT_KINDS } from '../core/organisation.js';
import { CalendarDate } from './common.js';

/**
 * Administration in the UI: an organisation's admins keep the units, people and assignments the
 * sources do not carry (a new unit, a locum, an early end, someone who left). Nothing is deleted:
 * units and assignments are ended, people disabled. A row imported from a source shows that source;
 * the next import of it may change a hand correction back. No child data anywhere here.
 */

export const ADMIN_UNIT_KINDS = UNIT_KINDS;
export const AdminUnitKind = z.enum(ADMIN_UNIT_KINDS);
export type AdminUnitKind = z.infer<typeof AdminUnitKind>;

export const ADMIN_ROLES_LIST = ASSIGNMENT_ROLES;
export const AdminRole = z.enum(ADMIN_ROLES_LIST);
export type AdminRole = z.infer<typeof AdminRole>;

export const DirectorySource = z
  .enum(['ss12000', 'people', 'population'])
  .nullable()
  .describe(
    'The source the row was imported from (its next import may change a hand correction back); null: made by hand',
  );
export type DirectorySource = z.infer<typeof DirectorySource>;

export const AdminSecrecyDomain = z.enum([
  'school',
  'medical_student_health',
  'health_care',
  'social_services',
  'police',
  'other',
]);

const version = z.number().int().positive();
const name = (what: string) =>
  z.string().trim().min(1, `Write the ${what}.`).max(200, `The ${what} is too long (200 characters at most).`);

export const AdminUnit = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: AdminUnitKind,
    secrecyDomain: AdminSecrecyDomain,
    schoolUnitCode: z.string().nullable(),
    municipalityCode: z.string().nullable(),
    organisationId: z.uuid(),
    organisationName: z.string(),
    parent: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    validTo: CalendarDate.nullable(),
    openAssignments: z.number().int().nonnegative(),
    source: DirectorySource,
    version,
  })
  .meta({ id: 'AdminUnit' });
export type AdminUnit = z.infer<typeof AdminUnit>;

export const AdminAssignment = z
  .object({
    id: z.uuid(),
    personId: z.uuid(),
    personName: z.string(),
    unitId: z.uuid(),
    unitName: z.string(),
    role: AdminRole,
    title: z.string().nullable(),
    validFrom: CalendarDate,
    validTo: CalendarDate.nullable(),
    source: DirectorySource,
    version,
  })
  .meta({ id: 'AdminAssignment' });
export type AdminAssignment = z.infer<typeof AdminAssignment>;

export const AdminUnitDetail = z
  .object({ unit: AdminUnit, assignments: z.array(AdminAssignment) })
  .meta({ id: 'AdminUnitDetail' });
export type AdminUnitDetail = z.infer<typeof AdminUnitDetail>;

export const AdminUnitList = z.object({ units: z.array(AdminUnit) }).meta({ id: 'AdminUnitList' });
export type AdminUnitList = z.infer<typeof AdminUnitList>;

export const AdminUnitCreate = z
  .object({
    name: name('unit name'),
    kind: AdminUnitKind,
    parentUnitId: z
      .uuid()
      .nullish()
      .describe('A unit you administer that this one belongs to (required for a unit admin)'),
    schoolUnitCode: z
      .string()
      .regex(/^\d{8}$/, 'A school unit code (skolenhetskod) is eight digits.')
      .nullish(),
    municipalityCode: z
      .string()
      .regex(/^\d{4}$/, 'A municipality code is four digits.')
      .nullish()
      .describe("The organisation's municipality unless given"),
  })
  .strict()
  .meta({ id: 'AdminUnitCreate' });
export type AdminUnitCreate = z.infer<typeof AdminUnitCreate>;

export const AdminUnitRename = z
  .object({ name: name('unit name') })
  .strict()
  .meta({ id: 'AdminUnitRename' });
export type AdminUnitRename = z.infer<typeof AdminUnitRename>;

export const AdminUnitEnd = z
  .object({
    validTo: CalendarDate.describe("The unit's last day"),
    endAssignments: z
      .boolean()
      .default(false)
      .describe('End the open assignments at the unit on the same day (otherwise 409 while any is open)'),
  })
  .strict()
  .meta({ id: 'AdminUnitEnd' });
export type AdminUnitEnd = z.input<typeof AdminUnitEnd>;

export const AdminPerson = z
  .object({
    id: z.uuid(),
    givenName: z.string(),
    familyName: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    oidcSubject: z.string().nullable(),
    enabled: z.boolean(),
    source: DirectorySource,
    version,
  })
  .meta({ id: 'AdminPerson' });
export type AdminPerson = z.infer<typeof AdminPerson>;

export const AdminPersonDetail = z
  .object({ person: AdminPerson, assignments: z.array(AdminAssignment) })
  .meta({ id: 'AdminPersonDetail' });
export type AdminPersonDetail = z.infer<typeof AdminPersonDetail>;

export const AdminPeopleSearch = z
  .object({
    query: z.string().trim().max(100).default('').describe('Part of a given or family name; empty lists everyone'),
  })
  .strict()
  .meta({ id: 'AdminPeopleSearch' });
export type AdminPeopleSearch = z.input<typeof AdminPeopleSearch>;

export const AdminPersonSummary = z
  .object({
    id: z.uuid(),
    givenName: z.string(),
    familyName: z.string(),
    enabled: z.boolean(),
    openAssignments: z.number().int().nonnegative(),
    source: DirectorySource,
  })
  .meta({ id: 'AdminPersonSummary' });
export type AdminPersonSummary = z.infer<typeof AdminPersonSummary>;

export const AdminPeopleList = z
  .object({ people: z.array(AdminPersonSummary), truncated: z.boolean() })
  .meta({ id: 'AdminPeopleList' });
export type AdminPeopleList = z.infer<typeof AdminPeopleList>;

const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .nullish()
    .transform((v) => (v ? v : null));

export const AdminAssignmentCreate = z
  .object({
    personId: z.uuid(),
    unitId: z.uuid(),
    role: AdminRole,
    title: optionalText(200, 'The title is too long (200 characters at most).'),
    validFrom: CalendarDate,
    validTo: CalendarDate.nullish(),
  })
  .strict()
  .meta({ id: 'AdminAssignmentCreate' });
export type AdminAssignmentCreate = z.input<typeof AdminAssignmentCreate>;

export const AdminPersonCreate = z
  .object({
    givenName: name('given name'),
    familyName: name('family name'),
    email: z.email('Write an e-mail address such as namn@kommun.se.').nullish(),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 ()-]{5,20}$/, 'Write a phone number with digits, such as 0470-123 45.')
      .nullish(),
    oidcSubject: optionalText(200, 'The login id is too long (200 characters at most).').describe(
      "The subject the county's identity provider sends for this person (paired with the configured issuer)",
    ),
    assignment: AdminAssignmentCreate.omit({ personId: true }).describe(
      "The person's first assignment, at a unit you administer (so the person is within your reach)",
    ),
  })
  .strict()
  .meta({ id: 'AdminPersonCreate' });
export type AdminPersonCreate = z.input<typeof AdminPersonCreate>;

export const AdminPersonUpdate = z
  .object({
    givenName: name('given name').optional(),
    familyName: name('family name').optional(),
    email: z.email('Write an e-mail address such as namn@kommun.se.').nullable().optional(),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 ()-]{5,20}$/, 'Write a phone number with digits, such as 0470-123 45.')
      .nullable()
      .optional(),
    oidcSubject: z
      .string()
      .trim()
      .min(1)
      .max(200, 'The login id is too long (200 characters at most).')
      .nullable()
      .optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'Say what to change.')
  .meta({ id: 'AdminPersonUpdate' });
export type AdminPersonUpdate = z.infer<typeof AdminPersonUpdate>;

export const AdminAssignmentEnd = z
  .object({
    validTo: CalendarDate.describe('The last day of the assignment (at the earliest the day before it starts)'),
  })
  .strict()
  .meta({ id: 'AdminAssignmentEnd' });
export type AdminAssignmentEnd = z.infer<typeof AdminAssignmentEnd>;

export const AdminOptions = z
  .object({
    reach: z
      .enum(['organisation', 'unit'])
      .describe('organisation: a system admin, every unit of it; unit: a unit admin, the unit and those under it'),
    organisationId: z.uuid(),
    organisationName: z.string(),
    unitKinds: z.array(z.object({ kind: AdminUnitKind, secrecyDomain: AdminSecrecyDomain, roles: z.array(AdminRole) })),
  })
  .meta({ id: 'AdminOptions' });
export type AdminOptions = z.infer<typeof AdminOptions>;

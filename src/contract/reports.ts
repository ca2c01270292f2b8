import { z } from 'zod';
import { PersonRef } from './person.js';

/**
 * Orosanmälan: a report of concern to the social services of the child's municipality. Filing never
 * depends on consent and needs no place on the child's team (the duty to report rests on everyone
 * who learns of a child at risk in their work). The reporter's identity is shown only to the
 * reporter and to the receiving social services — never to guardians or the child.
 */
export const ReportId = z.uuid().describe('The report id');

export const GUARDIANS_INFORMED = ['yes', 'no', 'not_appropriate'] as const;
export const GuardiansInformed = z
  .enum(GUARDIANS_INFORMED)
  .describe(
    'Have the guardians been told that a report is made? not_appropriate = telling them could put the child at risk',
  )
  .meta({ id: 'ReportGuardiansInformed' });

export const FEEDBACK_KINDS = ['investigation_opened', 'no_investigation', 'already_known', 'other'] as const;
export const FeedbackKind = z
  .enum(FEEDBACK_KINDS)
  .describe('What social services tell the reporter')
  .meta({ id: 'ReportFeedbackKind' });

export const LegalBasis = z
  .object({ id: z.string(), statuteReference: z.string(), description: z.string() })
  .describe('The statute the report is made under (versioned data; the report keeps the one in force when filed)')
  .meta({ id: 'ReportLegalBasis' });

export const ReportFeedback = z
  .object({
    id: z.uuid(),
    kind: FeedbackKind,
    text: z.string(),
    createdAt: z.string(),
    from: z.object({ unitName: z.string().nullable(), organisationName: z.string() }),
  })
  .meta({ id: 'ReportFeedback' });

const Municipality = z.object({ code: z.string(), name: z.string().nullable() });

/** What the reporter sees of their own report: what they wrote, receipt and feedback. */
export const MyReport = z
  .object({
    id: z.uuid(),
    source: z.enum(['child_page', 'from_scratch']),
    childName: z.string().describe('As written in the report'),
    childBirthDate: z.string().describe('From the personnummer (the number itself is not repeated back)'),
    childId: z
      .uuid()
      .nullable()
      .describe("Set only for a report filed from the child's page (a child the reporter may see)"),
    municipality: Municipality,
    legalBasis: LegalBasis,
    concern: z.string(),
    immediateDanger: z.boolean(),
    guardiansInformed: GuardiansInformed,
    createdAt: z.string(),
    acknowledgedAt: z.string().nullable(),
    feedback: z.array(ReportFeedback),
  })
  .meta({ id: 'MyReport' });
export type MyReport = z.infer<typeof MyReport>;

/** What the receiving social services see: everything, including who reported and how to reach them. */
export const InboxReport = z
  .object({
    id: z.uuid(),
    source: z.enum(['child_page', 'from_scratch']),
    childName: z.string(),
    childPersonnummer: z.string().describe('YYYYMMDD-NNNN, for finding the child in the social services records'),
    municipality: Municipality,
    legalBasis: LegalBasis,
    concern: z.string(),
    immediateDanger: z.boolean(),
    guardiansInformed: GuardiansInformed,
    reporter: PersonRef.extend({
      organisationName: z.string(),
      phone: z.string().nullable(),
      email: z.string().nullable(),
    }),
    createdAt: z.string(),
    acknowledgedAt: z.string().nullable(),
    acknowledgedBy: PersonRef.nullable(),
    feedback: z.array(ReportFeedback),
    version: z.number().int().describe('Send it back as If-Match: "v<version>" when acknowledging'),
  })
  .meta({ id: 'InboxReport' });
export type InboxReport = z.infer<typeof InboxReport>;

export const ReportView = z
  .object({ viewer: z.enum(['reporter', 'social_services']), mine: MyReport.nullable(), inbox: InboxReport.nullable() })
  .describe('One report, shaped by who asks: the reporter gets `mine`, the receiving social services `inbox`')
  .meta({ id: 'ReportView' });

export const ReportOptions = z
  .object({
    municipalities: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        socialServices: z.boolean().describe('Has a social services unit that receives reports here'),
      }),
    ),
    defaultMunicipalityCode: z.string().nullable(),
    legalBasis: LegalBasis,
    mayFile: z.boolean(),
    receivesReports: z.boolean().describe('The assignment I act in receives reports (social services inbox)'),
  })
  .meta({ id: 'ReportOptions' });
export type ReportOptions = z.infer<typeof ReportOptions>;

const text = (max: number) => z.string().trim().max(max);

const common = {
  concern: text(20_000)
    .min(1, 'Describe what you have seen or heard, and why you are worried.')
    .describe('What you have seen or heard, when, and why you are worried'),
  immediateDanger: z
    .boolean()
    .describe('The child may be in immediate danger (social services are also to be phoned at once)'),
  guardiansInformed: GuardiansInformed,
  reporterPhone: text(40)
    .regex(/^[+0-9 ()-]*$/, 'A phone number has digits, spaces, +, - and brackets only.')
    .nullable()
    .optional()
    .describe('Where social services can reach you'),
};

export const ReportFromChildRequest = z.object(common).strict().meta({ id: 'ReportFromChildRequest' });
export type ReportFromChildRequest = z.infer<typeof ReportFromChildRequest>;

export const ReportFromScratchRequest = z
  .object({
    personnummer: z
      .string()
      .min(1, "Write the child's personnummer.")
      .max(20)
      .describe('10 or 12 digits, with or without separator (body only, never in a URL)'),
    childName: text(200).min(1, "Write the child's name."),
    municipalityCode: z
      .string()
      .regex(/^\d{4}$/, 'Choose a municipality.')
      .describe("The child's municipality: its social services receive the report"),
    ...common,
  })
  .strict()
  .meta({ id: 'ReportFromScratchRequest' });
export type ReportFromScratchRequest = z.infer<typeof ReportFromScratchRequest>;

export const ReportFeedbackRequest = z
  .object({ kind: FeedbackKind, text: text(5000).min(1, 'Write the feedback to the reporter.') })
  .strict()
  .meta({ id: 'ReportFeedbackRequest' });
export type ReportFeedbackRequest = z.infer<typeof ReportFeedbackRequest>;

export const MyReportList = z
  .object({ reports: z.array(MyReport).describe('Newest first') })
  .meta({ id: 'MyReportList' });
export const InboxReportList = z
  .object({
    municipality: Municipality,
    reports: z.array(InboxReport).describe('Unacknowledged first, then newest first'),
  })
  .meta({ id: 'InboxReportList' });

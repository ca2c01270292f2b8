import { z } from 'zod';
import { CalendarDate } from './common.js';

/** Log review (logguppföljning) and the family's log extract. */
export const SAMPLE_KINDS = [
  'random',
  'off_team',
  'break_glass',
  'protected_identity',
  'out_of_hours',
  'many_children',
  'after_membership_ended',
] as const;
export const SampleKind = z
  .enum(SAMPLE_KINDS)
  .describe(
    "random; off_team = access (or an attempt) to a child not on the actor's team; break_glass = emergency access; protected_identity = a child with skyddade personuppgifter; " +
      "out_of_hours = outside the configured working hours (Swedish time); many_children = many different children within a short window; after_membership_ended = the actor had left the child's team",
  )
  .meta({ id: 'LogReviewSampleKind' });
export type SampleKind = z.infer<typeof SampleKind>;

export const OUTCOMES = ['ok', 'follow_up', 'incident'] as const;
export const SampleOutcome = z
  .enum(OUTCOMES)
  .describe('ok; follow_up = follow-up needed (a talk, a check); incident = a reportable incident')
  .meta({ id: 'LogReviewOutcome' });

export const SampleId = z.uuid().describe('The sample id');

const Actor = z.object({
  personId: z.uuid().nullable(),
  name: z.string().nullable(),
  role: z.string().nullable(),
  title: z.string().nullable(),
  unitName: z.string().nullable(),
});

export const AuditEventView = z
  .object({
    seq: z.number().int(),
    occurredAt: z.string(),
    action: z.string(),
    resourceType: z.string(),
    resourceId: z.string().nullable(),
    outcome: z.string(),
    childId: z.uuid().nullable(),
  })
  .meta({ id: 'LogReviewAuditEvent' });

export const LogReviewSample = z
  .object({
    id: z.uuid(),
    kind: SampleKind,
    reason: z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))
      .describe('Why the rule picked it (numbers and flags)'),
    event: AuditEventView,
    actor: Actor,
    child: z
      .object({ id: z.uuid(), name: z.string(), protectedIdentity: z.boolean() })
      .nullable()
      .describe('Name only: never an address or a school'),
    drawnAt: z.string(),
    outcome: SampleOutcome.nullable(),
    outcomeNote: z.string().nullable(),
    outcomeAt: z.string().nullable(),
    outcomeBy: z.object({ personId: z.uuid(), name: z.string() }).nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'LogReviewSample' });
export type LogReviewSample = z.infer<typeof LogReviewSample>;

export const LogReviewSampleDetail = LogReviewSample.extend({
  context: z
    .array(AuditEventView)
    .describe("The same assignment's other audited accesses within 30 minutes either side (at most 50)"),
}).meta({ id: 'LogReviewSampleDetail' });
export type LogReviewSampleDetail = z.infer<typeof LogReviewSampleDetail>;

export const LogReviewSampleList = z
  .object({
    organisation: z.object({ id: z.uuid(), name: z.string() }),
    samples: z.array(LogReviewSample),
    settings: z.object({
      workHours: z.string(),
      weekendsOutOfHours: z.boolean(),
      manyChildrenThreshold: z.number().int(),
      manyChildrenWindowMinutes: z.number().int(),
      randomSamples: z.number().int(),
      auditRetentionYears: z.number().int(),
    }),
  })
  .meta({ id: 'LogReviewSampleList' });

export const LogReviewListQuery = z.object({
  kind: SampleKind.optional(),
  status: z.enum(['open', 'done', 'all']).default('open').describe('open = no outcome yet'),
});

export const LogReviewDrawRequest = z
  .object({
    from: CalendarDate.describe('First day (Swedish time)'),
    to: CalendarDate.describe('Last day (Swedish time), at most 366 days after from'),
    kinds: z
      .array(SampleKind)
      .min(1)
      .max(SAMPLE_KINDS.length)
      .optional()
      .describe('Which rules to apply; all when left out'),
    randomCount: z
      .number()
      .int()
      .min(0)
      .max(1000)
      .optional()
      .describe('Random samples to draw (default from configuration)'),
  })
  .strict()
  .meta({ id: 'LogReviewDrawRequest' });
export type LogReviewDrawRequest = z.infer<typeof LogReviewDrawRequest>;

export const LogReviewDrawResult = z
  .object({
    drawn: z
      .record(z.string(), z.number().int())
      .describe('New samples per kind (a sample already drawn is not drawn again)'),
    total: z.number().int(),
  })
  .meta({ id: 'LogReviewDrawResult' });

export const LogReviewOutcomeRequest = z
  .object({
    outcome: SampleOutcome,
    note: z
      .string()
      .trim()
      .max(5000)
      .nullable()
      .optional()
      .describe('Required for follow_up and incident: what was found and what happens next'),
  })
  .strict()
  .meta({ id: 'LogReviewOutcomeRequest' });
export type LogReviewOutcomeRequest = z.infer<typeof LogReviewOutcomeRequest>;

/** The family's log extract: who (unit and role — never the person's name) did what, and when. */
export const ACCESS_CATEGORIES = [
  'overview',
  'list',
  'search',
  'concern',
  'chronology',
  'todo',
  'wheel',
  'plan',
  'consultation',
  'attendance',
  'consent',
  'emergency_access',
  'log_review',
  'log_extract',
  'other',
] as const;
export const LogExtractEntry = z
  .object({
    occurredAt: z.string(),
    access: z.enum(['read', 'write']),
    what: z.enum(ACCESS_CATEGORIES).describe('What kind of information (never which item or its content)'),
    role: z.string().nullable(),
    secrecyDomain: z.string().nullable(),
    unitName: z
      .string()
      .nullable()
      .describe(
        'Null for a child with protected identity: a unit name could reveal where the child lives or goes to school',
      ),
    organisationName: z.string().nullable().describe('Null for a child with protected identity'),
  })
  .meta({ id: 'LogExtractEntry' });
export type LogExtractEntry = z.infer<typeof LogExtractEntry>;

export const LogExtract = z
  .object({
    childId: z.uuid(),
    childName: z.string(),
    from: z.string(),
    to: z.string(),
    producedAt: z.string(),
    protectedIdentity: z.boolean(),
    entries: z.array(LogExtractEntry).describe('Oldest first'),
    truncated: z.boolean().describe('More than 5000 entries in the period: choose a shorter period'),
  })
  .meta({ id: 'LogExtract' });
export type LogExtract = z.infer<typeof LogExtract>;

export const LogExtractQuery = z.object({
  from: CalendarDate.optional().describe('Default: one year before to'),
  to: CalendarDate.optional().describe('Default: today'),
});

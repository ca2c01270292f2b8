import { z } from 'zod';
import {
  MY_WORLD_TRIANGLE,
  RESILIENCE_QUADRANTS,
  WHEEL_INDICATORS,
  WHEEL_RATING_MAX,
  WHEEL_RATING_MIN,
  type MyWorldSide,
} from '../core/wheel.js';
import { Timestamp } from './common.js';

/**
 * The wellbeing wheel's API shapes. Ratings are per indicator and per perspective; there is no
 * total score anywhere (see src/core/wheel.ts).
 */

export const WheelAssessmentId = z.uuid().describe('The wheel assessment id');

const Indicator = z
  .enum(WHEEL_INDICATORS)
  .describe(
    'A wellbeing-wheel indicator (SHANARRI): safe, healthy, achieving, nurtured, active, respected, responsible, included',
  );

const RATING_MESSAGE = `A rating is a whole number from ${WHEEL_RATING_MIN} ("inte alls") to ${WHEEL_RATING_MAX} ("väldigt bra"), or null for "not assessed".`;
export const WheelRating = z
  .number({ error: RATING_MESSAGE })
  .int({ error: RATING_MESSAGE })
  .min(WHEEL_RATING_MIN, { error: RATING_MESSAGE })
  .max(WHEEL_RATING_MAX, { error: RATING_MESSAGE })
  .nullable()
  .describe('1 ("inte alls") … 5 ("väldigt bra"); null = not assessed (an answer in its own right, never filled in)');

const AssessmentDate = z.iso
  .date({ error: 'Give the date as YYYY-MM-DD.' })
  .describe('The day of the assessment (YYYY-MM-DD); not in the future');
const Text = (what: string) => z.string().max(4000).describe(what);

// ---------------------------------------------------------------------------------------------
// Optional GIRFEC practice tools

const StrengthsChallenges = z
  .object({
    strengths: Text('Strengths').optional(),
    challenges: Text('Challenges').optional(),
  })
  .strict();

function side(name: MyWorldSide) {
  const shape = Object.fromEntries(MY_WORLD_TRIANGLE[name].map((k) => [k, StrengthsChallenges.optional()])) as Record<
    (typeof MY_WORLD_TRIANGLE)[typeof name][number],
    z.ZodOptional<typeof StrengthsChallenges>
  >;
  return z.object(shape).strict();
}

export const MyWorldTriangle = z
  .object({
    howIGrowAndDevelop: side('howIGrowAndDevelop').optional().describe('How I grow and develop'),
    whatINeedFromPeople: side('whatINeedFromPeople').optional().describe('What I need from people who look after me'),
    myWiderWorld: side('myWiderWorld').optional().describe('My wider world'),
  })
  .strict()
  .describe(
    "GIRFEC's My World Triangle: three sides × seven sub-headings, strengths and challenges per sub-heading (all optional)",
  )
  .meta({ id: 'MyWorldTriangle' });
export type MyWorldTriangle = z.infer<typeof MyWorldTriangle>;

export const ResilienceMatrix = z
  .object({
    ...(Object.fromEntries(RESILIENCE_QUADRANTS.map((q) => [q, Text(q).optional()])) as Record<
      (typeof RESILIENCE_QUADRANTS)[number],
      z.ZodOptional<z.ZodString>
    >),
    analysis: Text('What the four quadrants together say').optional(),
  })
  .strict()
  .describe(
    "GIRFEC's Resilience Matrix: resilience ↔ vulnerability × protective environment ↔ adversity, four quadrants and an analysis (all optional)",
  )
  .meta({ id: 'ResilienceMatrix' });
export type ResilienceMatrix = z.infer<typeof ResilienceMatrix>;

// ---------------------------------------------------------------------------------------------
// Perspective
//
// Schema ids must not end in "Input": fastify-type-provider-zod names the input variant of every
// schema "<id>Input", and a clash makes the whole OpenAPI document fail (500 on /api/openapi.json).

export const WheelPerspectiveChoice = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('child') }).strict(),
    z.object({ kind: z.literal('guardian'), guardianId: z.uuid().describe("One of the child's guardians") }).strict(),
    z
      .object({
        kind: z.literal('professional'),
        assignmentId: z
          .uuid()
          .optional()
          .describe("The professional's assignment (someone on the child's team); default: the author's own"),
      })
      .strict(),
  ])
  .describe('Whose view this is: the child, one guardian, or one professional in one assignment')
  .meta({ id: 'WheelPerspectiveChoice' });
export type WheelPerspectiveChoice = z.infer<typeof WheelPerspectiveChoice>;

export const WheelPerspective = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('child'), key: z.literal('child') }),
    z.object({
      kind: z.literal('guardian'),
      key: z.string(),
      guardianId: z.uuid(),
      name: z.string(),
      relation: z
        .string()
        .nullable()
        .describe('parent, appointed_guardian, foster_parent, other; null if no longer linked'),
    }),
    z.object({
      kind: z.literal('professional'),
      key: z.string(),
      personId: z.uuid(),
      name: z.string(),
      assignmentId: z.uuid(),
      role: z.string(),
      title: z.string().nullable(),
      unitId: z.uuid().nullable(),
      unitName: z.string().nullable(),
      organisationName: z.string(),
    }),
  ])
  .describe(
    'Whose view this is. `key` groups assessments into series: "child", "guardian:<id>", "professional:<person id>"',
  )
  .meta({ id: 'WheelPerspective' });
export type WheelPerspective = z.infer<typeof WheelPerspective>;

// ---------------------------------------------------------------------------------------------
// Assessments

export const WheelIndicatorEntry = z
  .object({
    indicator: Indicator,
    whatWorks: z.string().describe('What works'),
    whatIsHard: z.string().describe('What is hard'),
    rating: WheelRating,
  })
  .meta({ id: 'WheelIndicatorEntry' });

export const WheelRatings = z
  .object(
    Object.fromEntries(WHEEL_INDICATORS.map((i) => [i, WheelRating])) as Record<
      (typeof WHEEL_INDICATORS)[number],
      typeof WheelRating
    >,
  )
  .describe('One rating per indicator; null = not assessed. Never summed.')
  .meta({ id: 'WheelRatings' });

const Recorder = z
  .object({
    personId: z.uuid(),
    name: z.string(),
    assignmentId: z.uuid(),
    title: z.string().nullable(),
    unitName: z.string().nullable(),
  })
  .describe('Who recorded the assessment, in which assignment');

export const WheelAssessment = z
  .object({
    id: z.uuid(),
    childId: z.uuid(),
    assessedOn: z.string().describe('YYYY-MM-DD'),
    perspective: WheelPerspective,
    indicators: z.array(WheelIndicatorEntry).describe('All eight indicators, in wheel order'),
    myWorldTriangle: MyWorldTriangle.nullable(),
    resilienceMatrix: ResilienceMatrix.nullable(),
    recordedBy: Recorder,
    owningUnit: z
      .object({ id: z.uuid(), name: z.string() })
      .nullable()
      .describe("The author's unit: the record belongs to it"),
    secrecyDomain: z.string().nullable().describe("The OSL secrecy domain of the author's unit"),
    secretFromGuardians: z
      .boolean()
      .describe(
        'Secret from the guardians (e.g. what the child told the school counsellor in confidence): shown to professionals with a marker, never in anything produced for the family (log extract, paper plan)',
      ),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: z.number().int().describe('Send it back as If-Match: "v<version>" when changing the assessment'),
  })
  .meta({ id: 'WheelAssessment' });
export type WheelAssessment = z.infer<typeof WheelAssessment>;

export const WheelAssessmentSummary = z
  .object({
    id: z.uuid(),
    assessedOn: z.string().describe('YYYY-MM-DD'),
    perspective: WheelPerspective,
    ratings: WheelRatings,
    hasMyWorldTriangle: z.boolean(),
    hasResilienceMatrix: z.boolean(),
    recordedBy: Recorder,
    secretFromGuardians: z.boolean().describe('Kept from the guardians (see WheelAssessment)'),
    createdAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'WheelAssessmentSummary' });
export type WheelAssessmentSummary = z.infer<typeof WheelAssessmentSummary>;

export const WheelAssessmentList = z
  .object({ assessments: z.array(WheelAssessmentSummary).describe('Oldest first') })
  .meta({ id: 'WheelAssessmentList' });

// ---------------------------------------------------------------------------------------------
// Requests

/** Each indicator exactly once (the form always sends all eight; nothing is left out silently). */
function eachIndicatorOnce(required: boolean) {
  return (list: { indicator: string }[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    list.forEach((e, i) => {
      if (seen.has(e.indicator))
        ctx.addIssue({
          code: 'custom',
          path: [i, 'indicator'],
          message: `The indicator "${e.indicator}" appears more than once.`,
        });
      seen.add(e.indicator);
    });
    const missing = WHEEL_INDICATORS.filter((i) => !seen.has(i));
    if (required && missing.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `Every indicator must be there once (rating null = not assessed). Missing: ${missing.join(', ')}.`,
      });
    }
  };
}

export const WheelIndicatorAnswer = z
  .object({
    indicator: Indicator,
    whatWorks: Text('What works').default(''),
    whatIsHard: Text('What is hard').default(''),
    rating: WheelRating,
  })
  .strict()
  .meta({ id: 'WheelIndicatorAnswer' });

export const WheelAssessmentCreateRequest = z
  .object({
    assessedOn: AssessmentDate,
    perspective: WheelPerspectiveChoice,
    indicators: z
      .array(WheelIndicatorAnswer)
      .superRefine(eachIndicatorOnce(true))
      .describe('All eight indicators, each once'),
    myWorldTriangle: MyWorldTriangle.nullable().optional(),
    resilienceMatrix: ResilienceMatrix.nullable().optional(),
    secretFromGuardians: z.boolean().optional().describe('Keep the assessment from the guardians; default false'),
  })
  .strict()
  .meta({ id: 'WheelAssessmentCreateRequest' });
export type WheelAssessmentCreateRequest = z.infer<typeof WheelAssessmentCreateRequest>;

export const WheelIndicatorPatch = z
  .object({
    indicator: Indicator,
    whatWorks: Text('What works').optional(),
    whatIsHard: Text('What is hard').optional(),
    rating: WheelRating.optional(),
  })
  .strict()
  .meta({ id: 'WheelIndicatorPatch' });

export const WheelAssessmentPatchRequest = z
  .object({
    assessedOn: AssessmentDate.optional(),
    perspective: WheelPerspectiveChoice.optional(),
    indicators: z
      .array(WheelIndicatorPatch)
      .superRefine(eachIndicatorOnce(false))
      .optional()
      .describe('Only the indicators and fields sent are changed'),
    myWorldTriangle: MyWorldTriangle.nullable().optional().describe('Replaces the whole triangle; null removes it'),
    resilienceMatrix: ResilienceMatrix.nullable().optional().describe('Replaces the whole matrix; null removes it'),
    secretFromGuardians: z.boolean().optional().describe('Keep the assessment from the guardians (or no longer)'),
  })
  .strict()
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: 'Send at least one field to change.' })
  .meta({ id: 'WheelAssessmentPatchRequest' });
export type WheelAssessmentPatchRequest = z.infer<typeof WheelAssessmentPatchRequest>;

// ---------------------------------------------------------------------------------------------
// Comparison over time

const PointRef = z.object({ assessmentId: z.uuid(), assessedOn: z.string() });

export const WheelPerspectiveSeries = z
  .object({
    key: z.string(),
    kind: z.enum(['child', 'guardian', 'professional']),
    perspective: WheelPerspective.describe('As described by the latest assessment of this perspective'),
    points: z.array(PointRef.extend({ ratings: WheelRatings })).describe('Oldest first'),
    byIndicator: z
      .array(z.object({ indicator: Indicator, values: z.array(PointRef.extend({ rating: WheelRating })) }))
      .describe('The same numbers per indicator, oldest first; not assessed stays null'),
    change: z
      .object({
        from: PointRef,
        to: PointRef,
        indicators: z.array(
          z.object({
            indicator: Indicator,
            from: WheelRating,
            to: WheelRating,
            delta: z.number().int().nullable().describe('to − from; null when either is not assessed'),
            direction: z.enum(['better', 'worse', 'same', 'not_comparable']),
          }),
        ),
      })
      .nullable()
      .describe('Earliest vs latest assessment of this perspective, per indicator; null with fewer than two'),
  })
  .meta({ id: 'WheelPerspectiveSeries' });

export const WheelComparison = z
  .object({
    childId: z.uuid(),
    indicators: z.array(Indicator).describe('The indicators in wheel order'),
    perspectives: z.array(WheelPerspectiveSeries).describe('Child first, then guardians, then professionals'),
  })
  .describe(
    'Per perspective, the ratings over time per indicator. No totals: GIRFEC sets no target level of wellbeing.',
  )
  .meta({ id: 'WheelComparison' });
export type WheelComparison = z.infer<typeof WheelComparison>;

/**
 * One indicator as a named component, for the areas that tag their records with indicators
 * (concerns, consultation). Defined last: components are listed in the order they are defined.
 */
export const WheelIndicator = z
  .enum(WHEEL_INDICATORS)
  .describe('A wellbeing-wheel indicator (SHANARRI)')
  .meta({ id: 'WheelIndicator' });

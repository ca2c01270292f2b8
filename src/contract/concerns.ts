import { z } from 'zod';
import { WHEEL_INDICATORS } from '../core/wheel.js';
// The import order fixes the order of the OpenAPI components (they are listed in the order they
// are defined): the wheel indicator, then the decision codes, then the person reference.
import { WheelIndicator } from './wheel.js';
import { ConcernDecisionCode } from './concern-decision.js';
import { PersonRef } from './person.js';
import { CalendarDate, Timestamp } from './common.js';

export const ConcernId = z.uuid().describe('The concern id');

const answer = (what: string) =>
  z.string().max(5000).nullable().describe(`${what} — free text; null when not yet answered`);

/** GIRFEC's five questions, each answered in free text: the checklist of noticing. */
export const ConcernQuestions = z
  .object({
    gettingInTheWay: answer("1. What is getting in the way of this child's wellbeing?"),
    informationNeeded: answer('2. Do I have all the information I need to help this child?'),
    whatICanDo: answer('3. What can I do now to help this child?'),
    whatMyAgencyCanDo: answer('4. What can my agency do now to help this child?'),
    additionalHelp: answer('5. What additional help, if any, may be needed from others?'),
  })
  .meta({ id: 'ConcernQuestions' });
export type ConcernQuestions = z.infer<typeof ConcernQuestions>;
export const QUESTION_KEYS = [
  'gettingInTheWay',
  'informationNeeded',
  'whatICanDo',
  'whatMyAgencyCanDo',
  'additionalHelp',
] as const satisfies readonly (keyof ConcernQuestions)[];

export const ConcernDecision = z
  .object({
    code: ConcernDecisionCode,
    reason: z.string(),
    decidedAt: Timestamp,
    decidedBy: PersonRef,
  })
  .meta({ id: 'ConcernDecision' });

export const Concern = z
  .object({
    id: z.uuid(),
    childId: z.uuid(),
    status: z.enum(['open', 'decided']).describe('open until a decision is recorded'),
    observation: z.string().describe('What was seen or heard'),
    observedSince: CalendarDate.nullable().describe('Since when'),
    earlierConcerns: z.string().nullable().describe('Earlier concerns, as the author knows them'),
    indicators: z.array(WheelIndicator).describe('The wellbeing-wheel indicators the concern touches, in wheel order'),
    questions: ConcernQuestions,
    questionsAnswered: z.number().int().min(0).max(5).describe('How many of the five questions have an answer'),
    decisionDue: CalendarDate.describe('The decision deadline'),
    overdue: z.boolean().describe('Undecided and the deadline has passed (Swedish calendar day)'),
    decision: ConcernDecision.nullable(),
    createdBy: PersonRef,
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
    updatedBy: z.object({ personId: z.uuid(), name: z.string() }).describe('Who saved this version'),
    version: z.number().int().describe('Send it back as If-Match: "v<version>" when changing the concern'),
  })
  .meta({ id: 'Concern' });
export type Concern = z.infer<typeof Concern>;

export const ConcernList = z
  .object({ concerns: z.array(Concern).describe('Newest first') })
  .meta({ id: 'ConcernList' });

const observation = z.string().trim().min(1, 'Describe what you have seen or heard.').max(10_000);
const optionalText = z.string().trim().max(10_000).nullable();
const indicators = z.array(WheelIndicator).max(WHEEL_INDICATORS.length);
const questionsInput = z
  .object({
    gettingInTheWay: optionalText,
    informationNeeded: optionalText,
    whatICanDo: optionalText,
    whatMyAgencyCanDo: optionalText,
    additionalHelp: optionalText,
  })
  .partial()
  .strict();

export const ConcernCreateRequest = z
  .object({
    observation: observation.describe('What was seen or heard (required)'),
    observedSince: CalendarDate.nullable().optional().describe('Since when; not in the future'),
    earlierConcerns: optionalText.optional(),
    indicators: indicators.default([]).describe('Affected wellbeing-wheel indicators'),
    questions: questionsInput.optional().describe('Answers to the five questions; missing or empty = not yet answered'),
    decisionDue: CalendarDate.optional().describe(
      'Decision deadline; default: today + CONCERN_DECISION_DAYS (14). Not in the past',
    ),
    secretFromGuardians: z
      .boolean()
      .optional()
      .describe('Keep the concern (and its chronology entries) from the guardians; default false'),
  })
  .strict()
  .meta({ id: 'ConcernCreateRequest' });
export type ConcernCreateRequest = z.infer<typeof ConcernCreateRequest>;

export const ConcernPatchRequest = z
  .object({
    observation: observation.optional(),
    observedSince: CalendarDate.nullable().optional(),
    earlierConcerns: optionalText.optional(),
    indicators: indicators.optional(),
    questions: questionsInput.optional().describe('Only the answers sent are changed'),
    decisionDue: CalendarDate.optional().describe('A new deadline may not be in the past'),
    secretFromGuardians: z
      .boolean()
      .optional()
      .describe(
        'Keep the concern from the guardians (or no longer); chronology entries already written keep the setting they were written with',
      ),
  })
  .strict()
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: 'Send at least one field to change.' })
  .meta({ id: 'ConcernPatchRequest' });
export type ConcernPatchRequest = z.infer<typeof ConcernPatchRequest>;

export const ConcernDecisionRequest = z
  .object({
    decision: ConcernDecisionCode,
    reason: z.string().trim().min(1, 'Give the reason for the decision.').max(5000).describe('Why (required)'),
  })
  .strict()
  .meta({ id: 'ConcernDecisionRequest' });
export type ConcernDecisionRequest = z.infer<typeof ConcernDecisionRequest>;

export const ConcernDecisionResult = z
  .object({
    concern: Concern,
    supportLevel: z
      .object({ before: z.number().int().min(1).max(3), after: z.number().int().min(1).max(3) })
      .describe("The child's support level before and after; a decision raises it, never lowers it"),
  })
  .meta({ id: 'ConcernDecisionResult' });
export type ConcernDecisionResult = z.infer<typeof ConcernDecisionResult>;

import { z } from 'zod';
import { CalendarDate } from './common.js';

/* The family's own Barnkompass (the portal): what a guardian or a child sees, in their words. */

export const PortalMe = z
  .object({
    authenticated: z.boolean(),
    mode: z.enum(['production', 'demo']),
    citizen: z
      .object({ kind: z.enum(['guardian', 'child']), givenName: z.string() })
      .nullable()
      .describe('The family member logged in (null when nobody is)'),
  })
  .meta({ id: 'PortalMe' });
export type PortalMe = z.infer<typeof PortalMe>;

export const PortalChildSummary = z.object({
  id: z.uuid(),
  givenName: z.string(),
  age: z.number().int().nonnegative(),
  /** The child themself (a child's own login) rather than a child in the guardian's custody. */
  self: z.boolean(),
});

export const PortalChildren = z.object({ children: z.array(PortalChildSummary) }).meta({ id: 'PortalChildren' });
export type PortalChildren = z.infer<typeof PortalChildren>;

export const PortalHelper = z.object({
  name: z.string(),
  /** What they do, as their employer titles it (Skolkurator, Socialsekreterare …). */
  title: z.string().nullable(),
  unitName: z.string().nullable(),
  /** How to reach them (e-mail), when recorded. */
  email: z.string().nullable(),
  /** The named contact (the coordinator, else the barnets bästa-ansvarig) comes first. */
  namedContact: z.boolean(),
  teamRole: z.enum(['coordinator', 'best_interest_lead', 'contact_person', 'member']),
});

export const PortalMeeting = z.object({
  id: z.uuid(),
  date: CalendarDate,
  startTime: z.string().describe('HH:MM, Swedish time'),
  endTime: z.string().nullable(),
  place: z.string().nullable(),
  digital: z.boolean(),
  purpose: z.string(),
});

const Indicator = z.enum([
  'safe',
  'healthy',
  'achieving',
  'nurtured',
  'active',
  'respected',
  'responsible',
  'included',
]);

export const PortalPlan = z.object({
  /** Why there is a plan, in the professionals' words written for the family. */
  background: z.string().nullable(),
  needs: z.array(z.object({ indicator: Indicator, description: z.string() })),
  goals: z.array(
    z.object({ description: z.string(), targetDate: CalendarDate.nullable(), indicators: z.array(Indicator) }),
  ),
  /** What we do: open and done actions (cancelled ones are left out), soonest first. */
  actions: z.array(
    z.object({
      what: z.string(),
      status: z.enum(['planned', 'in_progress', 'done']),
      dueDate: CalendarDate.nullable(),
      /** Who does it: a professional's name, or the guardian or child themself. */
      who: z.object({ kind: z.enum(['professional', 'guardian', 'child']), name: z.string().nullable() }).nullable(),
    }),
  ),
  services: z.array(z.object({ unitName: z.string(), contribution: z.string().nullable() })),
  nextReviewDate: CalendarDate.nullable(),
});

export const PortalChildPage = z
  .object({
    id: z.uuid(),
    givenName: z.string(),
    self: z.boolean(),
    helpers: z.array(PortalHelper).describe('Who helps: the named contact first'),
    nextMeeting: PortalMeeting.nullable().describe('The next planned meeting the family is invited to'),
    plan: PortalPlan.nullable().describe('The child’s plan in force (null when there is none)'),
  })
  .meta({ id: 'PortalChildPage' });
export type PortalChildPage = z.infer<typeof PortalChildPage>;

/* Staff: the judgement that a child is mature enough to see their own Barnkompass. */

export const MaturityJudgementRequest = z
  .object({
    reason: z
      .string()
      .trim()
      .min(1, 'Skriv kort vad bedömningen grundar sig på.')
      .max(2000)
      .describe('What the judgement rests on (no fixed age: the child’s age and maturity)'),
  })
  .strict();

export const MaturityJudgement = z
  .object({
    id: z.uuid(),
    childId: z.uuid(),
    validFrom: CalendarDate,
    reason: z.string(),
    withdrawnOn: CalendarDate.nullable(),
  })
  .meta({ id: 'MaturityJudgement' });
export type MaturityJudgement = z.infer<typeof MaturityJudgement>;

/* Consents as the family sees them: what is shared with whom, why and until when; who said what. */

export const PortalConsent = z.object({
  id: z.uuid(),
  purpose: z.string(),
  /** The services that may see the information. */
  recipients: z.array(z.string()),
  sourceDomains: z.array(z.string()),
  dataCategories: z.array(z.enum(['concern', 'chronology', 'wheel', 'plan'])),
  validFrom: CalendarDate,
  validTo: CalendarDate,
  status: z.enum(['active', 'not_yet_valid', 'withdrawn', 'expired', 'custody_ended', 'not_given']),
  /** Each guardian's and the child's position (given names only). */
  parties: z.array(
    z.object({
      kind: z.enum(['guardian', 'child']),
      givenName: z.string().nullable(),
      position: z.enum(['consents', 'declines', 'not_asked']),
    }),
  ),
  withdrawnAt: z.string().nullable(),
  /** Whether the family member logged in may withdraw it now (a guardian with custody; the child when their say was recorded). */
  mayWithdraw: z.boolean(),
});

export const PortalConsents = z.object({ consents: z.array(PortalConsent) }).meta({ id: 'PortalConsents' });
export type PortalConsents = z.infer<typeof PortalConsents>;

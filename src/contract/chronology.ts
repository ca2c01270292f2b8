import { z } from 'zod';
import { CalendarDate, Timestamp } from './common.js';
import { ConcernDecisionCode } from './concern-decision.js';
import { PersonRef } from './person.js';

export const Significance = z
  .enum(['low', 'medium', 'high'])
  .describe('How significant the event is for the child')
  .meta({ id: 'Significance' });
export type Significance = z.infer<typeof Significance>;

export const ChronologyKind = z
  .enum([
    'note',
    'concern_raised',
    'concern_decided',
    'plan_created',
    'plan_level_changed',
    'consultation_advice',
    'plan_closed',
    'plan_reopened',
    'plan_meeting_held',
    'role_handover_accepted',
    'team_member_added',
    'assistance_requested',
    'assistance_accepted',
    'assistance_declined',
    'assistance_withdrawn',
  ])
  .describe(
    "note: written by a professional; concern_raised / concern_decided: added when a concern is raised or decided; plan_created / plan_level_changed: added when the child's plan is drawn up or its level changes (text = the reason); consultation_advice: the konsultationsteam's advice, copied when an anonymous consultation was linked to the child after consent; plan_closed / plan_reopened: the plan was closed (text = the reason) or reopened; plan_meeting_held: a network meeting on the plan was held (text = its purpose); role_handover_accepted: the coordinator or barnets bästa-ansvarig role was handed over and accepted; team_member_added: someone was put on the team to decide a concern raised from a unit that serves the child; assistance_requested / assistance_accepted / assistance_declined / assistance_withdrawn: a request for another service to join the team was sent, accepted (the professional joined), declined (text = the reason) or withdrawn",
  )
  .meta({ id: 'ChronologyKind' });
export type ChronologyKind = z.infer<typeof ChronologyKind>;

export const ChronologyEntry = z
  .object({
    id: z.uuid(),
    childId: z.uuid(),
    kind: ChronologyKind,
    eventDate: CalendarDate.describe('When it happened'),
    significance: Significance,
    text: z.string(),
    concernId: z.uuid().nullable().describe('The concern an automatic entry is about'),
    decision: ConcernDecisionCode.nullable().describe('For concern_decided: the decision'),
    supportLevel: z
      .object({ before: z.number().int(), after: z.number().int() })
      .nullable()
      .describe("For concern_decided and the plan's entries: the child's support level before and after"),
    source: z
      .object({
        organisationName: z.string(),
        unitName: z.string().nullable(),
        unitKind: z.string().nullable().describe('The kind of service (school, social services, BUP, ...)'),
        secrecyDomain: z.string().nullable(),
      })
      .describe('The service and unit the entry comes from (the author’s)'),
    enteredBy: PersonRef,
    secretFromGuardians: z
      .boolean()
      .describe(
        'Secret from the guardians (e.g. what the child told the school counsellor): never in anything produced for the family',
      ),
    createdAt: Timestamp,
  })
  .meta({ id: 'ChronologyEntry' });
export type ChronologyEntry = z.infer<typeof ChronologyEntry>;

export const Chronology = z
  .object({ entries: z.array(ChronologyEntry).describe('Newest event first') })
  .meta({ id: 'Chronology' });

export const ChronologyCreateRequest = z
  .object({
    eventDate: CalendarDate.describe('When it happened; not in the future'),
    significance: Significance,
    text: z.string().trim().min(1, 'Describe the event.').max(5000),
    secretFromGuardians: z.boolean().optional().describe('Keep this entry from the guardians (default false)'),
  })
  .strict()
  .meta({ id: 'ChronologyCreateRequest' });
export type ChronologyCreateRequest = z.infer<typeof ChronologyCreateRequest>;

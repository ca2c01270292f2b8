import { z } from 'zod';
import { CalendarDate, Timestamp } from './common.js';
import { PersonRef } from './person.js';

/**
 * Bringing in another service (samordningsfunktion): the child's coordinator asks a unit of another
 * organisation or service to join the team, on a consent in force that names that unit or a legal
 * basis from the catalogue; the unit's lead accepts (naming who joins) or declines.
 */

export const AssistanceBasis = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('consent'), consentId: z.uuid() }).strict(),
    z.object({ kind: z.literal('legal_basis'), legalBasisId: z.uuid() }).strict(),
  ])
  .describe(
    "A consent in force for the child whose recipients include the receiving unit, or a legal-basis catalogue entry in force that allows the pair (your secrecy domain → the unit's)",
  )
  .meta({ id: 'AssistanceBasis' });

export const AssistanceCreateRequest = z
  .object({
    toUnitId: z.uuid().describe('The unit of another organisation or service asked to join'),
    basis: AssistanceBasis,
    message: z
      .string()
      .trim()
      .min(1, 'Write what you ask the service for.')
      .max(2000)
      .describe('What you ask for, as the receiving lead will read it'),
  })
  .strict()
  .meta({ id: 'AssistanceCreateRequest' });
export type AssistanceCreateRequest = z.infer<typeof AssistanceCreateRequest>;

export const AssistanceStatus = z.enum(['pending', 'accepted', 'declined', 'withdrawn']);

const UnitRef = z.object({ id: z.uuid(), name: z.string(), kind: z.string(), organisationName: z.string() });

export const AssistanceRequest = z
  .object({
    id: z.uuid(),
    childId: z.uuid(),
    status: AssistanceStatus,
    toUnit: UnitRef,
    basis: z.object({
      kind: z.enum(['consent', 'legal_basis']),
      consentId: z.uuid().nullable(),
      legalBasisId: z.uuid().nullable(),
      legalBasisTitle: z.string().nullable(),
    }),
    message: z.string(),
    sentBy: PersonRef,
    sentAt: Timestamp,
    answeredBy: PersonRef.nullable(),
    answeredAt: Timestamp.nullable(),
    joined: PersonRef.nullable().describe('Who joined the team, when accepted'),
    joinedRole: z.enum(['member', 'contact_person']).nullable(),
    declineReason: z.string().nullable(),
  })
  .meta({ id: 'AssistanceRequest' });
export type AssistanceRequest = z.infer<typeof AssistanceRequest>;

export const AssistanceOptions = z
  .object({
    units: z.array(UnitRef.extend({ secrecyDomain: z.string() })).describe('Units that can be asked'),
    consents: z
      .array(
        z.object({ id: z.uuid(), purpose: z.string(), recipientUnitIds: z.array(z.uuid()), validTo: CalendarDate }),
      )
      .describe("The child's consents in force today"),
    legalBases: z
      .array(
        z.object({
          id: z.uuid(),
          title: z.string(),
          statuteReference: z.string(),
          toDomains: z.array(z.string()).describe('The secrecy domains it allows from yours'),
        }),
      )
      .describe('Catalogue entries in force that allow something from your secrecy domain'),
  })
  .meta({ id: 'AssistanceOptions' });
export type AssistanceOptions = z.infer<typeof AssistanceOptions>;

export const AssistanceList = z
  .object({
    requests: z.array(AssistanceRequest).describe('Newest first'),
    maySend: z.boolean().describe("You are the child's coordinator (or, when it has none, its barnets bästa-ansvarig)"),
    options: AssistanceOptions.nullable().describe('What a request can be sent to and on, when you may send one'),
  })
  .meta({ id: 'AssistanceList' });
export type AssistanceList = z.infer<typeof AssistanceList>;

export const AssistanceCandidate = z.object({
  assignmentId: z.uuid(),
  personId: z.uuid(),
  name: z.string(),
  title: z.string().nullable(),
});

export const AssistanceInboxItem = z
  .object({
    id: z.uuid(),
    childId: z.uuid(),
    childName: z.string(),
    status: AssistanceStatus,
    toUnit: UnitRef,
    fromUnitName: z.string().nullable(),
    sentBy: PersonRef,
    sentAt: Timestamp,
    message: z.string(),
    candidates: z.array(AssistanceCandidate).describe('Professionals at the unit who can join (active assignments)'),
  })
  .describe("Only what the request says: the child's name, who asks from where, and the message")
  .meta({ id: 'AssistanceInboxItem' });

export const AssistanceInbox = z
  .object({ requests: z.array(AssistanceInboxItem).describe('Waiting requests to units you lead, oldest first') })
  .meta({ id: 'AssistanceInbox' });
export type AssistanceInbox = z.infer<typeof AssistanceInbox>;

export const AssistanceAcceptRequest = z
  .object({
    assignmentId: z.uuid().describe('The professional who joins: an active assignment at the receiving unit'),
    teamRole: z.enum(['member', 'contact_person']).default('member'),
  })
  .strict()
  .meta({ id: 'AssistanceAcceptRequest' });
export type AssistanceAcceptRequest = z.infer<typeof AssistanceAcceptRequest>;

export const AssistanceDeclineRequest = z
  .object({ reason: z.string().trim().min(5, 'Write why (at least 5 characters).').max(2000) })
  .strict()
  .meta({ id: 'AssistanceDeclineRequest' });
export type AssistanceDeclineRequest = z.infer<typeof AssistanceDeclineRequest>;

export const AssistanceAnswer = z
  .object({
    id: z.uuid(),
    status: AssistanceStatus,
    childId: z.uuid(),
    teamMembershipId: z.uuid().nullable(),
  })
  .meta({ id: 'AssistanceAnswer' });
export type AssistanceAnswer = z.infer<typeof AssistanceAnswer>;

import { z } from 'zod';
import { CalendarDate } from './common.js';
import { PersonRef } from './person.js';

/**
 * The first step from a unit that serves the child (access/serving-unit.ts): find the child, raise
 * a concern, get a receipt. Nothing here carries the child's records.
 */

export const ServedChildSearchRequest = z
  .union([
    z
      .object({ personnummer: z.string().min(1).max(20).describe('10 or 12 digits, with or without separator') })
      .strict(),
    z
      .object({
        name: z
          .string()
          .trim()
          .min(2)
          .max(100)
          .describe('Part of the given and/or family name (each word must match); pupils of your own unit only'),
      })
      .strict(),
  ])
  .describe('A personnummer (exact) or a name; in the body, so it never appears in URLs or access logs')
  .meta({ id: 'ServedChildSearchRequest' });
export type ServedChildSearchRequest = z.infer<typeof ServedChildSearchRequest>;

export const ServedChild = z
  .object({
    id: z.uuid(),
    givenName: z.string(),
    familyName: z.string(),
    birthYear: z.number().int(),
    unitName: z.string().describe('Your unit, which serves the child'),
    className: z.string().nullable().describe('The class group at that school, when known'),
  })
  .describe('Enough to know it is the right child; never records')
  .meta({ id: 'ServedChild' });
export type ServedChild = z.infer<typeof ServedChild>;

export const ServedChildSearchResult = z
  .object({
    children: z
      .array(ServedChild)
      .describe(
        'Empty both when no such child exists and when your unit does not serve it. By name: at most 20, never a child with protected identity',
      ),
  })
  .meta({ id: 'ServedChildSearchResult' });
export type ServedChildSearchResult = z.infer<typeof ServedChildSearchResult>;

export const ConcernReceipt = z
  .object({
    concernId: z.uuid(),
    childId: z.uuid(),
    decisionDue: CalendarDate,
    recipient: PersonRef.describe('Who decides it'),
    recipientReason: z
      .enum(['best_interest_lead', 'unit_lead'])
      .describe(
        "The child's barnets bästa-ansvarig, or — when it has none who may read records of your secrecy domain — the lead (principal, manager) of your unit",
      ),
    recipientJoinedTeam: z
      .boolean()
      .describe("The recipient was not on the child's team and was added (as member, from today) to decide it"),
  })
  .describe('A receipt: the concern went on, but the child and its records stay with its team')
  .meta({ id: 'ConcernReceipt' });
export type ConcernReceipt = z.infer<typeof ConcernReceipt>;

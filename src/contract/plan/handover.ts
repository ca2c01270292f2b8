import { z } from 'zod';
import { CalendarDate, Timestamp } from '../common.js';
import { HandoverRole } from './team.js';

/** An offer as its receiver sees it: no child details until they can see the child. */
export const HandoverOffer = z
  .object({
    id: z.uuid(),
    role: HandoverRole,
    status: z.enum(['pending', 'accepted', 'declined', 'withdrawn']),
    childId: z.uuid(),
    child: z
      .object({ name: z.string() })
      .nullable()
      .describe('Only when you may already see the child (on the team); otherwise null until you accept'),
    from: z.object({ name: z.string(), title: z.string().nullable(), unitName: z.string().nullable() }).nullable(),
    offeredBy: z.object({ name: z.string(), title: z.string().nullable(), unitName: z.string().nullable() }),
    to: z.object({
      assignmentId: z.uuid(),
      name: z.string(),
      title: z.string().nullable(),
      unitName: z.string().nullable(),
    }),
    offeredAt: Timestamp,
    respondBy: CalendarDate,
    overdue: z.boolean(),
  })
  .meta({ id: 'HandoverOffer' });
export type HandoverOffer = z.infer<typeof HandoverOffer>;

export const HandoverList = z
  .object({
    incoming: z.array(HandoverOffer).describe('Offers to you, in the assignment you act in, waiting for your answer'),
    outgoing: z.array(HandoverOffer).describe('Offers you made that wait for an answer'),
  })
  .meta({ id: 'HandoverList' });
export type HandoverList = z.infer<typeof HandoverList>;

export const HandoverResult = z
  .object({
    handover: HandoverOffer,
    childId: z.uuid(),
    canSeeChild: z.boolean().describe('After accepting: you are on the team now'),
  })
  .meta({ id: 'HandoverResult' });
export type HandoverResult = z.infer<typeof HandoverResult>;

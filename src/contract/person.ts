import { z } from 'zod';

/** Who did something, in which capacity. */
export const PersonRef = z
  .object({
    personId: z.uuid(),
    name: z.string(),
    title: z.string().nullable().describe('The title of the assignment they acted in'),
    unitName: z.string().nullable(),
  })
  .meta({ id: 'PersonRef' });
export type PersonRef = z.infer<typeof PersonRef>;

import { z } from 'zod';

/* Demo mode only: the fictional demo users and the login without the identity provider. */

export const DemoUser = z.object({
  /** Staff log in to Barnkompass; guardians and children to the family's own Barnkompass (/familj). */
  kind: z.enum(['staff', 'guardian', 'child']),
  id: z.uuid(),
  username: z.string(),
  name: z.string(),
  titles: z.array(z.string()),
  organisations: z.array(z.string()),
});
export type DemoUser = z.infer<typeof DemoUser>;

export const DemoUserList = z.object({ users: z.array(DemoUser) });

export const DevLoginRequest = z.object({ username: z.string().min(1).max(100) }).strict();

export const DevLoginResult = z.object({
  kind: z.enum(['staff', 'guardian', 'child']),
  /** Staff: the person and the assignment chosen (when they have only one); null for a family member. */
  personId: z.uuid().nullable(),
  assignmentId: z.uuid().nullable(),
  /** A family member: the guardian's or the child's id; null for staff. */
  citizenId: z.uuid().nullable(),
});

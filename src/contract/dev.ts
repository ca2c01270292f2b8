import { z } from 'zod';

/* Demo mode only: the fictional demo users and the login without the identity provider. */

export const DemoUser = z.object({
  id: z.uuid(),
  username: z.string(),
  name: z.string(),
  titles: z.array(z.string()),
  organisations: z.array(z.string()),
});
export type DemoUser = z.infer<typeof DemoUser>;

export const DemoUserList = z.object({ users: z.array(DemoUser) });

export const DevLoginRequest = z.object({ username: z.string().min(1).max(100) }).strict();

export const DevLoginResult = z.object({ personId: z.uuid(), assignmentId: z.uuid().nullable() });

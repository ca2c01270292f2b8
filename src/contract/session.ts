import { z } from 'zod';

const Assignment = z.object({
  id: z.uuid(),
  role: z.string(),
  title: z.string().nullable(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  unitId: z.uuid().nullable(),
  unitName: z.string().nullable(),
  secrecyDomain: z.string().nullable(),
});

export const SessionInfo = z
  .object({
    authenticated: z.boolean(),
    mode: z.enum(['production', 'demo']),
    person: z.object({ id: z.uuid(), givenName: z.string(), familyName: z.string() }).nullable(),
    assignment: Assignment.nullable().describe('The assignment the user acts in; null until chosen'),
    assignments: z.array(Assignment).describe('Assignments the user may act in today'),
  })
  .meta({ id: 'SessionInfo' });
export type SessionInfo = z.infer<typeof SessionInfo>;

export const AssignmentChoiceRequest = z.object({ assignmentId: z.uuid() }).strict();

export const LogoutResult = z.object({
  redirectTo: z.string().describe("Where the browser should go next (the identity provider's logout when it has one)"),
});

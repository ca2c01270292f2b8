import { z } from 'zod';

export const ErrorResponse = z
  .object({
    error: z.string().describe('Machine-readable code'),
    message: z.string().describe('What went wrong and what to do, safe to show a user'),
    requestId: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    details: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'ErrorResponse' });

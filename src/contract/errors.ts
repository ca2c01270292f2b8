import { z } from 'zod';

/** The body of every error answer: a code for programs, a message for people, never personal data. */
export const ErrorResponse = z
  .object({
    error: z.string().describe('Machine-readable code'),
    message: z.string().describe('What went wrong and what to do, safe to show a user'),
    requestId: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    details: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'ErrorResponse' });
export type ErrorResponse = z.infer<typeof ErrorResponse>;

/*
 * The error answers routes declare, in the sets they come in. 401: no session; 403: no assignment
 * chosen, or one whose role may not do this; 400: the request is malformed; 404: no such resource,
 * or no access to it (the two look the same); 409: the request conflicts with the resource's state;
 * 412 / 428: a versioned write whose If-Match is stale / missing.
 */
export const AUTH_ERRORS = { 401: ErrorResponse, 403: ErrorResponse } as const;
export const INPUT_ERRORS = { 400: ErrorResponse, ...AUTH_ERRORS } as const;
export const READ_ERRORS = { ...INPUT_ERRORS, 404: ErrorResponse } as const;
export const WRITE_ERRORS = { ...READ_ERRORS, 409: ErrorResponse } as const;
export const VERSIONED_WRITE_ERRORS = { ...WRITE_ERRORS, 412: ErrorResponse, 428: ErrorResponse } as const;

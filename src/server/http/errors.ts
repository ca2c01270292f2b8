import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError } from '../../core/errors.js';

/** The one error body: a code a program can switch on and a message a person can act on. */
export interface ErrorBody {
  error: string;
  message: string;
  requestId: string;
  issues?: { path: string; message: string }[];
  details?: Record<string, unknown>;
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError | Error, req, reply) => {
    const requestId = String(req.id);
    if (err instanceof AppError) {
      const body: ErrorBody = {
        error: err.code,
        message: err.message,
        requestId,
        ...(err.details ? { details: err.details } : {}),
      };
      return reply.code(err.status).send(body);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => ({
        path: (v.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.') || '(root)',
        message: v.message ?? 'invalid value',
      }));
      const where = err.validationContext ?? 'body';
      return reply.code(400).send({
        error: 'validation_failed',
        message: `The request ${where} is not valid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
        requestId,
        issues,
      } satisfies ErrorBody);
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err: { message: 'response serialization failed' } }, 'response did not match its schema');
      return reply
        .code(500)
        .send({ error: 'internal', message: 'Something went wrong', requestId } satisfies ErrorBody);
    }
    const fe = err as FastifyError;
    if (fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (fe.statusCode === 400 && /JSON/i.test(fe.message))) {
      return reply
        .code(400)
        .send({ error: 'bad_request', message: 'The request body is not valid JSON.', requestId } satisfies ErrorBody);
    }
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply
        .code(413)
        .send({ error: 'payload_too_large', message: 'The request body is too large.', requestId } satisfies ErrorBody);
    }
    if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply.code(415).send({
        error: 'unsupported_media_type',
        message: 'Send the request body as application/json.',
        requestId,
      } satisfies ErrorBody);
    }
    if (fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      return reply.code(400).send({
        error: 'bad_request',
        message: 'The request body is empty; send a JSON object.',
        requestId,
      } satisfies ErrorBody);
    }
    if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
      return reply
        .code(fe.statusCode)
        .send({ error: 'bad_request', message: 'The request could not be understood.', requestId } satisfies ErrorBody);
    }
    // Never echo internal errors: they may carry SQL, stack traces or personal data.
    req.log.error({ errName: err.name, errCode: (err as { code?: string }).code }, 'unhandled error');
    return reply.code(500).send({ error: 'internal', message: 'Something went wrong', requestId } satisfies ErrorBody);
  });
}

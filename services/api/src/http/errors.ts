/**
 * The one error handler: domain errors, Fastify's own errors (validation,
 * body too large, bad JSON, unknown routes) and database outages all become
 * the contract's problem+json. Nothing internal reaches a response; 5xx
 * details go to the log with the request id.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { DomainError } from '../kernel/errors.ts';
import { PROBLEM_CONTENT_TYPE, problemBody } from '../kernel/problem.ts';
import { fieldProblems, type ValidationIssue } from './field-problems.ts';

/** Connection-level failures mean the database is away, not that the request was bad. */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  '57P01',
  '57P02',
  '57P03',
]);
const UNAVAILABLE_NAMES = new Set(['ConnectionError', 'BackendTerminatedError', 'StatementTimeoutError']);

function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let current = error; current && chain.length < 8; current = (current as { cause?: unknown }).cause) {
    chain.push(current);
  }
  return chain;
}

function isDatabaseUnavailable(error: unknown): boolean {
  return causes(error).some((cause) => {
    const { code, name, message } = cause as { code?: string; name?: string; message?: string };
    return (
      (code !== undefined && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) ||
      (name !== undefined && UNAVAILABLE_NAMES.has(name)) ||
      /Connection terminated|timeout exceeded when trying to connect/i.test(message ?? '')
    );
  });
}

function isUniqueViolation(error: unknown): boolean {
  return causes(error).some((cause) => (cause as { code?: string }).code === '23505');
}

export function toDomainError(error: FastifyError | Error): DomainError | null {
  if (error instanceof DomainError) return error;
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    const context = fastifyError.validationContext ?? 'body';
    const errors = fieldProblems(context, fastifyError.validation as ValidationIssue[]);
    const first = errors[0];
    return new DomainError(
      'validation_failed',
      first ? `Invalid request: ${first.path} ${first.message}.` : 'Invalid request.',
      {
        errors,
      },
    );
  }
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new DomainError('payload_too_large', 'The request body is over the size limit.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new DomainError('unsupported_media_type', 'Send the body as application/json.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new DomainError('validation_failed', 'The JSON body is empty.', {
        errors: [{ path: '/body', message: 'must be a JSON value' }],
      });
    // Router errors, before any route or hook: a path segment over Fastify's `maxParamLength`
    // (100 characters, longer than any id of the contract) or one that does not decode.
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new DomainError('validation_failed', 'A path parameter is too long.', {
        errors: [{ path: '/path', message: 'has a parameter over 100 characters' }],
      });
    case 'FST_ERR_BAD_URL':
      return new DomainError('validation_failed', 'The path is not a valid URL path.', {
        errors: [{ path: '/path', message: 'is not valid percent-encoded UTF-8' }],
      });
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new DomainError('validation_failed', 'The body is not valid JSON.', {
        errors: [{ path: '/body', message: 'is not valid JSON' }],
      });
  }
  if (isDatabaseUnavailable(error)) {
    return new DomainError('unavailable', 'The service is temporarily unavailable; retry shortly.', {
      retryAfter: 1,
    });
  }
  if (isUniqueViolation(error))
    return new DomainError('conflict', 'That conflicts with an existing resource.');
  const status = fastifyError.statusCode;
  if (status === 400) {
    return new DomainError('validation_failed', 'The request is malformed.', {
      errors: [{ path: '', message: 'is malformed' }],
    });
  }
  if (status === 404) return new DomainError('not_found', 'Not found.');
  return null;
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, error: DomainError) {
  const { retryAfter, headers } = error.extras;
  if (retryAfter !== undefined) reply.header('Retry-After', String(retryAfter));
  if (headers) reply.headers(headers);
  return reply
    .code(error.status)
    .type(PROBLEM_CONTENT_TYPE)
    .serializer(JSON.stringify)
    .send(problemBody(error, request.id));
}

function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const domainError = toDomainError(error);
  if (domainError && domainError.status < 500) return sendProblem(reply, request, domainError);
  if (domainError) {
    request.log.warn({ err: error }, 'request failed: service unavailable');
    return sendProblem(reply, request, domainError);
  }
  request.log.error({ err: error }, 'request failed with an unexpected error');
  return sendProblem(
    reply,
    request,
    new DomainError('internal', 'An unexpected error occurred; it has been logged.'),
  );
}

/**
 * Fastify's `frameworkErrors` option: errors the router raises before a route is found (and so
 * before any hook or error handler) get the same problem+json instead of Fastify's own body.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  reply.header('X-Request-Id', request.id);
  return handleError(error, request, reply);
}

async function errorsPlugin(app: FastifyInstance) {
  app.setErrorHandler(handleError);

  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      reply,
      request,
      new DomainError('not_found', `No route ${request.method} ${request.url.split('?')[0]}.`),
    ),
  );
}

export default fp(errorsPlugin, { name: 'errors' });

import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { isUniqueViolation, pgErrorOf } from '@mini-crm/db';
import { ErrorBody, errorBody } from './error-body';
import { humanIssues, isFieldIssueList, validationSummary } from './field-messages';
import { ReplayedResponse } from './idempotency/replayed-response';

/**
 * Fastify's and its plugins' own 4xx, said for people (limits: README, Configuration). Keyed by
 * code, and by Fastify's default message: Nest turns a Fastify error raised before the route
 * (content-type parsing) into an HttpException that keeps only the message.
 */
const FASTIFY_ERRORS: [code: string, fastifyMessage: string, ours: string][] = [
  ['FST_ERR_CTP_BODY_TOO_LARGE', 'Request body is too large', 'The request body is too large (BODY_LIMIT_KB)'],
  [
    'FST_REQ_FILE_TOO_LARGE',
    'request file too large',
    'The upload is too large: the file is over the upload limit (UPLOAD_LIMIT_MB)',
  ],
  ['FST_FILES_LIMIT', 'reach files limit', 'Only one file can be uploaded at a time'],
  ['FST_FIELDS_LIMIT', 'reach fields limit', 'Too many form fields'],
  [
    'FST_ERR_CTP_INVALID_MEDIA_TYPE',
    'Unsupported Media Type',
    'Unsupported content type: send application/json (multipart/form-data for file uploads)',
  ],
];
const BY_CODE = new Map(FASTIFY_ERRORS.map(([code, , ours]) => [code, ours]));
const BY_MESSAGE = new Map(FASTIFY_ERRORS.map(([, message, ours]) => [message, ours]));

/** Maps every thrown error, ours or a driver's, to the one error shape. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse();
    if (exception instanceof ReplayedResponse) {
      if (!reply.sent)
        reply
          .status(exception.status)
          .header('content-type', 'application/json; charset=utf-8')
          .send(exception.body === null ? undefined : JSON.stringify(exception.body));
      return;
    }
    const body = toErrorBody(exception);
    if (body.statusCode >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (reply.sent) return;
    reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
  }
}

export function toErrorBody(exception: unknown): ErrorBody {
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const res = exception.getResponse();
    if (typeof res === 'string') return errorBody(status, BY_MESSAGE.get(res) ?? res);
    const r = res as { message?: unknown; details?: unknown };
    const message = Array.isArray(r.message) ? r.message.join('; ') : String(r.message ?? exception.message);
    if (isFieldIssueList(r.details)) {
      // Field paths stay in details for programs; the messages, and a failed validation's summary, are for people.
      const details = humanIssues(r.details);
      return errorBody(status, /^Validation failed\b/.test(message) ? validationSummary(details) : message, details);
    }
    return errorBody(status, message, r.details);
  }
  const pg = pgErrorOf(exception);
  if (pg) {
    if (isUniqueViolation(exception))
      return errorBody(409, `Already exists: ${pg.detail ?? pg.constraint ?? 'duplicate value'}`);
    if (pg.code === '23503') return errorBody(409, 'Referenced record does not exist or is still in use');
    if (pg.code === '57014')
      return errorBody(
        504,
        'The query took too long and was cancelled (statement timeout); narrow the filter or try again',
      );
    if (pg.code === '22P02') return errorBody(400, 'Malformed identifier or value');
  }
  const fastify = exception as { statusCode?: number; code?: string; message?: string };
  if (typeof fastify?.statusCode === 'number' && fastify.statusCode >= 400 && fastify.statusCode < 500) {
    const message =
      BY_CODE.get(fastify.code ?? '') ??
      (fastify.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || /JSON/i.test(fastify.message ?? '')
        ? `Malformed JSON body: ${fastify.message}`
        : (fastify.message ?? 'Bad request'));
    return errorBody(fastify.statusCode, message);
  }
  return errorBody(500, 'Internal server error');
}

import {
  BadRequestException,
  CallHandler,
  ConflictException,
  ExecutionContext,
  Inject,
  Injectable,
  Logger,
  NestInterceptor,
  ServiceUnavailableException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { createHash } from 'node:crypto';
import type Redis from 'ioredis';
import { catchError, from, mergeMap, Observable } from 'rxjs';
import type { AuthUser } from '../../auth/auth.decorators';
import { principalOf } from '../../auth/principal';
import { REDIS } from '../../redis/redis.module';
import { toErrorBody } from '../all-exceptions.filter';
import { ContactMaskedRequest, maskContacts } from '../contact-mask';
import { ReplayedResponse } from './replayed-response';
import {
  drainMultipart,
  type Fingerprint,
  type FingerprintedRequest,
  hashMultipartAsRead,
  isMultipart,
  jsonFingerprint,
} from './request-fingerprint';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const IDEMPOTENT_REPLAYED_HEADER = 'idempotent-replayed';
/** How long a first answer is kept for retries. */
export const IDEMPOTENCY_TTL_MS = 24 * 3600_000;
/** How long a request in progress holds its key (a process that dies mid-request frees it then). */
const RUNNING_TTL_MS = 15 * 60_000;
const KEY_PATTERN = /^[\x20-\x7E]{1,255}$/;

type Stored = { state: 'running' } | { state: 'done'; fingerprint: string; status: number; body: unknown };

interface Req extends FingerprintedRequest {
  headers: Record<string, string | string[] | undefined>;
  user?: AuthUser;
}
interface Reply {
  statusCode: number;
  header(name: string, value: string): Reply;
}

/**
 * `Idempotency-Key` on the routes marked @Idempotent(): per caller (user or API key) and key, Redis
 * holds "running" while the first request is handled, then its status and body for 24 h. A retry with
 * the same method, path and body answers them again (`Idempotent-Replayed: true`); with another
 * request, 422; while the first runs, 409. A 5xx (or an upload the handler did not read to its end)
 * frees the key, so the retry runs again.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly log = new Logger('Idempotency');

  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async intercept(ctx: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const req = ctx.switchToHttp().getRequest<Req>();
    const given = req.headers[IDEMPOTENCY_KEY_HEADER];
    if (given === undefined || !req.user) return next.handle();
    const key = checkKey(given);
    const record = `idem:${principalOf(req.user)}:${createHash('sha256').update(key).digest('hex')}`;
    const multipart = isMultipart(req);
    const claimed = await this.redis
      .set(record, JSON.stringify({ state: 'running' } satisfies Stored), 'PX', RUNNING_TTL_MS, 'NX')
      .catch(unavailable);
    if (claimed !== 'OK') return this.retry(record, req, ctx.switchToHttp().getResponse<Reply>());

    const fingerprint: Fingerprint = multipart
      ? hashMultipartAsRead(req)
      : ((fp) => ({ digest: () => fp }))(jsonFingerprint(req));
    const reply = ctx.switchToHttp().getResponse<Reply>();
    return next.handle().pipe(
      mergeMap(async (body) => {
        await this.finish(record, fingerprint, reply.statusCode, body ?? null);
        return body;
      }),
      catchError((err: unknown) =>
        from(
          (async () => {
            const answer = toErrorBody(err);
            await this.finish(record, fingerprint, answer.statusCode, answer);
            throw err;
          })(),
        ),
      ),
    );
  }

  /** Keeps a 2xx/4xx answer; frees the key after a 5xx or when the body was not read to its end. */
  private async finish(record: string, fingerprint: Fingerprint, status: number, body: unknown): Promise<void> {
    const digest = fingerprint.digest();
    try {
      if (status >= 500 || digest === null) await this.redis.del(record);
      else
        await this.redis.set(
          record,
          JSON.stringify({ state: 'done', fingerprint: digest, status, body } satisfies Stored),
          'PX',
          IDEMPOTENCY_TTL_MS,
        );
    } catch (e) {
      // The answer still goes out; the key stays "running" until RUNNING_TTL_MS, so retries answer 409 till then.
      this.log.warn(`idempotency: redis: ${(e as Error).message}`);
    }
  }

  private async retry(record: string, req: Req, reply: Reply): Promise<never> {
    const raw = await this.redis.get(record).catch(unavailable);
    const stored = raw ? (JSON.parse(raw) as Stored) : ({ state: 'running' } as const);
    if (stored.state === 'running')
      throw new ConflictException(
        'A request with this Idempotency-Key is still being processed; retry once it has finished',
      );
    const fingerprint = isMultipart(req) ? await drainMultipart(req) : jsonFingerprint(req);
    if (fingerprint !== stored.fingerprint)
      throw new UnprocessableEntityException({
        message: 'This Idempotency-Key was already used for a different request (method, path or body); use a new key',
        details: [{ path: 'Idempotency-Key', message: 'already used for a different request' }],
      });
    reply.header(IDEMPOTENT_REPLAYED_HEADER, 'true');
    // The stored body is the handler's, before masking; a replay is sent as text, which Fastify's masking does not see.
    throw new ReplayedResponse(
      stored.status,
      (req as ContactMaskedRequest).maskContacts ? maskContacts(stored.body) : stored.body,
    );
  }
}

function checkKey(given: string | string[]): string {
  if (typeof given === 'string' && KEY_PATTERN.test(given)) return given;
  const message = typeof given === 'string' ? 'must be 1 to 255 printable ASCII characters' : 'must be sent once';
  throw new BadRequestException({
    message: `Invalid Idempotency-Key header: it ${message}`,
    details: [{ path: 'Idempotency-Key', message }],
  });
}

function unavailable(e: Error): never {
  throw new ServiceUnavailableException(`Idempotency-Key cannot be honoured right now (${e.message}); retry later`);
}

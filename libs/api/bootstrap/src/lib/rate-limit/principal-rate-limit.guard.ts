import {
  CanActivate,
  ExecutionContext,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  Logger,
  OnApplicationShutdown,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type Redis from 'ioredis';
import {
  APP_CONFIG,
  AppConfig,
  AuthUser,
  createRedis,
  principalOf,
  RATE_COST_KEY,
  type RateCostSpec,
} from '@mini-crm/api/core';
import { loadRateLimitConfig } from './rate-limit.config';
import { TokenBuckets } from './token-bucket';

interface Reply {
  header(name: string, value: string): Reply;
}

/**
 * Each signed-in user and each API key spends from a token bucket in Redis (RATE_LIMIT_PRINCIPAL_RATE
 * tokens/s, up to RATE_LIMIT_PRINCIPAL_BURST); a call takes its route's @RateCost (1 by default).
 * Registered as a global guard after AuthGuard, so the caller is known and the handler has not run.
 * Every authenticated answer carries RateLimit-Limit / -Remaining / -Reset; an empty bucket answers
 * 429 with Retry-After. When Redis cannot answer, calls pass (as the per-IP limits do).
 */
@Injectable()
export class PrincipalRateLimitGuard implements CanActivate, OnApplicationShutdown {
  private readonly log = new Logger('RateLimit');
  private readonly redis: Redis | null = null;
  private readonly buckets: TokenBuckets | null = null;

  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    const limits = loadRateLimitConfig(config);
    if (!limits.enabled) return;
    this.redis = createRedis(config, {
      keyPrefix: `${limits.prefix}bucket:`,
      maxRetriesPerRequest: 1,
      lazyConnect: true,
    });
    this.redis.on('error', () => undefined); // a failed call is logged where it fails
    this.buckets = new TokenBuckets(this.redis, limits.principalRate, limits.principalBurst);
  }

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (!this.buckets || ctx.getType() !== 'http') return true;
    const req = ctx.switchToHttp().getRequest<{ user?: AuthUser; body?: unknown; query?: unknown }>();
    if (!req.user) return true; // a public route: the per-IP limits apply
    const spec = this.reflector.get<RateCostSpec | undefined>(RATE_COST_KEY, ctx.getHandler()) ?? 1;
    const cost = typeof spec === 'function' ? spec(req) : spec;
    const state = await this.buckets.take(principalOf(req.user), cost).catch((e: Error) => {
      this.log.warn(`principal rate limit: redis: ${e.message}`);
      return null;
    });
    if (!state) return true;
    const reply = ctx.switchToHttp().getResponse<Reply>();
    reply
      .header('ratelimit-limit', String(this.buckets.burst))
      .header('ratelimit-remaining', String(state.remaining))
      .header('ratelimit-reset', String(state.resetSeconds));
    if (state.allowed) return true;
    reply.header('retry-after', String(state.retryAfterSeconds)).header('cache-control', 'no-store');
    const who = req.user.apiKeyId ? 'API key' : 'user';
    throw new HttpException(
      `Too many requests for this ${who}: at most ${this.buckets.burst} tokens at once, ` +
        `refilled at ${this.buckets.rate} per second (this call costs ${Math.min(cost, this.buckets.burst)}); ` +
        `retry in ${state.retryAfterSeconds} s`,
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.redis?.status === 'ready') await this.redis.quit().catch(() => this.redis?.disconnect());
    else this.redis?.disconnect();
  }
}

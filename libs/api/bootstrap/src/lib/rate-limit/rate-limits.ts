import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import { Logger } from '@nestjs/common';
import { AppConfig, appKeyPrefix, createRedis, errorBody } from '@mini-crm/api/core';
import type { TrackingLimits } from '@mini-crm/api/tracking';
import { RateLimitConfig } from './rate-limit.config';
import { STRICT_ROUTES, StrictTier, TIER_WORDS, UNLIMITED_ROUTES } from './rate-limit-policy';

type Tier = keyof typeof TIER_WORDS;

/** What `fastify.createRateLimit()` answers (README of @fastify/rate-limit, "Manual Rate Limit"). */
interface LimitState {
  isAllowed: boolean;
  isExceeded?: boolean;
  ttlInSeconds?: number;
  max?: number;
}
type Limiter = (req: { routeOptions: { config: object }; limitKey: string }) => Promise<LimitState>;

/** A request over one of its limits: answered 429 with Retry-After. */
export interface TooMany {
  retryAfterSeconds: number;
  message: string;
}

interface HookRequest {
  ip: string;
  method: string;
  headers: Record<string, string | string[] | undefined>;
  routeOptions: { url?: string };
}
interface HookReply {
  code(c: number): HookReply;
  header(k: string, v: string): HookReply;
  send(b: unknown): HookReply;
}
interface RateLimitHost {
  register(plugin: unknown, opts: object): PromiseLike<unknown>;
  addHook(name: 'onRequest', fn: (req: HookRequest, reply: HookReply) => Promise<unknown>): unknown;
  addHook(name: 'onClose', fn: () => Promise<void>): unknown;
  createRateLimit(options: object): Limiter;
}

/**
 * Rate limits through @fastify/rate-limit's Redis store, so every API process counts together
 * (fixed window per key, RATE_LIMIT_WINDOW_SECONDS). Each request through Fastify counts against
 * its client IP and its route's stricter tier (STRICT_ROUTES), before anything else runs; the
 * tracking routes, answered before Fastify, count through `trackingGate`. Signed-in users and API
 * keys spend from their own token bucket once authenticated (PrincipalRateLimitGuard). When Redis
 * cannot answer, requests pass (availability over counting).
 */
export class RateLimits {
  private readonly log = new Logger('RateLimit');
  private readonly limiters = new Map<Tier, Limiter>();

  private constructor(
    private readonly config: RateLimitConfig,
    /** Where tracking counters live: RATE_LIMIT_PREFIX, behind the app's hash tag on a Redis Cluster. */
    private readonly trackingPrefix: string,
  ) {}

  /** Registers the plugin and the hook on the Fastify instance; null when RATE_LIMIT_ENABLED=false. */
  static async install(fastify: unknown, app: AppConfig, config: RateLimitConfig): Promise<RateLimits | null> {
    if (!config.enabled) return null;
    const host = fastify as RateLimitHost;
    // a hit counts and appends to the hit stream in one script, whose keys must share the stream's slot
    const limits = new RateLimits(config, app.redisCluster ? appKeyPrefix(app) + config.prefix : config.prefix);
    const redis = createRedis(app, {
      keyPrefix: config.prefix,
      maxRetriesPerRequest: 1,
      lazyConnect: true,
      // a request's counters (IP, user, tier) and concurrent requests' share one write and one round trip
      enableAutoPipelining: true,
    });
    redis.on('error', () => undefined); // counted as "Redis did not answer" per request (skipOnError)
    await redis.connect().catch((e: Error) => limits.log.warn(`rate limits: redis: ${e.message}`));
    await host.register(rateLimit, {
      global: false,
      redis,
      nameSpace: '',
      skipOnError: true,
      timeWindow: config.windowMs,
      keyGenerator: (req: { limitKey: string }) => req.limitKey,
    });
    const maxOf: Record<Tier, number> = {
      ip: config.perIp,
      signIn: config.signIn,
      tokens: config.tokens,
      unsubscribe: config.unsubscribe,
    };
    for (const [tier, max] of Object.entries(maxOf) as [Tier, number][])
      limits.limiters.set(tier, host.createRateLimit({ max, timeWindow: config.windowMs }));
    host.addHook('onRequest', (req, reply) => limits.onRequest(req, reply));
    host.addHook('onClose', async () => {
      await redis.quit().catch(() => redis.disconnect());
    });
    return limits;
  }

  /** The limits of `/r/…` and `/o/…` (per client IP and per code), counted with the hit itself by the tracking lib. */
  get trackingLimits(): TrackingLimits {
    return {
      prefix: this.trackingPrefix,
      windowMs: this.config.windowMs,
      perIp: this.config.trackingPerIp,
      perCode: this.config.trackingPerCode,
      normalizeIp: normalize,
    };
  }

  private async onRequest(req: HookRequest, reply: HookReply): Promise<unknown> {
    const route = `${req.method} ${req.routeOptions.url ?? ''}`;
    if (UNLIMITED_ROUTES.has(route)) return;
    const ip = normalize(req.ip);
    const checks: [Tier, string][] = [['ip', ip]];
    const strict: StrictTier | undefined = STRICT_ROUTES[route];
    if (strict) checks.unshift([strict, ip]);
    const tooMany = await this.check(checks);
    if (!tooMany) return;
    return reply
      .code(429)
      .header('retry-after', String(tooMany.retryAfterSeconds))
      .header('cache-control', 'no-store')
      .send(errorBody(429, tooMany.message));
  }

  /** Counts the request against every listed limit (in parallel); the first exceeded one, in list order, answers. */
  private async check(checks: [Tier, string][]): Promise<TooMany | null> {
    const states = await Promise.all(
      checks.map(([tier, key]) =>
        (this.limiters.get(tier) as Limiter)({ routeOptions: { config: {} }, limitKey: `${tier}:${key}` }),
      ),
    );
    const i = states.findIndex((s) => !s.isAllowed && s.isExceeded);
    if (i === -1) return null;
    const state = states[i];
    const retryAfterSeconds = Math.max(1, state.ttlInSeconds ?? 1);
    const windowSeconds = Math.round(this.config.windowMs / 1000);
    return {
      retryAfterSeconds,
      message:
        `Too many ${TIER_WORDS[checks[i][0]]}: at most ${state.max} in ${windowSeconds} s; ` +
        `retry in ${retryAfterSeconds} s`,
    };
  }
}

function normalize(ip: string | undefined): string {
  try {
    return ip ? normalizeIP(ip) : 'unknown';
  } catch {
    return ip ?? 'unknown';
  }
}

import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { SSE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type Redis from 'ioredis';
import { can, isPermission, PENDING_APPROVAL_CODE, rolesFor, type Permission } from '@mini-crm/contracts';
import { UUID_PATTERN } from '@mini-crm/db';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';
import {
  ALLOW_PENDING_KEY,
  AuthUser,
  IS_PUBLIC_KEY,
  OWN_ACCOUNT_KEY,
  PEOPLE_ONLY_KEY,
  PERMISSION_KEY,
} from './auth.decorators';
import { API_KEY_HEADER, API_KEY_LOOKUP, API_KEY_PREFIX, ApiKeyLookup } from './api-key-lookup';
import { REDIS } from '../redis/redis.module';
import { verifyAccessToken } from './access-token';
import { redeemStreamTicket } from './stream-tickets';
import { USER_LOOKUP, UserLookup } from './user-lookup';
import { masksContacts } from '../http/contact-mask';

/**
 * Global guard: deny by default. A route needs @Public() or a valid credential and the role the
 * permission table grants its @Can(action). Credentials: a person's bearer JWT, or an API key as
 * `Authorization: Bearer mcrm_…` or `X-API-Key: mcrm_…` (looked up on every request: revocation and
 * expiry bite at once; @PeopleOnly() routes refuse keys). Server-sent event routes (@Sse, read from the
 * handler's metadata) also take `?ticket=`, a single-use stream ticket (POST /api/auth/stream-ticket); no
 * route takes a token in the URL. It also marks whether the answer masks contact points (contact-mask.ts).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(USER_LOOKUP) private readonly users: UserLookup,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(API_KEY_LOOKUP) private readonly apiKeys: ApiKeyLookup,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) return true;
    const req = ctx.switchToHttp().getRequest();
    const flag = (key: string) => this.reflector.getAllAndOverride<boolean>(key, targets) === true;
    const key = apiKeyOf(req.headers);
    const user = key
      ? await this.keyCaller(key, flag(PEOPLE_ONLY_KEY))
      : await this.person(
          req,
          this.reflector.get<boolean>(SSE_METADATA, ctx.getHandler()) === true,
          flag(ALLOW_PENDING_KEY),
        );
    req.user = user;
    req.maskContacts = masksContacts(user.role, flag(OWN_ACCOUNT_KEY));
    const action = this.reflector.getAllAndOverride<Permission | undefined>(PERMISSION_KEY, targets);
    if (!isPermission(action)) throw new ForbiddenException('Route has no permission');
    if (!can(user.role, action))
      throw new ForbiddenException(`Requires permission ${action} (${rolesFor(action).join(' or ')})`);
    return true;
  }

  private async keyCaller(key: string, peopleOnly: boolean): Promise<AuthUser> {
    const caller = await this.apiKeys.authenticate(key);
    if (!caller) throw new UnauthorizedException('Invalid, revoked or expired API key');
    if (peopleOnly) throw new ForbiddenException('An API key cannot call this route; it is for signed-in people');
    return caller;
  }

  /** A signed-in person: active, or pending on an @AllowPending() route. */
  private async person(
    req: Parameters<AuthGuard['authenticate']>[0],
    isStream: boolean,
    allowPending: boolean,
  ): Promise<AuthUser> {
    const found = await this.users.findSessionUser(await this.authenticate(req, isStream));
    if (!found) throw new UnauthorizedException('User is inactive or unknown');
    const { pending, ...user } = found;
    if (pending && !allowPending)
      throw new ForbiddenException({
        message: 'Your account is waiting for an administrator’s approval',
        details: { code: PENDING_APPROVAL_CODE },
      });
    return user;
  }

  /** The user id the request speaks for: a bearer token, or on a stream route only a stream ticket. */
  private async authenticate(
    req: { method?: string; headers?: { authorization?: unknown }; query?: Record<string, unknown> },
    isStream: boolean,
  ): Promise<string> {
    const token = bearerToken(req.headers?.authorization);
    if (token) {
      const claims = await verifyAccessToken(token, this.config.auth.jwtSecret);
      if (!claims || !UUID_PATTERN.test(claims.sub)) throw new UnauthorizedException('Invalid or expired token');
      return claims.sub;
    }
    const ticket = req.query?.['ticket'];
    if (isStream && req.method === 'GET' && ticket !== undefined) {
      const userId = await redeemStreamTicket(this.redis, ticket);
      if (!userId || !UUID_PATTERN.test(userId))
        throw new UnauthorizedException('Stream ticket is invalid, expired or already used');
      return userId;
    }
    throw new UnauthorizedException('Missing bearer token');
  }
}

/**
 * The API key the request carries (X-API-Key, or a bearer credential starting with `mcrm_`), else null.
 * Both headers at once is ambiguous: 401 rather than guessing which one speaks.
 */
function apiKeyOf(headers: Record<string, unknown> | undefined): string | null {
  const header = headers?.[API_KEY_HEADER];
  const bearer = bearerToken(headers?.['authorization']);
  if (header !== undefined) {
    if (headers?.['authorization'] !== undefined)
      throw new UnauthorizedException('Send either Authorization or X-API-Key, not both');
    if (typeof header !== 'string' || !header.trim())
      throw new UnauthorizedException('Invalid, revoked or expired API key');
    return header.trim();
  }
  return bearer?.startsWith(API_KEY_PREFIX) ? bearer : null;
}

function bearerToken(header: unknown): string | null {
  if (typeof header !== 'string') return null;
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  return m ? m[1] : null;
}

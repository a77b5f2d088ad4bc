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
import { ALLOW_PENDING_KEY, IS_PUBLIC_KEY, PERMISSION_KEY } from './auth.decorators';
import { REDIS } from '../redis/redis.module';
import { verifyAccessToken } from './access-token';
import { redeemStreamTicket } from './stream-tickets';
import { USER_LOOKUP, UserLookup } from './user-lookup';

/**
 * Global guard: deny by default. A route needs @Public() or a valid bearer token and the role the
 * permission table grants its @Can(action). Server-sent event routes (@Sse, read from the handler's
 * metadata) also take `?ticket=`, a single-use stream ticket (POST /api/auth/stream-ticket); no route
 * takes a token in the URL.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(USER_LOOKUP) private readonly users: UserLookup,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) return true;
    const req = ctx.switchToHttp().getRequest();
    const userId = await this.authenticate(req, this.reflector.get<boolean>(SSE_METADATA, ctx.getHandler()) === true);
    const found = await this.users.findSessionUser(userId);
    if (!found) throw new UnauthorizedException('User is inactive or unknown');
    const { pending, ...user } = found;
    if (pending && !this.reflector.getAllAndOverride<boolean>(ALLOW_PENDING_KEY, targets))
      throw new ForbiddenException({
        message: 'Your account is waiting for an administrator’s approval',
        details: { code: PENDING_APPROVAL_CODE },
      });
    req.user = user;
    const action = this.reflector.getAllAndOverride<Permission | undefined>(PERMISSION_KEY, targets);
    if (!isPermission(action)) throw new ForbiddenException('Route has no permission');
    if (!can(user.role, action))
      throw new ForbiddenException(`Requires permission ${action} (${rolesFor(action).join(' or ')})`);
    return true;
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

function bearerToken(header: unknown): string | null {
  if (typeof header !== 'string') return null;
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  return m ? m[1] : null;
}

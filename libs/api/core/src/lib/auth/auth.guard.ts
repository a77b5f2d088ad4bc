import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { can, isPermission, rolesFor, type Permission } from '@mini-crm/contracts';
import { UUID_PATTERN } from '@mini-crm/db';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';
import { IS_PUBLIC_KEY, PERMISSION_KEY } from './auth.decorators';
import { verifyAccessToken } from './access-token';
import { USER_LOOKUP, UserLookup } from './user-lookup';

/** Global guard: deny by default. A route needs @Public() or a valid token and the role the permission table grants its @Can(action). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(USER_LOOKUP) private readonly users: UserLookup,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) return true;
    const req = ctx.switchToHttp().getRequest();
    const token = bearerToken(req.headers?.authorization) ?? queryToken(req);
    if (!token) throw new UnauthorizedException('Missing bearer token');
    const claims = await verifyAccessToken(token, this.config.auth.jwtSecret);
    if (!claims || !UUID_PATTERN.test(claims.sub)) throw new UnauthorizedException('Invalid or expired token');
    const user = await this.users.findActiveUser(claims.sub);
    if (!user) throw new UnauthorizedException('User is inactive or unknown');
    req.user = user;
    const action = this.reflector.getAllAndOverride<Permission | undefined>(PERMISSION_KEY, targets);
    if (!isPermission(action)) throw new ForbiddenException('Route has no permission');
    if (!can(user.role, action))
      throw new ForbiddenException(`Requires permission ${action} (${rolesFor(action).join(' or ')})`);
    return true;
  }
}

function bearerToken(header: unknown): string | null {
  if (typeof header !== 'string') return null;
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  return m ? m[1] : null;
}

/** EventSource cannot send headers: SSE routes accept `?access_token=` (short-lived token; only on GET .../stream). */
function queryToken(req: { method?: string; url?: string; query?: Record<string, unknown> }): string | null {
  if (req.method !== 'GET' || !req.url || !/\/(stream|events)(\?|$)/.test(req.url)) return null;
  const t = req.query?.['access_token'];
  return typeof t === 'string' && t.length > 0 ? t : null;
}

import { ExecutionContext, Inject, Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { APP_CONFIG, type AppConfig } from '@mini-crm/api/core';

/**
 * passport speaks Express's response API; on Fastify the reply needs `setHeader`/`end` shims so the
 * strategy's redirect becomes a proper 302.
 */
@Injectable()
export class GoogleAuthGuard extends AuthGuard('google') {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    super();
  }

  /** Without GOOGLE_CLIENT_ID/SECRET the flow does not exist: 404, never a redirect to Google with a dummy client. */
  override canActivate(context: ExecutionContext) {
    const google = this.config.auth.google;
    if (!google.clientId || !google.clientSecret) throw new NotFoundException('Google sign-in is not configured');
    return super.canActivate(context);
  }

  getResponse(context: ExecutionContext) {
    const reply = context.switchToHttp().getResponse();
    if (!reply.setHeader) {
      reply.setHeader = (name: string, value: string) => reply.header(name, value);
      reply.end = (body?: string) => reply.send(body ?? '');
      Object.defineProperty(reply, 'statusCode', {
        configurable: true,
        get: () => reply.raw.statusCode,
        set: (code: number) => reply.code(code),
      });
    }
    return reply;
  }

  handleRequest<T>(err: unknown, user: T): T {
    if (err || !user) throw new UnauthorizedException('Google sign-in failed');
    return user;
  }
}

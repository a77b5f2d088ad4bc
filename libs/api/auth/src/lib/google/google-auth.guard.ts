import { ExecutionContext, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { APP_CONFIG, type AppConfig } from '@mini-crm/api/core';
import { OAuthRefusedException } from './oauth-refused.exception';
import { OAuthStateStore } from './oauth-state.store';

/**
 * Runs passport's Google strategy. At the start it binds the flow to this browser (cookie +
 * nonce, see OAuthStateStore); on the callback it reads that binding back. passport speaks
 * Express's response API; on Fastify the reply needs `setHeader`/`end` shims so the strategy's
 * redirect becomes a proper 302. A refused callback becomes OAuthRefusedException, which the
 * callback route turns into a redirect to the console's sign-in page.
 */
@Injectable()
export class GoogleAuthGuard extends AuthGuard('google') {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly states: OAuthStateStore,
  ) {
    super();
  }

  /** Without GOOGLE_CLIENT_ID/SECRET the flow does not exist: 404, never a redirect to Google with a dummy client. */
  override canActivate(context: ExecutionContext) {
    const google = this.config.auth.google;
    if (!google.clientId || !google.clientSecret) throw new NotFoundException('Google sign-in is not configured');
    const req = context.switchToHttp().getRequest();
    const reply = context.switchToHttp().getResponse();
    if (isCallback(req.query)) this.states.readBrowser(req, reply);
    else this.states.bindBrowser(req, reply);
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

  handleRequest<T>(err: unknown, user: T, info: unknown): T {
    if (user && !err) return user;
    const reason = (info as { message?: unknown } | undefined)?.message;
    throw new OAuthRefusedException(
      !err && typeof reason === 'string' && reason.startsWith('google_state_') ? reason : 'google',
    );
  }
}

/** As passport decides: Google comes back with `code` or `error`; without either a flow starts. */
function isCallback(query: Record<string, unknown> | undefined): boolean {
  return !!query && (query['code'] !== undefined || query['error'] !== undefined);
}

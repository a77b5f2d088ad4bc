import { ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';

/**
 * passport speaks Express's response API; on Fastify the reply needs `setHeader`/`end` shims so the
 * strategy's redirect becomes a proper 302.
 */
@Injectable()
export class GoogleAuthGuard extends AuthGuard('google') {
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

import { CanActivate, ExecutionContext, ParseUUIDPipe } from '@nestjs/common';

const uuid = new ParseUUIDPipe();

/**
 * Checks an @Sse route's `:id` before the stream opens. Once any interceptor wraps a handler, Nest
 * answers a stream 200 at once and an error from the handler or its pipes reaches the client only as
 * an `error` event; run as a guard, a malformed id still answers 400 and an unknown one 404.
 */
export abstract class StreamTargetGuard implements CanActivate {
  /** Throws (NotFoundException) when nothing has this id. */
  protected abstract ensureExists(id: string): Promise<unknown>;

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const raw = ctx.switchToHttp().getRequest<{ params?: Record<string, string> }>().params?.['id'];
    const id: string = await uuid.transform(raw ?? '', { type: 'param', data: 'id' });
    await this.ensureExists(id);
    return true;
  }
}

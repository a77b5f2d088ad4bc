import { ArgumentsHost, Catch, ExceptionFilter, Inject } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@mini-crm/api/core';

/** A Google callback we refuse (bad state, another browser, provider error): the browser goes back to sign-in. */
export class OAuthRefusedException extends Error {
  constructor(readonly reason: string) {
    super(`Google sign-in refused: ${reason}`);
  }
}

/** Sends a refused callback to the console's `/login?error=<reason>`, never an error page. */
@Catch(OAuthRefusedException)
export class OAuthRefusedFilter implements ExceptionFilter {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  catch(exception: OAuthRefusedException, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<{ redirect(url: string, code?: number): unknown }>();
    reply.redirect(`${this.config.auth.consoleUrl}/login?error=${encodeURIComponent(exception.reason)}`, 302);
  }
}

import { inject } from '@angular/core';
import { AuthService, apiUrl, prefetchGet } from '@mini-crm/console/core';
import { setDisplaySettings } from '@mini-crm/console/ui';
import { catchError, firstValueFrom, of, timeout } from 'rxjs';

/**
 * Before the first render: the workspace's locale and currency (DEFAULT_LOCALE, DEFAULT_CURRENCY) from the
 * public providers answer, so every date and amount pipe formats the way messages do. A slow or failed answer
 * keeps the defaults (en-IN, INR) rather than holding the console back.
 */
export function loadDisplaySettings(): Promise<void> {
  return firstValueFrom(
    inject(AuthService)
      .providers()
      .pipe(
        timeout(3000),
        catchError(() => of(null)),
      ),
  ).then((p) => {
    setDisplaySettings(p?.display);
  });
}

/** Started before Angular boots (main.ts): the initializer's request then waits on this one. */
export function prefetchDisplaySettings(): void {
  prefetchGet(apiUrl('/auth/providers'), { auth: false });
}

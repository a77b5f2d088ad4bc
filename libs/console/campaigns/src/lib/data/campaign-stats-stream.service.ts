import { Injectable, inject } from '@angular/core';
import { AuthService, apiUrl } from '@mini-crm/console/core';
import type { CampaignStatsDto } from '@mini-crm/contracts';
import { Observable, Subscription, catchError, EMPTY, switchMap, timer } from 'rxjs';
import { isTerminal } from '../shared/campaign-status.util';
import { CampaignsApiService } from './campaigns-api.service';

export const STATS_POLL_MS = 2000;

/**
 * Live stats of one campaign: the server-sent event stream (EventSource cannot send headers, so
 * the access token rides in the query), falling back to polling when the stream fails (expired
 * token, proxy without SSE). Completes after the first terminal status.
 */
@Injectable({ providedIn: 'root' })
export class CampaignStatsStreamService {
  private readonly api = inject(CampaignsApiService);
  private readonly auth = inject(AuthService);

  watch(id: string): Observable<CampaignStatsDto> {
    return new Observable<CampaignStatsDto>((subscriber) => {
      let poll: Subscription | null = null;
      let source: EventSource | null = null;

      const startPolling = () => {
        if (poll) return;
        poll = timer(0, STATS_POLL_MS)
          .pipe(switchMap(() => this.api.stats(id).pipe(catchError(() => EMPTY))))
          .subscribe((s) => {
            subscriber.next(s);
            if (isTerminal(s.status)) {
              poll?.unsubscribe();
              subscriber.complete();
            }
          });
      };

      const token = this.auth.isAccessTokenExpired() ? null : this.auth.accessToken();
      if (typeof EventSource === 'undefined' || !token) {
        startPolling();
      } else {
        source = new EventSource(`${apiUrl(`/campaigns/${encodeURIComponent(id)}/stats/stream`)}?access_token=${encodeURIComponent(token)}`);
        source.addEventListener('stats', (event) => {
          const s = JSON.parse((event as MessageEvent<string>).data) as CampaignStatsDto;
          subscriber.next(s);
          if (isTerminal(s.status)) {
            source?.close();
            subscriber.complete();
          }
        });
        // Any error (including the server ending the stream) hands over to polling, which ends by itself.
        source.onerror = () => {
          source?.close();
          source = null;
          startPolling();
        };
      }

      return () => {
        source?.close();
        poll?.unsubscribe();
      };
    });
  }
}

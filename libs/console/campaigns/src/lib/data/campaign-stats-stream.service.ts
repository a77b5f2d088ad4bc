import { Injectable, inject } from '@angular/core';
import { AuthService, apiUrl } from '@mini-crm/console/core';
import { campaignStatsSettler, type CampaignStatsDto } from '@mini-crm/contracts';
import { Observable, Subscription, catchError, EMPTY, switchMap, timer } from 'rxjs';
import { isTerminal } from '../shared/campaign-status.util';
import { CampaignsApiService } from './campaigns-api.service';

export const STATS_POLL_MS = 2000;
/** Polls an ended campaign's counters must hold still, once every receipt is in, before polling stops. */
const SETTLED_POLLS = 3;
/** Polls after the end to wait for missing receipts at most (a vendor may never send some). */
const RECEIPT_WAIT_POLLS = 60;

/**
 * Live stats of one campaign: the server-sent event stream (EventSource cannot send headers, so
 * the access token rides in the query), falling back to polling when the stream fails (expired
 * token, proxy without SSE). Receipts keep moving the counters after the last send, so it completes
 * once an ended campaign has its receipts and its counters have settled: the server ends its stream
 * then, polling counts the same way.
 */
@Injectable({ providedIn: 'root' })
export class CampaignStatsStreamService {
  private readonly api = inject(CampaignsApiService);
  private readonly auth = inject(AuthService);

  watch(id: string): Observable<CampaignStatsDto> {
    return new Observable<CampaignStatsDto>((subscriber) => {
      let poll: Subscription | null = null;
      let source: EventSource | null = null;
      let last: CampaignStatsDto | null = null;

      const startPolling = () => {
        if (poll) return;
        const settled = campaignStatsSettler(SETTLED_POLLS, RECEIPT_WAIT_POLLS);
        poll = timer(0, STATS_POLL_MS)
          .pipe(switchMap(() => this.api.stats(id).pipe(catchError(() => EMPTY))))
          .subscribe((s) => {
            subscriber.next(s);
            if (settled(s)) {
              poll?.unsubscribe();
              subscriber.complete();
            }
          });
      };

      const token = this.auth.isAccessTokenExpired() ? null : this.auth.accessToken();
      if (typeof EventSource === 'undefined' || !token) {
        startPolling();
      } else {
        source = new EventSource(
          `${apiUrl(`/campaigns/${encodeURIComponent(id)}/stats/stream`)}?access_token=${encodeURIComponent(token)}`,
        );
        source.addEventListener('stats', (event) => {
          last = JSON.parse((event as MessageEvent<string>).data) as CampaignStatsDto;
          subscriber.next(last);
        });
        // The server ends the stream once an ended campaign has settled (EventSource reports that as
        // an error); any other error hands over to polling, which ends by itself.
        source.onerror = () => {
          source?.close();
          source = null;
          if (last && isTerminal(last.status)) subscriber.complete();
          else startPolling();
        };
      }

      return () => {
        source?.close();
        poll?.unsubscribe();
      };
    });
  }
}

import { Injectable, inject } from '@angular/core';
import { TicketedEventSourceService, apiUrl } from '@mini-crm/console/core';
import { campaignStatsSettler, type CampaignStatsDto } from '@mini-crm/contracts';
import { Observable, Subscription, catchError, EMPTY, switchMap, timer } from 'rxjs';
import { CampaignsApiService } from './campaigns-api.service';
import { recoveryAfterStreamEnd } from './stats-stream-recovery.util';

export const STATS_POLL_MS = 2000;
/** Polls an ended campaign's counters must hold still, once every receipt is in, before polling stops. */
const SETTLED_POLLS = 3;
/** Polls after the end to wait for missing receipts at most (a vendor may never send some). */
const RECEIPT_WAIT_POLLS = 60;

/**
 * Live stats of one campaign: the server-sent event stream (opened with a single-use stream ticket,
 * a new one for each reconnect; see TicketedEventSourceService), falling back to polling when the
 * stream keeps failing or no ticket can be had (signed out, proxy without SSE). Receipts keep moving the
 * counters after the last send, so it completes once polling finds an ended campaign settled (see
 * recoveryAfterStreamEnd).
 */
@Injectable({ providedIn: 'root' })
export class CampaignStatsStreamService {
  private readonly api = inject(CampaignsApiService);
  private readonly streams = inject(TicketedEventSourceService);

  watch(id: string): Observable<CampaignStatsDto> {
    return new Observable<CampaignStatsDto>((subscriber) => {
      let poll: Subscription | null = null;
      let source: EventSource | null = null;
      let opening: Subscription | null = null;
      let reconnects = 0;
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

      const open = () => {
        opening?.unsubscribe();
        opening = this.streams.open(`${apiUrl(`/campaigns/${encodeURIComponent(id)}/stats/stream`)}`).subscribe({
          next: (opened) => {
            source = opened;
            opened.addEventListener('stats', (event) => {
              last = JSON.parse((event as MessageEvent<string>).data) as CampaignStatsDto;
              subscriber.next(last);
            });
            // A reopened stream needs a new ticket (the old one is spent); polling ends by itself.
            opened.onerror = () => {
              source?.close();
              source = null;
              if (recoveryAfterStreamEnd(last, reconnects) === 'poll') startPolling();
              else {
                reconnects++;
                open();
              }
            };
          },
          error: () => startPolling(),
        });
      };

      if (typeof EventSource === 'undefined') startPolling();
      else open();

      return () => {
        opening?.unsubscribe();
        source?.close();
        poll?.unsubscribe();
      };
    });
  }
}

import { Injectable } from '@nestjs/common';
import {
  defer,
  exhaustMap,
  finalize,
  from,
  interval,
  Observable,
  ReplaySubject,
  share,
  startWith,
  takeWhile,
} from 'rxjs';
import { campaignStatsSettler, type CampaignStatsDto } from '@mini-crm/contracts';
import { CampaignStatsService } from './campaign-stats.service';

const SETTLE_TICKS = 5;
const RECEIPT_WAIT_TICKS = 120;

/**
 * One ticker per campaign, shared by every viewer of its live stats: one aggregate per second
 * whatever the number of subscribers (the last answer is replayed to a viewer who joins). The
 * ticker stops when the campaign has ended and its receipts have settled, or when its last viewer
 * leaves; the next viewer starts a fresh one.
 */
@Injectable()
export class CampaignStatsFeed {
  private readonly feeds = new Map<string, Observable<CampaignStatsDto>>();

  constructor(private readonly stats: CampaignStatsService) {}

  /** Live stats of `id`, every second until settled (receipts keep arriving after the last send). */
  watch(id: string): Observable<CampaignStatsDto> {
    let feed = this.feeds.get(id);
    if (!feed) {
      const created: Observable<CampaignStatsDto> = defer(() => {
        const settled = campaignStatsSettler(SETTLE_TICKS, RECEIPT_WAIT_TICKS);
        return interval(1000).pipe(
          startWith(0),
          exhaustMap(() => from(this.stats.stats(id))),
          takeWhile((s) => !settled(s)),
        );
      }).pipe(
        finalize(() => {
          if (this.feeds.get(id) === created) this.feeds.delete(id);
        }),
        share({
          connector: () => new ReplaySubject<CampaignStatsDto>(1),
          resetOnComplete: true,
          resetOnError: true,
          resetOnRefCountZero: true,
        }),
      );
      feed = created;
      this.feeds.set(id, feed);
    }
    return feed;
  }

  /** Campaigns with a ticker running now (tests, diagnostics). */
  get active(): number {
    return this.feeds.size;
  }
}

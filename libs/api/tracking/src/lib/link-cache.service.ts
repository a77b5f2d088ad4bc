import { Injectable } from '@nestjs/common';
import { CampaignLink, CampaignLinksRepository } from '@mini-crm/api/campaigns';

const MAX_ENTRIES = 100_000;

/**
 * campaign_links rows by id, kept in process: rows never change, so each link is read from the
 * database once per process (concurrent first requests share one read).
 */
@Injectable()
export class LinkCacheService {
  private readonly links = new Map<number, CampaignLink>();
  private readonly loading = new Map<number, Promise<CampaignLink | null>>();

  constructor(private readonly repo: CampaignLinksRepository) {}

  /** The cached row, or undefined when it has to be read (then call `load`). */
  peek(id: number): CampaignLink | undefined {
    return this.links.get(id);
  }

  load(id: number): Promise<CampaignLink | null> {
    const hit = this.links.get(id);
    if (hit) return Promise.resolve(hit);
    let p = this.loading.get(id);
    if (!p) {
      p = this.repo
        .byId(id)
        .then((row) => {
          if (row) {
            if (this.links.size >= MAX_ENTRIES) this.links.delete(this.links.keys().next().value as number);
            this.links.set(id, row);
          }
          return row;
        })
        .finally(() => this.loading.delete(id));
      this.loading.set(id, p);
    }
    return p;
  }
}

import { HttpClient } from '@angular/common/http';
import { Injectable, inject, signal, type Signal, type WritableSignal } from '@angular/core';
import { apiUrl } from '@mini-crm/console/core';
import type { CampaignLinksDto, CampaignPageDto } from '@mini-crm/contracts';

export interface CampaignOption {
  id: string;
  name: string;
  status: string;
}

export interface LinkOption {
  id: number;
  url: string;
}

/** Campaigns offered by the picker: the most recent ones. */
export const CAMPAIGN_OPTIONS_LIMIT = 200;

/**
 * Choices for `campaign_engagement` conditions: recent campaigns (loaded once per page visit) and
 * each campaign's tracked links (loaded on first use). Failures leave the lists empty; the builder
 * then still shows the chosen ids.
 */
@Injectable({ providedIn: 'root' })
export class EngagementOptionsService {
  private readonly http = inject(HttpClient);
  private readonly campaignList = signal<CampaignOption[]>([]);
  private campaignsRequested = false;
  private readonly linkLists = new Map<string, WritableSignal<LinkOption[]>>();

  /** Recent campaigns, drafts left out (they have no engagement yet). */
  campaigns(): Signal<CampaignOption[]> {
    if (!this.campaignsRequested) {
      this.campaignsRequested = true;
      this.http.get<CampaignPageDto>(apiUrl('/campaigns'), { params: { limit: CAMPAIGN_OPTIONS_LIMIT } }).subscribe({
        next: (page) =>
          this.campaignList.set(
            page.items.filter((c) => c.status !== 'draft').map((c) => ({ id: c.id, name: c.name, status: c.status })),
          ),
        error: () => {
          this.campaignsRequested = false;
        },
      });
    }
    return this.campaignList.asReadonly();
  }

  /** The tracked links of a campaign, in order of appearance. */
  links(campaignId: string): Signal<LinkOption[]> {
    let list = this.linkLists.get(campaignId);
    if (!list) {
      const created = signal<LinkOption[]>([]);
      list = created;
      this.linkLists.set(campaignId, created);
      this.http
        .get<CampaignLinksDto>(apiUrl(`/analytics/campaigns/${encodeURIComponent(campaignId)}/links`))
        .subscribe({
          next: (res) => created.set(res.items.map((l) => ({ id: l.linkId, url: l.url }))),
          error: () => this.linkLists.delete(campaignId),
        });
    }
    return list.asReadonly();
  }

  /** The campaign's name when it is among the loaded campaigns. */
  campaignName(id: string): string | null {
    return this.campaignList().find((c) => c.id === id.toLowerCase())?.name ?? null;
  }

  /** The link's URL when that campaign's links are loaded. */
  linkUrl(campaignId: string, linkId: number): string | null {
    return (
      this.linkLists
        .get(campaignId)?.()
        .find((l) => l.id === linkId)?.url ?? null
    );
  }
}

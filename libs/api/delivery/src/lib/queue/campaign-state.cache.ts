import { Injectable } from '@nestjs/common';
import {
  CampaignDeliveryState,
  CampaignLinksRepository,
  CampaignRendererService,
  CampaignsRepository,
  PreparedCampaign,
} from '@mini-crm/api/campaigns';

interface Entry {
  state: CampaignDeliveryState | null;
  prepared: PreparedCampaign | null;
  readAt: number;
}

/** How stale a campaign's status may be when a batch starts: pause takes effect within this. */
export const STATE_TTL_MS = 250;

/** Per-process cache of a campaign's status and compiled templates (with its tracked links), re-read every STATE_TTL_MS. */
@Injectable()
export class CampaignStateCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly campaigns: CampaignsRepository,
    private readonly renderer: CampaignRendererService,
    private readonly links: CampaignLinksRepository,
  ) {}

  async get(
    campaignId: string,
    fresh = false,
  ): Promise<{ state: CampaignDeliveryState | null; prepared: PreparedCampaign | null }> {
    const hit = this.entries.get(campaignId);
    if (hit && !fresh && Date.now() - hit.readAt < STATE_TTL_MS) return hit;
    const state = await this.campaigns.deliveryState(campaignId);
    const sameContent = hit?.state && state && hit.state.updatedAt.getTime() === state.updatedAt.getTime();
    const prepared = !state
      ? null
      : sameContent && hit?.prepared
        ? hit.prepared
        : this.renderer.prepare(state, await this.links.forCampaign(campaignId));
    const entry = { state, prepared, readAt: Date.now() };
    this.entries.set(campaignId, entry);
    if (this.entries.size > 1000) this.entries.delete(this.entries.keys().next().value as string);
    return entry;
  }
}

import { Injectable } from '@nestjs/common';
import { WebhookEvents } from '@mini-crm/api/core';
import { CampaignsRepository } from './campaigns.repository';

/** Campaign moves that outgoing webhooks announce; each publishes after its change is committed. */
@Injectable()
export class CampaignLifecycleEvents {
  constructor(
    private readonly repo: CampaignsRepository,
    private readonly webhooks: WebhookEvents,
  ) {}

  /** running → completed once nothing is queued (CampaignsRepository.completeIfDone), announced when this call did it. */
  async completeIfDone(id: string): Promise<boolean> {
    const done = await this.repo.completeIfDone(id);
    if (done) await this.publish('campaign.completed', id);
    return done;
  }

  async publish(
    type: 'campaign.launched' | 'campaign.paused' | 'campaign.completed',
    id: string,
    extra: Record<string, unknown> = {},
  ): Promise<void> {
    const row = await this.repo.findById(id);
    if (!row) return;
    await this.webhooks.publish(type, {
      campaign: {
        id: row.id,
        name: row.name,
        channel: row.channel,
        status: row.status,
        audience: row.audience,
        startedAt: row.startedAt?.toISOString() ?? null,
        finishedAt: row.finishedAt?.toISOString() ?? null,
        statusReason: row.statusReason,
      },
      ...extra,
    });
  }
}

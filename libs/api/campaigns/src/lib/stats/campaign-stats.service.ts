import { Injectable, NotFoundException } from '@nestjs/common';
import type { CampaignStatsDto as CampaignStats, CampaignStatus } from '@mini-crm/contracts';
import { CampaignsRepository } from '../campaigns.repository';
import { MessagesRepository } from '../messages/messages.repository';
import { CampaignRollupRepository } from './campaign-rollup.repository';
import { ExperimentsService } from '../experiments/experiments.service';

/**
 * Stats straight from `messages` in one aggregate query, so queued + sent + failed = audience holds
 * in every answer (one snapshot of the table), whatever workers and receipts are doing.
 */
@Injectable()
export class CampaignStatsService {
  constructor(
    private readonly campaigns: CampaignsRepository,
    private readonly messages: MessagesRepository,
    private readonly rollup: CampaignRollupRepository,
    private readonly experiments: ExperimentsService,
  ) {}

  async stats(id: string): Promise<CampaignStats> {
    const c = await this.campaigns.findById(id);
    if (!c) throw new NotFoundException(`Campaign ${id} not found`);
    const [n, r, x] = await Promise.all([
      this.messages.counts(id),
      this.rollup.totals(id),
      c.variants ? this.experiments.stats(c) : {},
    ]);
    const waiting = c.status === 'running' || c.status === 'paused';
    const end = c.finishedAt ?? new Date();
    const seconds = c.startedAt ? Math.max(0.001, (end.getTime() - c.startedAt.getTime()) / 1000) : 0;
    return {
      campaignId: id,
      status: c.status as CampaignStatus,
      statusReason: c.statusReason,
      audience: n.total,
      suppressed: c.suppressed,
      queued: n.queued,
      // Messages of an ended (cancelled) campaign no longer wait for anything.
      scheduled: waiting ? n.scheduled : 0,
      windowOpensAt: waiting ? (n.windowOpensAt?.toISOString() ?? null) : null,
      sent: n.sent,
      failed: n.failed,
      delivered: n.delivered,
      opened: n.opened,
      clicked: n.clicked,
      machineOpens: r.machine_opens,
      machineClicks: r.machine_clicks,
      converted: r.conversions,
      revenue: r.revenue,
      unsubscribed: r.unsubscribes,
      startedAt: c.startedAt?.toISOString() ?? null,
      finishedAt: c.finishedAt?.toISOString() ?? null,
      rate: seconds ? Math.round(((n.sent + n.failed) / seconds) * 10) / 10 : 0,
      ...x,
    };
  }
}

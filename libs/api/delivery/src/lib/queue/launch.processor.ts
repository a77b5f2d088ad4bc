import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { LaunchJobData } from '@mini-crm/api/core';
import { CampaignsService } from '@mini-crm/api/campaigns';

/** The delayed job of a scheduled campaign. Launching is conditional, so a late or repeated job is harmless. */
@Injectable()
export class LaunchProcessor {
  constructor(private readonly campaigns: CampaignsService) {}

  async process(job: Job<LaunchJobData>): Promise<{ launched: boolean }> {
    return { launched: await this.campaigns.launchScheduled(job.data.campaignId) };
  }
}

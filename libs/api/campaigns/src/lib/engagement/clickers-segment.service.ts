import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { SegmentDto, SegmentGroup } from '@mini-crm/contracts';
import type { AuthUser } from '@mini-crm/api/core';
import { SegmentsService } from '@mini-crm/api/segments';
import { CampaignEngagementRepository } from './campaign-engagement.repository';
import { clickersSegmentName, numberedName } from './clickers-segment-name.util';

/** Default names tried before giving up with 409 (`name (2)` … `name (50)`). */
const MAX_NAME_TRIES = 50;
/** campaign_links.id is a Postgres integer. */
const MAX_LINK_ID = 2_147_483_647;

/** Saved segments of the people who clicked a campaign's tracked link. */
@Injectable()
export class ClickersSegmentService {
  constructor(
    private readonly repo: CampaignEngagementRepository,
    private readonly segments: SegmentsService,
  ) {}

  /**
   * Creates a segment whose rule is `campaign_engagement clicked <campaign> linkId=<link>` (human clicks).
   * A given name must be free (409 otherwise); the default name is made unique with a number.
   */
  async create(campaignId: string, linkId: number, name: string | undefined, actor: AuthUser): Promise<SegmentDto> {
    const link = linkId >= 1 && linkId <= MAX_LINK_ID ? await this.repo.findLink(campaignId, linkId) : null;
    if (!link) throw new NotFoundException(`Campaign ${campaignId} has no tracked link ${linkId}`);
    const rules: SegmentGroup = {
      op: 'and',
      rules: [{ field: 'campaign_engagement', operator: 'clicked', value: campaignId, linkId }],
    };
    const description = `People who clicked ${link.url} in campaign "${link.campaignName}" (human clicks only).`.slice(
      0,
      1000,
    );
    const chosen = name?.trim();
    if (chosen) return this.segments.create({ name: chosen, description, rules }, actor);
    const base = clickersSegmentName(link.url, link.campaignName);
    for (let n = 1; ; n++) {
      try {
        return await this.segments.create({ name: numberedName(base, n), description, rules }, actor);
      } catch (e) {
        if (!(e instanceof ConflictException) || n >= MAX_NAME_TRIES) throw e;
      }
    }
  }
}

import { Injectable } from '@nestjs/common';
import { StreamTargetGuard } from '@mini-crm/api/core';
import { CampaignsService } from '../campaigns.service';

/** 400/404 for the stats stream of a malformed or unknown campaign id, before the stream opens. */
@Injectable()
export class CampaignStreamTargetGuard extends StreamTargetGuard {
  constructor(private readonly campaigns: CampaignsService) {
    super();
  }

  protected ensureExists(id: string) {
    return this.campaigns.get(id);
  }
}

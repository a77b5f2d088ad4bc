import { Injectable } from '@nestjs/common';
import type { CampaignChannel } from '@mini-crm/contracts';
import type { Tx } from '@mini-crm/db';
import { SuppressionService } from '@mini-crm/api/customers';
import { MessagesRepository } from './messages.repository';

const PAGE = 5000;

/** The failure reason of a message whose recipient is on the global suppression list. */
export const SUPPRESSED_REASON = 'suppressed';

/**
 * The audience snapshot's suppression check: queued messages whose recipient's hash is on the channel's
 * suppression list fail at once with reason `suppressed` (in the snapshot's transaction, so no send job
 * ever sees them). Nothing is read when the channel's list is empty.
 */
@Injectable()
export class SnapshotSuppressionService {
  constructor(
    private readonly messages: MessagesRepository,
    private readonly suppressions: SuppressionService,
  ) {}

  async apply(tx: Tx, campaignId: string, channel: CampaignChannel): Promise<number> {
    if (!(await this.suppressions.anyOn(channel, tx))) return 0;
    let after = 0;
    let failed = 0;
    for (;;) {
      const page = await this.messages.queuedRecipients(tx, campaignId, after, PAGE);
      if (page.length === 0) return failed;
      const listed = await this.suppressions.suppressedAmong(
        channel,
        page.map((m) => m.recipient),
        tx,
      );
      const hits = page.filter((m) => m.recipient !== null && listed.has(m.recipient));
      await this.messages.markFailed(
        hits.map((m) => ({ id: m.id, reason: SUPPRESSED_REASON })),
        tx,
      );
      failed += hits.length;
      after = page[page.length - 1].seq;
    }
  }
}

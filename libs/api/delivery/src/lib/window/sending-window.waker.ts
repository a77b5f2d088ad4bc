import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '@mini-crm/api/core';
import { MessagesRepository } from '@mini-crm/api/campaigns';
import { DeliveryQueueService } from '../queue/delivery-queue.service';

/**
 * Messages held for their sending window become due when it opens: the reconciler calls `wake`
 * every tick, which clears their `send_after` and dispatches their seq ranges. The hold lives in
 * the database, so it survives restarts and a Redis without persistence.
 */
@Injectable()
export class SendingWindowWaker {
  private readonly log = new Logger('SendingWindow');

  constructor(
    private readonly clock: Clock,
    private readonly messages: MessagesRepository,
    private readonly queues: DeliveryQueueService,
  ) {}

  /** Dispatches what became due; answers the number of campaigns woken. */
  async wake(): Promise<number> {
    const due = await this.messages.wakeDue(this.clock.now());
    for (const d of due) {
      this.log.log(`campaign ${d.campaignId}: sending window opened, dispatching seq ${d.min}..${d.max}`);
      await this.queues.dispatch(d.campaignId, d.channel, d.min, d.max);
    }
    return due.length;
  }
}

import { Injectable } from '@nestjs/common';
import { Clock } from '@mini-crm/api/core';
import type { CampaignDeliveryState, QueuedMessageRow } from '@mini-crm/api/campaigns';
import type { SendingWindow } from '@mini-crm/contracts';
import { SendingSettingsService } from './sending-settings.service';
import { recipientZone } from './recipient-zone.util';
import { nextWindowOpening } from './window-time.util';

export interface GateResult {
  /** Rows whose recipient's window is open now: send them. */
  due: QueuedMessageRow[];
  /** Rows to hold until their window opens. */
  deferred: Array<{ id: string; at: Date }>;
}

/** Splits a send job's rows by the campaign's sending window in each recipient's time zone. */
@Injectable()
export class SendingWindowGate {
  constructor(
    private readonly settings: SendingSettingsService,
    private readonly clock: Clock,
  ) {}

  /** The window the campaign sends in, or null when it may send at any time. */
  async windowFor(
    state: Pick<CampaignDeliveryState, 'channel' | 'sendingWindow' | 'sendAnyTime'>,
  ): Promise<SendingWindow | null> {
    if (state.sendAnyTime) return null;
    return this.settings.windowFor(state.channel, state.sendingWindow);
  }

  async split(rows: QueuedMessageRow[], window: SendingWindow | null): Promise<GateResult> {
    if (!window || !rows.length) return { due: rows, deferred: [] };
    const { timeZone } = await this.settings.effective();
    const now = this.clock.now();
    const due: QueuedMessageRow[] = [];
    const deferred: GateResult['deferred'] = [];
    // One answer per zone: a batch's recipients share a handful of zones.
    const opening = new Map<string, Date>();
    for (const row of rows) {
      const { zone } = recipientZone(
        {
          timezone: row['zone_tz'],
          country: row['zone_country'] as string | null,
          phone: row['zone_phone'] as string | null,
        },
        timeZone,
      );
      let at = opening.get(zone);
      if (!at) opening.set(zone, (at = nextWindowOpening(window, zone, now)));
      if (at.getTime() <= now.getTime()) due.push(row);
      else deferred.push({ id: row.id, at });
    }
    return { due, deferred };
  }
}

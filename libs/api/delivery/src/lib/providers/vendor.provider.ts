import type { CampaignChannel } from '@mini-crm/contracts';
import type { VendorMessageRequest } from '@mini-crm/vendor-protocol';
import type { DeliveryConfig } from '../delivery.config';
import type { VendorClient } from '../vendor/vendor.client';
import type { ChannelProvider, ConnectionCheck, OutboundMessage, SendOutcome } from './channel-provider';

/** The messaging vendor (tools/vendor-stub in development and benchmarks) as one channel's provider. */
export class VendorProvider implements ChannelProvider {
  readonly name = 'vendor';

  constructor(
    readonly channel: CampaignChannel,
    private readonly client: VendorClient,
    private readonly config: Pick<DeliveryConfig, 'vendorUrl' | 'vendorTimeoutMs'>,
  ) {}

  get ready(): boolean {
    return !!this.config.vendorUrl;
  }

  async send(message: OutboundMessage): Promise<SendOutcome> {
    return (await this.sendBatch([message]))[0];
  }

  async sendBatch(messages: OutboundMessage[]): Promise<SendOutcome[]> {
    const results = await this.client.sendBatch(messages.map(toVendorRequest));
    return results.map((r) =>
      r.status === 'accepted'
        ? { status: 'accepted', providerMessageId: r.vendorMessageId }
        : { status: 'rejected', kind: 'permanent', reason: r.reason || 'rejected' },
    );
  }

  async check(): Promise<ConnectionCheck> {
    if (!this.config.vendorUrl) return { ok: false, detail: 'VENDOR_URL is not set' };
    try {
      const res = await fetch(`${this.config.vendorUrl}/v1/health`, {
        signal: AbortSignal.timeout(this.config.vendorTimeoutMs),
      });
      return res.ok
        ? { ok: true, detail: `vendor at ${new URL(this.config.vendorUrl).host} answered ${res.status}` }
        : { ok: false, detail: `vendor answered ${res.status}` };
    } catch (e) {
      return { ok: false, detail: `vendor unreachable: ${(e as Error).message}` };
    }
  }
}

function toVendorRequest(m: OutboundMessage): VendorMessageRequest {
  return {
    idempotencyKey: m.id,
    channel: m.channel,
    to: m.to,
    body: m.body,
    ...(m.subject ? { subject: m.subject } : {}),
    ...(m.listUnsubscribe ? { listUnsubscribe: m.listUnsubscribe } : {}),
  };
}

import type { CampaignChannel } from '@mini-crm/contracts';

/** Nobody the segment matches can receive on the channel (unsubscribed, or no phone/email). */
export class NoReachableAudienceError extends Error {
  constructor(
    readonly channel: CampaignChannel,
    readonly matched: number,
  ) {
    const via = channel === 'sms' ? 'SMS' : 'email';
    const contact = channel === 'sms' ? 'a phone number' : 'an email address';
    super(
      matched === 0
        ? `Nobody can receive this campaign: the segment matches no customers. Change the segment before launching.`
        : `Nobody can receive this campaign by ${via}: the segment matches ${matched} customer${matched === 1 ? '' : 's'}, but none is subscribed with ${contact}. Change the segment or the channel.`,
    );
  }
}

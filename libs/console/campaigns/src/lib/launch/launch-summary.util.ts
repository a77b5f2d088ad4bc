import type { CampaignChannel, CampaignPreviewDto } from '@mini-crm/contracts';

/** "366 SMS" / "1 email" / "12 emails". */
export function messagesLabel(n: number, channel: CampaignChannel): string {
  const count = n.toLocaleString('en-IN');
  if (channel === 'sms') return `${count} SMS`;
  return `${count} email${n === 1 ? '' : 's'}`;
}

/** The question the launch confirmation asks: "Send 366 SMS to Pune buyers now?" */
export function launchQuestion(
  preview: Pick<CampaignPreviewDto, 'audience' | 'channel'>,
  audienceName: string,
  when: string | null,
): string {
  const what = `${messagesLabel(preview.audience, preview.channel)} to ${audienceName}`;
  return when ? `Schedule ${what} for ${when}?` : `Send ${what} now?`;
}

/** Why some of the segment cannot receive on the channel. */
export function suppressedReason(channel: CampaignChannel): string {
  return channel === 'sms' ? 'unsubscribed from SMS or no phone number' : 'unsubscribed from email or no address';
}

import type { CampaignChannel, CampaignPreviewDto } from '@mini-crm/contracts';
import { countOf, formatCount } from '@mini-crm/console/ui/util';

/** "366 SMS" / "1 email" / "12 emails", grouped the workspace locale's way. */
export function messagesLabel(n: number, channel: CampaignChannel): string {
  return channel === 'sms' ? `${formatCount(n)} SMS` : countOf(n, 'email');
}

/** The wizard's audience line: "24 recipients · 2 suppressed", "1 recipient · 1 suppressed", "1 recipient". */
export function audienceLine(audience: number, suppressed: number): string {
  const reach = countOf(audience, 'recipient');
  return suppressed ? `${reach} · ${formatCount(suppressed)} suppressed` : reach;
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

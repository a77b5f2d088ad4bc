import type { CampaignChannel } from '@mini-crm/contracts';

/**
 * The start-up warning about a missing VENDOR_URL, or null when no channel needs it: only channels
 * sent through the vendor do (SMTP and Twilio never call it).
 */
export function missingVendorWarning(
  vendorUrl: string | undefined,
  providerOf: (channel: CampaignChannel) => string,
  channels: readonly CampaignChannel[],
): string | null {
  const onVendor = channels.filter((c) => providerOf(c) === 'vendor');
  if (vendorUrl || !onVendor.length) return null;
  return `VENDOR_URL is not set: ${onVendor.join(' and ')} campaigns cannot be launched until it is`;
}

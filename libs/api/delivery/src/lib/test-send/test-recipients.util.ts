import { BadRequestException } from '@nestjs/common';
import type { CountryCode } from 'libphonenumber-js/min';
import type { CampaignChannel } from '@mini-crm/contracts';
import { normalizeEmail, normalizePhone } from '@mini-crm/customer-data';

/**
 * The typed recipients of a test send, normalized (lower-cased address, E.164 number) and deduplicated;
 * 400 with one detail per bad entry (`to[2]`).
 */
export function testRecipients(channel: CampaignChannel, to: readonly string[], country: string): string[] {
  const details: Array<{ path: string; message: string }> = [];
  const out: string[] = [];
  to.forEach((raw, i) => {
    const n = channel === 'email' ? normalizeEmail(raw) : normalizePhone(raw, country as CountryCode);
    if (!n.ok)
      details.push({
        path: `to[${i}]`,
        message: `${raw.trim() || '(empty)'} is not ${channel === 'email' ? 'an email address' : 'a phone number'} (${n.reason})`,
      });
    else if (!out.includes(n.value)) out.push(n.value);
  });
  if (details.length) throw new BadRequestException({ message: details[0].message, details });
  return out;
}

import { BadRequestException } from '@nestjs/common';
import type { CampaignChannel } from '@mini-crm/contracts';
import { tokenNames } from '@mini-crm/message-text';
import { isCampaignToken } from './template/message-tokens.util';

/** 400 naming every unknown token (and where it is), or a missing email subject. */
export function assertCampaignContent(c: { channel: CampaignChannel; message: string; subject?: string | null }): void {
  const details: Array<{ path: string; message: string }> = [];
  for (const [path, text] of [
    ['message', c.message],
    ['subject', c.channel === 'email' ? c.subject : null],
  ] as const) {
    if (!text) continue;
    for (const name of tokenNames(text)) {
      if (!isCampaignToken(name)) details.push({ path, message: `unknown token {{${name}}}` });
    }
  }
  if (c.channel === 'email' && !c.subject?.trim())
    details.push({ path: 'subject', message: 'subject is required for email' });
  if (details.length) {
    const unknown = details
      .filter((d) => d.message.startsWith('unknown token'))
      .map((d) => d.message.slice('unknown token '.length));
    const message = unknown.length
      ? `Unknown token${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}`
      : details[0].message;
    throw new BadRequestException({ message, details });
  }
}

import { BadRequestException } from '@nestjs/common';
import type { CampaignChannel } from '@mini-crm/contracts';
import { tokenNames } from '@mini-crm/message-text';
import { isCampaignToken } from './template/message-tokens.util';

type Content = { channel: CampaignChannel; message: string; subject?: string | null };

/**
 * 400 naming every unknown token (and where it is). With `complete` (launching), also a missing
 * message or email subject: a draft may be saved half-written, a launch may not.
 */
export function assertCampaignContent(c: Content, opts: { complete: boolean } = { complete: false }): void {
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
  if (opts.complete && !c.message.trim())
    details.push({ path: 'message', message: 'write a message before launching' });
  if (opts.complete && c.channel === 'email' && !c.subject?.trim())
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

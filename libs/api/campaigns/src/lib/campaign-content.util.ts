import { BadRequestException } from '@nestjs/common';
import { SMS_MESSAGE_MAX, type CampaignChannel } from '@mini-crm/contracts';
import { tokenNames, UNSUBSCRIBE_TOKEN } from '@mini-crm/message-text';
import { sanitizeEmailHtml } from './template/email-html.util';
import { isCampaignToken } from './template/message-tokens.util';

type Content = { channel: CampaignChannel; message: string; subject?: string | null; preheader?: string | null };

/**
 * 400 naming every unknown token (and where it is). With `complete` (launching), also a missing
 * message or email subject: a draft may be saved half-written, a launch may not. An email body may
 * place `{{unsubscribe_url}}`; an SMS is at most SMS_MESSAGE_MAX characters (an email body may be longer).
 */
export function assertCampaignContent(c: Content, opts: { complete: boolean } = { complete: false }): void {
  const details: Array<{ path: string; message: string }> = [];
  const email = c.channel === 'email';
  for (const [path, text] of [
    ['message', c.message],
    ['subject', email ? c.subject : null],
    ['preheader', email ? c.preheader : null],
  ] as const) {
    if (!text) continue;
    for (const name of tokenNames(text)) {
      if (isCampaignToken(name) || (email && path === 'message' && name === UNSUBSCRIBE_TOKEN)) continue;
      details.push({ path, message: `unknown token {{${name}}}` });
    }
  }
  if (!email && c.message.length > SMS_MESSAGE_MAX)
    details.push({
      path: 'message',
      message: `An SMS is ${SMS_MESSAGE_MAX.toLocaleString('en')} characters at most (this one has ${c.message.length.toLocaleString('en')})`,
    });
  if (opts.complete && !c.message.trim())
    details.push({ path: 'message', message: 'write a message before launching' });
  if (opts.complete && email && !c.subject?.trim())
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

/** The body as stored: an email's HTML sanitized (scripts, handlers, javascript: URLs removed), an SMS as written. */
export function storedMessage(channel: CampaignChannel, message: string): string {
  return channel === 'email' ? sanitizeEmailHtml(message) : message;
}

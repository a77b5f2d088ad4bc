import { Injectable } from '@nestjs/common';
import type { CampaignChannel } from '@mini-crm/contracts';
import { ConsentService } from '@mini-crm/api/customers';
import { type CompiledTemplate, compileTemplate, escapeHtml, renderTemplate } from '@mini-crm/message-text';
import { tokenValues } from './token-columns.util';

export interface PreparedCampaign {
  id: string;
  channel: CampaignChannel;
  /** Tokens of message and subject together: the t0…tn columns a batch query selects. */
  tokens: string[];
  message: CompiledTemplate;
  subject: CompiledTemplate | null;
}

export interface RenderedMessage {
  body: string;
  subject?: string;
  /** `List-Unsubscribe` header value (email). */
  listUnsubscribe?: string;
}

/** Personalization: templates compiled once per campaign, then filled per recipient. */
@Injectable()
export class CampaignRendererService {
  constructor(private readonly consent: ConsentService) {}

  prepare(c: { id: string; channel: CampaignChannel; message: string; subject?: string | null }): PreparedCampaign {
    const message = compileTemplate(c.message);
    const subject = c.channel === 'email' && c.subject ? compileTemplate(c.subject) : null;
    const tokens = [...new Set([...message.tokens, ...(subject?.tokens ?? [])])];
    return { id: c.id, channel: c.channel, tokens, message, subject };
  }

  /** `row` carries t0…tn token columns (see tokenSelectList) and the customer id. */
  render(p: PreparedCampaign, row: Record<string, unknown> & { customer_id: string }): RenderedMessage {
    const values = tokenValues(p.tokens, row);
    if (p.channel === 'sms') return { body: renderTemplate(p.message, values, false) };
    const url = this.consent.unsubscribeUrl(this.consent.unsubscribeToken(row.customer_id, 'email', p.id));
    const body = `${renderTemplate(p.message, values, true)}\n<p style="font-size:12px;color:#666"><a href="${escapeHtml(url)}">Unsubscribe</a></p>`;
    // A subject is a header: one line of plain text.
    const subject = p.subject
      ? renderTemplate(p.subject, values, false)
          .replace(/[\r\n]+/g, ' ')
          .trim()
      : undefined;
    return { body, subject: subject || undefined, listUnsubscribe: `<${url}>` };
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { fieldByName, type CampaignChannel } from '@mini-crm/contracts';
import { APP_CONFIG, type AppConfig } from '@mini-crm/api/core';
import { ConsentService } from '@mini-crm/api/customers';
import {
  type CompiledTemplate,
  compileTemplate,
  createValueDisplay,
  type DisplayKind,
  escapeHtml,
  renderTemplate,
  type ValueDisplay,
} from '@mini-crm/message-text';
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
  /** Amounts, counts and dates as people read them (DEFAULT_CURRENCY, DEFAULT_LOCALE); `{{x|raw}}` opts out. */
  private readonly display: ValueDisplay;

  constructor(
    private readonly consent: ConsentService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.display = createValueDisplay(
      { locale: config.defaults.locale, currency: config.defaults.currency },
      displayKindOf,
    );
  }

  prepare(c: { id: string; channel: CampaignChannel; message: string; subject?: string | null }): PreparedCampaign {
    const message = compileTemplate(c.message);
    const subject = c.channel === 'email' && c.subject ? compileTemplate(c.subject) : null;
    const tokens = [...new Set([...message.tokens, ...(subject?.tokens ?? [])])];
    return { id: c.id, channel: c.channel, tokens, message, subject };
  }

  /** `row` carries t0…tn token columns (see tokenSelectList) and the customer id. */
  render(p: PreparedCampaign, row: Record<string, unknown> & { customer_id: string }): RenderedMessage {
    const values = tokenValues(p.tokens, row);
    if (p.channel === 'sms') return { body: renderTemplate(p.message, values, false, this.display) };
    const url = this.consent.unsubscribeUrl(this.consent.unsubscribeToken(row.customer_id, 'email', p.id));
    const body = `${renderTemplate(p.message, values, true, this.display)}\n<p style="font-size:12px;color:#666"><a href="${escapeHtml(url)}">Unsubscribe</a></p>`;
    // A subject is a header: one line of plain text.
    const subject = p.subject
      ? renderTemplate(p.subject, values, false, this.display)
          .replace(/[\r\n]+/g, ' ')
          .trim()
      : undefined;
    return { body, subject: subject || undefined, listUnsubscribe: `<${url}>` };
  }
}

/** Registry type → display kind; attribute tokens (free-form JSON values) stay as stored. */
function displayKindOf(name: string): DisplayKind {
  const type = fieldByName(name)?.type;
  return type === 'currency' || type === 'number' || type === 'date' ? type : 'text';
}

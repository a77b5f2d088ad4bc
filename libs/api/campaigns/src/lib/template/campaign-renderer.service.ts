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
  tokenNames,
  UNSUBSCRIBE_TOKEN,
  type ValueDisplay,
} from '@mini-crm/message-text';
import { markLinks } from '../links/link-extract.util';
import { TrackingCodesService } from '../links/tracking-codes.service';
import { tokenValues } from './token-columns.util';

export interface PreparedCampaign {
  id: string;
  channel: CampaignChannel;
  /** Tokens of message, subject and preheader together: the t0…tn columns a batch query selects. */
  tokens: string[];
  message: CompiledTemplate;
  subject: CompiledTemplate | null;
  /** Email preview text (shared by every variant). */
  preheader: CompiledTemplate | null;
  /** The email body places `{{unsubscribe_url}}` itself (else a footer link is appended). */
  placesUnsubscribe: boolean;
  /** campaign_links ids of the tracked URLs, by the index marked into `message`. */
  linkIds: number[];
  /** Whether rendered messages carry tracking (real sends; previews render the links as written). */
  tracked: boolean;
  /** Per variant key, its compiled message and subject (campaigns with variants); a row's `variant` picks one. */
  variants?: Record<
    string,
    { message: CompiledTemplate; subject: CompiledTemplate | null; placesUnsubscribe: boolean }
  >;
}

export interface RenderedMessage {
  body: string;
  subject?: string;
  /** Email preview text, plain (the provider hides it before the body). */
  preheader?: string;
  /** `List-Unsubscribe` header value (email). */
  listUnsubscribe?: string;
}

/**
 * Marks a tracked URL in the compiled template. Control characters never come from customer data
 * in an email (values are escaped, and this one would be kept), nor from our normalizers.
 */
const MARK = '\u0001';
const MARKED = new RegExp(`${MARK}(\\d+)${MARK}`, 'g');

/** Personalization: templates compiled once per campaign, then filled per recipient. */
@Injectable()
export class CampaignRendererService {
  /** Amounts, counts and dates as people read them (DEFAULT_CURRENCY, DEFAULT_LOCALE); `{{x|raw}}` opts out. */
  private readonly display: ValueDisplay;

  constructor(
    private readonly consent: ConsentService,
    private readonly codes: TrackingCodesService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.display = createValueDisplay(
      { locale: config.defaults.locale, currency: config.defaults.currency },
      displayKindOf,
    );
  }

  /**
   * `links` are the campaign's tracked links (campaign_links, recorded at launch): each of them in
   * the message becomes a per-recipient tracked URL and an email gets the open pixel. Without
   * `links` (previews) the message renders as written.
   */
  prepare(
    c: {
      id: string;
      channel: CampaignChannel;
      message: string;
      subject?: string | null;
      preheader?: string | null;
      variants?: unknown;
    },
    links?: readonly { id: number; url: string }[],
  ): PreparedCampaign {
    const tracked = links !== undefined;
    const compile = (text: string, subjectText: string | null | undefined) => ({
      placesUnsubscribe: c.channel === 'email' && tokenNames(text).includes(UNSUBSCRIBE_TOKEN),
      message: compileTemplate(
        links?.length
          ? markLinks(
              c.channel,
              text,
              links.map((l) => l.url),
              (i) => `${MARK}${i}${MARK}`,
            )
          : text,
      ),
      subject: c.channel === 'email' && subjectText ? compileTemplate(subjectText) : null,
    });
    const { message, subject, placesUnsubscribe } = compile(c.message, c.subject);
    const preheader = c.channel === 'email' && c.preheader ? compileTemplate(c.preheader) : null;
    const list = Array.isArray(c.variants)
      ? (c.variants as Array<{ key: string; message: string; subject?: string | null }>)
      : [];
    const variants = list.length
      ? Object.fromEntries(list.map((v) => [v.key, compile(v.message, v.subject)]))
      : undefined;
    const all = [{ message, subject }, ...Object.values(variants ?? {})];
    // {{unsubscribe_url}} is filled per recipient here, not read from the customer row.
    const tokens = [
      ...new Set(
        all.flatMap((t) => [...t.message.tokens, ...(t.subject?.tokens ?? [])]).concat(preheader?.tokens ?? []),
      ),
    ].filter((t) => t !== UNSUBSCRIBE_TOKEN);
    return {
      id: c.id,
      channel: c.channel,
      tokens,
      message,
      subject,
      preheader,
      placesUnsubscribe,
      linkIds: links?.map((l) => l.id) ?? [],
      tracked,
      ...(variants ? { variants } : {}),
    };
  }

  /**
   * `row` carries t0…tn token columns (see tokenSelectList), the customer id and (for tracking) the message id.
   * `test` (test sends): the unsubscribe link leads nowhere and there is no List-Unsubscribe header, so a
   * colleague's click cannot unsubscribe the sample customer the message was rendered for.
   */
  render(
    prepared: PreparedCampaign,
    row: Record<string, unknown> & { customer_id: string; id?: string },
    opts: { test?: boolean } = {},
  ): RenderedMessage {
    const variant = typeof row['variant'] === 'string' ? prepared.variants?.[row['variant']] : undefined;
    const p = variant ? { ...prepared, ...variant } : prepared;
    const values = tokenValues(p.tokens, row);
    const messageId = p.tracked ? row.id : undefined;
    const track = (text: string) =>
      messageId && p.linkIds.length
        ? text.replace(MARKED, (_, i: string) => {
            const linkId = p.linkIds[Number(i)];
            return linkId === undefined ? '' : this.codes.clickUrl(messageId, linkId);
          })
        : text;
    if (p.channel === 'sms') return { body: track(renderTemplate(p.message, values, false, this.display)) };
    const url = opts.test
      ? this.consent.unsubscribeUrl('test-message')
      : this.consent.unsubscribeUrl(this.consent.unsubscribeToken(row.customer_id, 'email', p.id));
    const pixel = messageId
      ? `<img src="${escapeHtml(this.codes.openUrl(messageId))}" width="1" height="1" alt="" style="display:block;border:0;width:1px;height:1px">`
      : '';
    const footer = p.placesUnsubscribe
      ? ''
      : `\n<p style="font-size:12px;color:#666"><a href="${escapeHtml(url)}">Unsubscribe</a></p>`;
    const bodyValues = p.placesUnsubscribe ? { ...values, [UNSUBSCRIBE_TOKEN]: url } : values;
    const body = `${track(renderTemplate(p.message, bodyValues, true, this.display))}${footer}${pixel}`;
    const subject = p.subject ? oneLine(renderTemplate(p.subject, values, false, this.display)) : undefined;
    const preheader = p.preheader ? oneLine(renderTemplate(p.preheader, values, false, this.display)) : undefined;
    return {
      body,
      subject: subject || undefined,
      ...(preheader ? { preheader } : {}),
      ...(opts.test ? {} : { listUnsubscribe: `<${url}>` }),
    };
  }
}

/** A subject or preheader is header-like: one line of plain text. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').trim();
}

/** Registry type → display kind; attribute tokens (free-form JSON values) stay as stored. */
function displayKindOf(name: string): DisplayKind {
  const type = fieldByName(name)?.type;
  return type === 'currency' || type === 'number' || type === 'date' ? type : 'text';
}

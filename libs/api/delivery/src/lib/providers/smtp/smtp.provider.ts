import { createTransport } from 'nodemailer';
import { emailDocument } from '@mini-crm/message-text';
import type { ChannelsConfig } from '../../channels.config';
import type { ChannelProvider, ConnectionCheck, OutboundMessage, SendOutcome } from '../channel-provider';
import { senderDomain, textPart } from './email-parts.util';
import { smtpOutcome } from './smtp-outcome.util';

/** Header carrying our message id, for correlating bounces and replies whatever the relay does to Message-ID. */
export const MESSAGE_ID_HEADER = 'X-Mini-CRM-Message-Id';

/**
 * Email through any SMTP server (SES, SendGrid, Mailgun, Postmark, a local relay) over pooled
 * connections. Each message is multipart/alternative with one-click unsubscribe headers (RFC 8058).
 */
export class SmtpProvider implements ChannelProvider {
  readonly name = 'smtp';
  readonly channel = 'email' as const;
  readonly ready = true;
  readonly rateLimit?: number;
  private readonly transport;
  private readonly domain: string;

  constructor(
    private readonly config: Pick<ChannelsConfig, 'emailFrom' | 'emailReplyTo' | 'unsubscribeMailto' | 'smtp'>,
  ) {
    const smtp = config.smtp;
    this.rateLimit = smtp.rateLimit || undefined;
    this.domain = senderDomain(config.emailFrom ?? '');
    this.transport = createTransport({
      pool: true,
      url: smtp.url,
      maxConnections: smtp.maxConnections,
      maxMessages: Infinity,
      // A message whose connection dropped mid-send comes back to us as `retry`, not resent blindly.
      maxRequeues: 0,
      connectionTimeout: smtp.timeoutMs,
      greetingTimeout: smtp.timeoutMs,
      socketTimeout: smtp.timeoutMs,
      tls: { rejectUnauthorized: smtp.tlsRejectUnauthorized },
      ...(smtp.dkim ? { dkim: smtp.dkim } : {}),
    });
  }

  async send(m: OutboundMessage): Promise<SendOutcome> {
    const messageId = `<${m.id}@${this.domain}>`;
    const unsubscribe = [
      m.listUnsubscribe,
      this.config.unsubscribeMailto && `<mailto:${this.config.unsubscribeMailto}?subject=unsubscribe>`,
    ]
      .filter(Boolean)
      .join(', ');
    // The whole document: UTF-8, viewport, the preheader as hidden preview text, then the body.
    const html = emailDocument(m.body, { subject: m.subject, preheader: m.preheader });
    try {
      await this.transport.sendMail({
        from: this.config.emailFrom,
        ...(this.config.emailReplyTo ? { replyTo: this.config.emailReplyTo } : {}),
        to: m.to,
        subject: m.subject ?? '',
        html,
        text: textPart(html),
        messageId,
        headers: {
          [MESSAGE_ID_HEADER]: m.id,
          ...(unsubscribe ? { 'List-Unsubscribe': unsubscribe } : {}),
          ...(m.listUnsubscribe ? { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {}),
        },
      });
      return { status: 'accepted', providerMessageId: messageId };
    } catch (e) {
      return smtpOutcome(e as { code?: string; responseCode?: number; permanent?: boolean });
    }
  }

  /** The pool spreads the batch over its connections. */
  sendBatch(messages: OutboundMessage[]): Promise<SendOutcome[]> {
    return Promise.all(messages.map((m) => this.send(m)));
  }

  async check(): Promise<ConnectionCheck> {
    const host = this.config.smtp.url ? new URL(this.config.smtp.url).host : '?';
    try {
      await this.transport.verify();
      return { ok: true, detail: `SMTP server ${host} accepted the connection and the credentials` };
    } catch (e) {
      const err = e as { code?: string; responseCode?: number };
      return { ok: false, detail: `SMTP server ${host}: ${err.responseCode ?? err.code ?? 'error'} ${safeMessage(e)}` };
    }
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}

/** Error text without anything that looks like credentials. */
function safeMessage(e: unknown): string {
  return String((e as Error).message ?? e)
    .replace(/\/\/[^@\s]*@/g, '//')
    .slice(0, 200);
}

import { AppConfig, ConfigError, readBool, readEnum, readInt, readString, readUrl } from '@mini-crm/api/core';
import { TEST_SEND_MAX_RECIPIENTS } from '@mini-crm/contracts';

export const EMAIL_PROVIDERS = ['vendor', 'smtp'] as const;
export const SMS_PROVIDERS = ['vendor', 'twilio'] as const;
export type EmailProviderName = (typeof EMAIL_PROVIDERS)[number];
export type SmsProviderName = (typeof SMS_PROVIDERS)[number];

export interface SmtpConfig {
  /** smtp://user:pass@host:587 or smtps://…:465; holds the password: never logged or shown. */
  url?: string;
  /** Pooled connections kept open to the server. */
  maxConnections: number;
  /** Refuse servers whose TLS certificate does not verify (off only for a local relay). */
  tlsRejectUnauthorized: boolean;
  timeoutMs: number;
  /** Messages per second the server allows (0: no limit beyond DELIVERY_RATE_LIMIT_EMAIL). */
  rateLimit: number;
  dkim?: { domainName: string; keySelector: string; privateKey: string };
}

export interface TwilioConfig {
  accountSid?: string;
  /** Secret: signs status callbacks and authenticates API calls; never logged or shown. */
  authToken?: string;
  from?: string;
  messagingServiceSid?: string;
  /** Twilio's REST API origin; set only to reach a regional edge or a local Twilio-shaped server. */
  apiUrl?: string;
  rateLimit: number;
}

export interface ChannelsConfig {
  email: EmailProviderName;
  sms: SmsProviderName;
  /** `"Name" <address>` or a bare address. */
  emailFrom?: string;
  emailReplyTo?: string;
  /** Mailbox that also takes unsubscribe requests (List-Unsubscribe mailto), when set. */
  unsubscribeMailto?: string;
  smtp: SmtpConfig;
  twilio: TwilioConfig;
  /** SendGrid Event Webhook verification key (base64 DER, as SendGrid shows it); the events route refuses all without it. */
  sendgridPublicKey?: string;
  /** Soft bounces (deferred, blocked) of one address before it is suppressed like a hard bounce. */
  softBounceLimit: number;
  /** Test messages one user or API key may send an hour (TEST_SEND_LIMIT_PER_HOUR). */
  testSendsPerHour: number;
}

export const CHANNELS_CONFIG = Symbol('CHANNELS_CONFIG');

/** Reads EMAIL_PROVIDER, SMS_PROVIDER and their settings; a chosen provider missing a setting stops the start. */
export function loadChannelsConfig(config: Pick<AppConfig, 'env'>): ChannelsConfig {
  const env = config.env;
  const email = readEnum(env, 'EMAIL_PROVIDER', EMAIL_PROVIDERS, 'vendor');
  const sms = readEnum(env, 'SMS_PROVIDER', SMS_PROVIDERS, 'vendor');
  const dkimKey = readString(env, 'SMTP_DKIM_PRIVATE_KEY');
  const smtp: SmtpConfig = {
    url: readUrl(env, 'SMTP_URL', undefined, ['smtp:', 'smtps:']),
    maxConnections: readInt(env, 'SMTP_POOL_SIZE', 5, 1, 100),
    tlsRejectUnauthorized: readBool(env, 'SMTP_TLS_REJECT_UNAUTHORIZED', true),
    timeoutMs: readInt(env, 'SMTP_TIMEOUT_MS', 30_000, 100, 600_000),
    rateLimit: readInt(env, 'SMTP_RATE_LIMIT', 0, 0, 1_000_000),
    ...(dkimKey
      ? {
          dkim: {
            domainName: required(env, 'SMTP_DKIM_DOMAIN', 'SMTP_DKIM_PRIVATE_KEY'),
            keySelector: required(env, 'SMTP_DKIM_SELECTOR', 'SMTP_DKIM_PRIVATE_KEY'),
            privateKey: dkimKey.replace(/\\n/g, '\n'),
          },
        }
      : {}),
  };
  const twilio: TwilioConfig = {
    accountSid: readString(env, 'TWILIO_ACCOUNT_SID'),
    authToken: readString(env, 'TWILIO_AUTH_TOKEN'),
    from: readString(env, 'TWILIO_FROM'),
    messagingServiceSid: readString(env, 'TWILIO_MESSAGING_SERVICE_SID'),
    apiUrl: readUrl(env, 'TWILIO_API_URL')?.replace(/\/+$/, ''),
    rateLimit: readInt(env, 'TWILIO_RATE_LIMIT', 0, 0, 1_000_000),
  };
  const emailFrom = readString(env, 'EMAIL_FROM');
  if (email === 'smtp') {
    if (!smtp.url) throw new ConfigError('SMTP_URL is required when EMAIL_PROVIDER=smtp');
    if (!emailFrom) throw new ConfigError('EMAIL_FROM is required when EMAIL_PROVIDER=smtp');
  }
  if (sms === 'twilio') {
    if (!twilio.accountSid || !twilio.authToken)
      throw new ConfigError('TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN are required when SMS_PROVIDER=twilio');
    if (!twilio.from && !twilio.messagingServiceSid)
      throw new ConfigError('TWILIO_FROM or TWILIO_MESSAGING_SERVICE_SID is required when SMS_PROVIDER=twilio');
  }
  return {
    email,
    sms,
    emailFrom,
    emailReplyTo: readString(env, 'EMAIL_REPLY_TO'),
    unsubscribeMailto: readString(env, 'EMAIL_UNSUBSCRIBE_MAILTO'),
    smtp,
    twilio,
    sendgridPublicKey: readString(env, 'SENDGRID_WEBHOOK_PUBLIC_KEY'),
    softBounceLimit: readInt(env, 'EMAIL_SOFT_BOUNCE_LIMIT', 3, 1, 1000),
    testSendsPerHour: readInt(env, 'TEST_SEND_LIMIT_PER_HOUR', 30, TEST_SEND_MAX_RECIPIENTS, 10_000),
  };
}

function required(env: AppConfig['env'], name: string, because: string): string {
  const v = readString(env, name);
  if (!v) throw new ConfigError(`${name} is required when ${because} is set`);
  return v;
}

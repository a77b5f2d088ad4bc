import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import type { TwilioConfig } from '../../channels.config';
import type { ChannelProvider, ConnectionCheck, OutboundMessage, SendOutcome } from '../channel-provider';
import { twilioOutcome } from './twilio-outcome.util';

type RequestOptions<TData> = RequestClient.RequestOptions<TData>;

/** Path of the status callback webhook; Twilio calls it with our message id in the query. */
export const TWILIO_STATUS_PATH = '/api/delivery/twilio/status';
export const TWILIO_INBOUND_PATH = '/api/delivery/twilio/inbound';
const TWILIO_API = 'https://api.twilio.com';

/**
 * The SDK's HTTP client, sending to TWILIO_API_URL instead of api.twilio.com (a regional edge, or a
 * local Twilio-shaped server in tests); everything else is the SDK's own request path.
 */
class BaseUrlClient extends twilio.RequestClient {
  constructor(private readonly base: string) {
    super({ keepAlive: true });
  }

  override request<TData>(opts: RequestOptions<TData>) {
    const uri = new URL(opts.uri);
    return super.request<TData>({ ...opts, uri: `${this.base}${uri.pathname}${uri.search}` });
  }
}

/** SMS through Twilio's Messages API, one request per message (Twilio has no batch send). */
export class TwilioProvider implements ChannelProvider {
  readonly name = 'twilio';
  readonly channel = 'sms' as const;
  readonly ready = true;
  readonly rateLimit?: number;
  private readonly client: twilio.Twilio;

  constructor(
    private readonly config: TwilioConfig,
    private readonly publicUrl: string,
  ) {
    this.rateLimit = config.rateLimit || undefined;
    this.client = twilio(config.accountSid, config.authToken, {
      httpClient: config.apiUrl ? new BaseUrlClient(config.apiUrl) : new twilio.RequestClient({ keepAlive: true }),
    });
  }

  async send(m: OutboundMessage): Promise<SendOutcome> {
    try {
      const res = await this.client.messages.create({
        to: m.to,
        body: m.body,
        ...(this.config.messagingServiceSid
          ? { messagingServiceSid: this.config.messagingServiceSid }
          : { from: this.config.from }),
        statusCallback: `${this.publicUrl}${TWILIO_STATUS_PATH}?id=${m.id}`,
      });
      return { status: 'accepted', providerMessageId: res.sid };
    } catch (e) {
      return twilioOutcome(e as { status?: number; code?: number });
    }
  }

  sendBatch(messages: OutboundMessage[]): Promise<SendOutcome[]> {
    return Promise.all(messages.map((m) => this.send(m)));
  }

  async check(): Promise<ConnectionCheck> {
    const host = new URL(this.config.apiUrl ?? TWILIO_API).host;
    try {
      const account = await this.client.api.v2010.accounts(this.config.accountSid ?? '').fetch();
      return { ok: true, detail: `Twilio (${host}) account "${account.friendlyName}" is ${account.status}` };
    } catch (e) {
      const err = e as { status?: number; code?: number; message?: string };
      return {
        ok: false,
        detail: `Twilio (${host}) answered ${err.status ?? 'nothing'}${err.code ? ` (error ${err.code})` : ''}`,
      };
    }
  }
}

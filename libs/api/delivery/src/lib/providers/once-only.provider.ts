import type Redis from 'ioredis';
import { sendClaimKey } from '../queue/delivery-keys';
import type { ChannelProvider, ConnectionCheck, OutboundMessage, SendOutcome } from './channel-provider';

/** While a send is in flight; long enough for any SMTP or Twilio call to finish or time out. */
const IN_FLIGHT_SECONDS = 15 * 60;
/** After an answer: a job replayed before its UPDATE landed (crash, stall re-dispatch) does not send again. */
const ANSWERED_SECONDS = 24 * 3600;

/**
 * SMTP and Twilio take no idempotency key, so a message that two jobs hold at once (a stalled job
 * re-dispatched while the first still waits on a slow server) would go out twice. Each message is
 * claimed in Redis before it is handed over; a message another job holds answers `in_flight` and
 * is left to that job. A `retry` answer releases the claim so the job's next attempt may send it.
 */
export class OnceOnlyProvider implements ChannelProvider {
  constructor(
    private readonly inner: ChannelProvider,
    private readonly redis: Redis,
  ) {}

  get name() {
    return this.inner.name;
  }
  get channel() {
    return this.inner.channel;
  }
  get ready() {
    return this.inner.ready;
  }
  get rateLimit() {
    return this.inner.rateLimit;
  }

  async send(message: OutboundMessage): Promise<SendOutcome> {
    return (await this.sendBatch([message]))[0];
  }

  async sendBatch(messages: OutboundMessage[]): Promise<SendOutcome[]> {
    const claims = this.redis.pipeline();
    for (const m of messages) claims.set(sendClaimKey(m.id), '1', 'EX', IN_FLIGHT_SECONDS, 'NX');
    const claimed = ((await claims.exec()) ?? []).map(([err, ok]) => !err && ok === 'OK');
    const mine = messages.filter((_, i) => claimed[i]);
    let answers: SendOutcome[];
    try {
      answers = mine.length ? await this.inner.sendBatch(mine) : [];
    } catch (e) {
      await this.redis.del(...mine.map((m) => sendClaimKey(m.id))).catch(() => undefined);
      throw e;
    }
    const after = this.redis.pipeline();
    mine.forEach((m, i) => {
      if (answers[i].status === 'retry') after.del(sendClaimKey(m.id));
      else after.expire(sendClaimKey(m.id), ANSWERED_SECONDS);
    });
    await after.exec().catch(() => undefined);
    let k = 0;
    return messages.map((_, i) => (claimed[i] ? answers[k++] : { status: 'in_flight' }));
  }

  check(): Promise<ConnectionCheck> {
    return this.inner.check();
  }

  async close(): Promise<void> {
    await this.inner.close?.();
  }
}

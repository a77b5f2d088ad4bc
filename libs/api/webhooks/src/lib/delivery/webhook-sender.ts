import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { guardedLookup, hostOf, isPrivateAddress } from '../security/endpoint-address';

/** Bytes of an answer's body kept in the delivery log. */
export const RESPONSE_EXCERPT_BYTES = 1024;

export interface SendOutcome {
  ok: boolean;
  statusCode: number | null;
  durationMs: number;
  responseExcerpt: string | null;
  error: string | null;
}

export interface SignedRequest {
  url: string;
  messageId: string;
  body: string;
  /** Every secret that signs (the current one, plus a rotated-out one during its overlap). */
  secrets: string[];
  timeoutMs: number;
  allowPrivate: boolean;
  at?: Date;
}

/** Standard Webhooks headers: `webhook-signature` carries one `v1,<sig>` per secret, space-separated. */
export function signatureHeaders(messageId: string, at: Date, body: string, secrets: string[]): Record<string, string> {
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': secrets.map((s) => new Webhook(s).sign(messageId, at, body)).join(' '),
  };
}

/**
 * One POST of a signed message: no redirects followed, a time limit for the whole exchange, the
 * first 1 KB of the answer kept. The host's addresses are checked again here, after resolution.
 * Any 2xx is success; everything else (status, timeout, refused address) is a failure to retry.
 */
export function sendSigned(req: SignedRequest): Promise<SendOutcome> {
  const started = Date.now();
  const done = (o: Omit<SendOutcome, 'durationMs'>): SendOutcome => ({ ...o, durationMs: Date.now() - started });
  const url = new URL(req.url);
  const host = hostOf(url);
  if (!req.allowPrivate && isIP(host) && isPrivateAddress(host))
    return Promise.resolve(
      done({ ok: false, statusCode: null, responseExcerpt: null, error: 'refused: the URL is a private address' }),
    );
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'mini-crm-webhooks/1',
    ...signatureHeaders(req.messageId, req.at ?? new Date(), req.body, req.secrets),
  };
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<SendOutcome>((resolve) => {
    let settled = false;
    const finish = (o: Omit<SendOutcome, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(done(o));
    };
    const r = send(
      url,
      { method: 'POST', headers, lookup: guardedLookup(req.allowPrivate) as never, agent: false },
      (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const end = () => {
          const status = res.statusCode ?? 0;
          const excerpt = Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES).toString('utf8');
          finish({
            ok: status >= 200 && status < 300,
            statusCode: status,
            responseExcerpt: excerpt || null,
            error: status >= 200 && status < 300 ? null : `HTTP ${status}`,
          });
          res.destroy();
        };
        res.on('data', (c: Buffer) => {
          if (size < RESPONSE_EXCERPT_BYTES) chunks.push(c);
          size += c.length;
          if (size >= RESPONSE_EXCERPT_BYTES) end();
        });
        res.on('end', end);
        res.on('error', end);
      },
    );
    const timer = setTimeout(() => {
      finish({ ok: false, statusCode: null, responseExcerpt: null, error: `timed out after ${req.timeoutMs} ms` });
      r.destroy();
    }, req.timeoutMs);
    r.on('error', (e: NodeJS.ErrnoException) =>
      finish({
        ok: false,
        statusCode: null,
        responseExcerpt: null,
        error: e.code === 'EPRIVATEADDRESS' ? `refused: ${e.message}` : e.message || e.code || 'request failed',
      }),
    );
    r.end(req.body);
  });
}

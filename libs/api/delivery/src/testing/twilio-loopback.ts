import { createServer, type IncomingMessage } from 'node:http';
import { randomBytes } from 'node:crypto';

export interface TwilioLoopbackMessage {
  sid: string;
  params: Record<string, string>;
}

export interface TwilioLoopback {
  url: string;
  messages: TwilioLoopbackMessage[];
  close(): Promise<void>;
}

/**
 * A Twilio-shaped REST server on loopback: Messages.create and Accounts.fetch as Twilio answers
 * them (JSON bodies, Twilio error objects), with HTTP Basic auth on the account SID and auth token.
 * `errorFor(to)` makes a recipient fail with a Twilio error code (e.g. 21610 unsubscribed).
 */
export async function startTwilioLoopback(opts: {
  accountSid: string;
  authToken: string;
  errorFor?(to: string): number | null;
}): Promise<TwilioLoopback> {
  const messages: TwilioLoopbackMessage[] = [];
  const auth = `Basic ${Buffer.from(`${opts.accountSid}:${opts.authToken}`).toString('base64')}`;
  const base = `/2010-04-01/Accounts/${opts.accountSid}`;
  const server = createServer(async (req, res) => {
    const send = (status: number, body: object) => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (req.headers.authorization !== auth)
      return send(401, {
        code: 20003,
        message: 'Authenticate',
        more_info: 'https://www.twilio.com/docs/errors/20003',
        status: 401,
      });
    if (req.method === 'GET' && req.url === `${base}.json`)
      return send(200, { sid: opts.accountSid, friendly_name: 'Loopback account', status: 'active', type: 'Full' });
    if (req.method === 'POST' && req.url === `${base}/Messages.json`) {
      const params = Object.fromEntries(new URLSearchParams(await readBody(req)));
      const code = opts.errorFor?.(params['To'] ?? '');
      if (code)
        return send(400, {
          code,
          message: `Error ${code}`,
          more_info: `https://www.twilio.com/docs/errors/${code}`,
          status: 400,
        });
      const sid = `SM${randomBytes(16).toString('hex')}`;
      messages.push({ sid, params });
      return send(201, {
        sid,
        account_sid: opts.accountSid,
        to: params['To'],
        from: params['From'] ?? null,
        body: params['Body'],
        status: 'queued',
        num_segments: '1',
        date_created: new Date().toUTCString(),
      });
    }
    send(404, { code: 20404, message: 'Not found', status: 404 });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface SmtpSinkMessage {
  envelopeTo: string[];
  raw: string;
  parsed: ParsedMail;
  /** A raw header's value as it came over the wire (mailparser structures list-* headers). */
  header(name: string): string | undefined;
}

export interface SmtpSink {
  url: string;
  port: number;
  messages: SmtpSinkMessage[];
  /** How many DATA commands were accepted (counted before parsing; the benchmark reads only this). */
  accepted(): number;
  close(): Promise<void>;
}

export interface SmtpSinkOptions {
  user?: string;
  pass?: string;
  /** Reply to RCPT TO for this address: e.g. `{ code: 550 }` refuses it for good. */
  refuse?(address: string): { code: number; message: string } | null;
  /** Skip parsing (benchmarks): messages stays empty, accepted() still counts. */
  parse?: boolean;
}

/** An in-process SMTP server on loopback (smtp-server), keeping every message it accepts. */
export async function startSmtpSink(opts: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const messages: SmtpSinkMessage[] = [];
  const parsing: Promise<void>[] = [];
  let accepted = 0;
  const serverOptions: SMTPServerOptions = {
    disabledCommands: ['STARTTLS', ...(opts.user ? [] : ['AUTH'])],
    allowInsecureAuth: true,
    authOptional: !opts.user,
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === opts.user && auth.password === opts.pass) cb(null, { user: auth.username });
      else cb(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, cb) {
      const refusal = opts.refuse?.(address.address);
      if (refusal) cb(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
      else cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        accepted++;
        if (opts.parse !== false) {
          const raw = Buffer.concat(chunks).toString('utf8');
          const to = (session.envelope.rcptTo || []).map((r) => r.address);
          parsing.push(
            simpleParser(raw).then((parsed) => {
              messages.push({ envelopeTo: to, raw, parsed, header: (name) => rawHeader(parsed, name) });
            }),
          );
        }
        cb();
      });
    },
  };
  const server = new SMTPServer(serverOptions);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  const auth = opts.user ? `${encodeURIComponent(opts.user)}:${encodeURIComponent(opts.pass ?? '')}@` : '';
  return {
    url: `smtp://${auth}127.0.0.1:${port}`,
    port,
    messages,
    accepted: () => accepted,
    async close() {
      await Promise.all(parsing);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function rawHeader(parsed: ParsedMail, name: string): string | undefined {
  const line = parsed.headerLines.find((h) => h.key === name.toLowerCase())?.line;
  return line
    ?.slice(line.indexOf(':') + 1)
    .replace(/\r?\n[ \t]+/g, ' ')
    .trim();
}

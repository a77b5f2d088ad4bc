import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyVendorSignature } from '@mini-crm/vendor-protocol';

export interface ReceivedPost {
  path: string;
  rawBody: string;
  timestamp: string | undefined;
  signature: string | undefined;
  verified: boolean;
  json: unknown;
}

export interface TestReceiver {
  url: string;
  port: number;
  posts: ReceivedPost[];
  /** Status to answer with; change it to simulate a failing receiver. */
  status: number;
  close(): Promise<void>;
}

/** A loopback HTTP server recording every POST and checking its vendor signature. */
export function startReceiver(secret: string, port = 0): Promise<TestReceiver> {
  const posts: ReceivedPost[] = [];
  const receiver = { posts, status: 200 } as TestReceiver;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const timestamp = req.headers['x-vendor-timestamp'] as string | undefined;
      const signature = req.headers['x-vendor-signature'] as string | undefined;
      posts.push({
        path: req.url ?? '',
        rawBody,
        timestamp,
        signature,
        verified: verifyVendorSignature(secret, timestamp, rawBody, signature),
        json: JSON.parse(rawBody),
      });
      res.writeHead(receiver.status, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      receiver.port = (server.address() as AddressInfo).port;
      receiver.url = `http://127.0.0.1:${receiver.port}`;
      receiver.close = () =>
        new Promise<void>((done) => {
          server.close(() => done());
          server.closeAllConnections();
        });
      resolve(receiver);
    });
  });
}

/** A port that was free a moment ago (nothing listens on it now). */
export async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function waitFor(check: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function postJson(
  url: string,
  body: unknown,
): Promise<{ status: number; json: unknown; headers: Headers }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null, headers: res.headers };
}

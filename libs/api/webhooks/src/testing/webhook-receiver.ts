import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  path: string;
  headers: Record<string, string>;
  body: string;
  json: { id: string; type: string; timestamp: string; data: Record<string, unknown> };
}

/** A loopback endpoint that records every POST and answers each path's scripted statuses (then 200). */
export interface WebhookReceiver {
  url(path: string): string;
  /** Statuses the next requests to `path` get, in order; 200 once they are used up. */
  script(path: string, statuses: number[]): void;
  /** Every request to `path` answers `status`. */
  always(path: string, status: number): void;
  received(path: string): ReceivedWebhook[];
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const got = new Map<string, ReceivedWebhook[]>();
  const scripts = new Map<string, number[]>();
  const fixed = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      const body = Buffer.concat(chunks).toString('utf8');
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
      const list = got.get(path) ?? [];
      list.push({ path, headers, body, json: JSON.parse(body) });
      got.set(path, list);
      const status = fixed.get(path) ?? scripts.get(path)?.shift() ?? 200;
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(status === 200 ? 'ok' : `nope ${status} ${'x'.repeat(2000)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    script: (path, statuses) => scripts.set(path, [...statuses]),
    always: (path, status) => fixed.set(path, status),
    received: (path) => got.get(path) ?? [],
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

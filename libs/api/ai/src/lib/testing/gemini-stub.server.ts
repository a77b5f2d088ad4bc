import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method?: string;
  url?: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
  raw: string;
}
export type StubHandler = (res: ServerResponse) => void;

/**
 * A loopback server speaking Gemini's generateContent REST shape, for tests. Handlers answer in
 * order; the last one keeps answering.
 */
export class GeminiStub {
  readonly requests: RecordedRequest[] = [];
  private handlers: StubHandler[] = [];
  private server!: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk) => (raw += chunk));
      req.on('end', () => {
        this.requests.push({
          method: req.method,
          url: req.url,
          headers: req.headers,
          body: JSON.parse(raw || '{}'),
          raw,
        });
        const handler = this.handlers.length > 1 ? this.handlers.shift() : this.handlers[0];
        handler?.(res);
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  answer(...handlers: StubHandler[]): void {
    this.handlers = handlers;
    this.requests.length = 0;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

export const modelText =
  (text: string): StubHandler =>
  (res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ candidates: [{ content: { parts: [{ text }], role: 'model' }, finishReason: 'STOP' }] }));
  };

export const modelJson = (value: unknown): StubHandler => modelText(JSON.stringify(value));

export const httpError =
  (status: number): StubHandler =>
  (res) => {
    res.statusCode = status;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ error: { code: status, message: 'stub failure', status: 'UNAVAILABLE' } }));
  };

export const neverAnswer: StubHandler = () => undefined;

/** The user prompt text of a recorded generateContent request. */
export function promptText(req: RecordedRequest): string {
  return (req.body['contents'] as { parts: { text: string }[] }[])[0].parts[0].text;
}

import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { VendorBatchRequest, VendorMessageRequest } from '@mini-crm/vendor-protocol';
import { BodyTooLargeError, readBody, sendJson, sleep } from './http.util';
import type { RuntimeVendorStubOptions } from './options.util';
import { batchProblem, messageProblem } from './validate-message.util';
import type { VendorStubService } from './vendor-stub.service';

const BODY_LIMIT_BYTES = 64 * 1024 * 1024;
const RETRYABLE_BODY = { error: 'temporarily_unavailable', message: 'simulated vendor outage, retry later' };
const RETRY_HEADERS = { 'retry-after': '1' };

class BadRequest extends Error {}

/** HTTP routing of the vendor API onto the service. */
export function createVendorStubServer(service: VendorStubService): http.Server {
  const server = http.createServer((req, res) => {
    route(service, req, res).catch((err: unknown) => {
      if (res.headersSent) return res.destroy();
      if (err instanceof BadRequest) return sendJson(res, 400, { error: 'bad_request', message: err.message });
      if (err instanceof BodyTooLargeError)
        return sendJson(res, 413, { error: 'payload_too_large', message: err.message });
      sendJson(res, 500, { error: 'internal_error', message: err instanceof Error ? err.message : String(err) });
    });
  });
  server.keepAliveTimeout = 65_000;
  return server;
}

export function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

async function route(service: VendorStubService, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  const method = req.method ?? 'GET';

  if (method === 'POST' && path === '/v1/messages') return sendOne(service, req, res);
  if (method === 'POST' && path === '/v1/messages/batch') return sendBatch(service, req, res);
  if (method === 'GET' && path.startsWith('/v1/messages/')) {
    const record = service.record(decodeKey(path.slice('/v1/messages/'.length)));
    return record ? sendJson(res, 200, record) : sendJson(res, 404, { error: 'not_found' });
  }
  if (method === 'GET' && path === '/v1/stats') return sendJson(res, 200, service.stats());
  if (method === 'POST' && path === '/v1/reset') {
    await readBody(req, BODY_LIMIT_BYTES);
    service.reset();
    return sendJson(res, 200, { ok: true });
  }
  if (method === 'POST' && path === '/v1/test/inbound') return inbound(service, req, res);
  if (method === 'GET' && path === '/v1/receipts') {
    const limit = Number(new URLSearchParams(q === -1 ? '' : url.slice(q + 1)).get('limit') ?? 100);
    return sendJson(res, 200, { receipts: service.recentReceipts(Number.isFinite(limit) && limit >= 0 ? limit : 100) });
  }
  if (method === 'POST' && path === '/v1/config') {
    const changes = await readJson(req);
    if (typeof changes !== 'object' || changes === null || Array.isArray(changes))
      throw new BadRequest('body must be an object');
    try {
      const o = service.configure(changes as RuntimeVendorStubOptions);
      return sendJson(res, 200, publicOptions(o));
    } catch (err) {
      throw new BadRequest(err instanceof Error ? err.message : String(err));
    }
  }
  if (method === 'GET' && path === '/v1/config') return sendJson(res, 200, publicOptions(service.options));
  if (method === 'GET' && path === '/v1/health') return sendJson(res, 200, { ok: true });
  sendJson(res, 404, { error: 'not_found', message: `${method} ${path}` });
}

async function sendOne(service: VendorStubService, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readJson(req);
  const problem = messageProblem(body);
  if (problem) throw new BadRequest(problem);
  const result = await service.whileInFlight(async () => {
    await simulateLatency(service);
    return service.attempt(body as VendorMessageRequest, service.drawRetryable(), Date.now());
  });
  if (result === null) return sendJson(res, 503, RETRYABLE_BODY, RETRY_HEADERS);
  const headers: Record<string, string> = result.replay ? { 'x-idempotent-replay': 'true' } : {};
  if (result.accepted)
    return sendJson(res, 202, { vendorMessageId: result.vendorMessageId, status: 'accepted' }, headers);
  sendJson(res, 422, { error: 'rejected', reason: result.reason }, headers);
}

async function sendBatch(service: VendorStubService, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readJson(req);
  const problem = batchProblem(body);
  if (problem) throw new BadRequest(problem);
  const results = await service.whileInFlight(async () => {
    await simulateLatency(service);
    return service.sendBatch((body as VendorBatchRequest).messages, service.drawRetryable(), Date.now());
  });
  if (results === null) return sendJson(res, 503, RETRYABLE_BODY, RETRY_HEADERS);
  sendJson(res, 200, { results });
}

async function inbound(service: VendorStubService, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = (await readJson(req)) as Record<string, unknown> | null;
  if (
    typeof body !== 'object' ||
    body === null ||
    typeof body['from'] !== 'string' ||
    typeof body['text'] !== 'string' ||
    body['from'] === ''
  ) {
    throw new BadRequest('body must be { from: string, text: string }');
  }
  const result = await service.inbound(body['from'], body['text']);
  if (result.forwarded) return sendJson(res, 202, result);
  sendJson(res, result.error === 'inbound_url_not_configured' ? 409 : 502, result);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const raw = await readBody(req, BODY_LIMIT_BYTES);
  if (raw.length === 0) throw new BadRequest('body must be JSON');
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new BadRequest('body is not valid JSON');
  }
}

function decodeKey(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    throw new BadRequest('idempotency key is not validly URL-encoded');
  }
}

async function simulateLatency(service: VendorStubService): Promise<void> {
  if (service.options.latencyMs > 0) await sleep(service.options.latencyMs);
}

function publicOptions<T extends { secret: string }>(options: T): Omit<T, 'secret'> {
  const copy: Partial<T> = { ...options };
  delete copy.secret;
  return copy as Omit<T, 'secret'>;
}

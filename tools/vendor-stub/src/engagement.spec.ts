import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HUMAN_AGENT, SCANNER_AGENT, trackedUrls } from './engagement-simulator.service';
import { postJson } from './receiver.test-util';
import { startVendorStub, type VendorStubHandle } from './vendor-stub';

interface Hit {
  method: string;
  path: string;
  agent: string;
}

/** A loopback site answering tracked links (302) and the pixel (GIF), recording each request. */
async function startSite(): Promise<{ url: string; hits: Hit[]; close(): Promise<void> }> {
  const hits: Hit[] = [];
  const server = http.createServer((req, res) => {
    hits.push({ method: req.method ?? '', path: req.url ?? '', agent: String(req.headers['user-agent'] ?? '') });
    if (req.url?.startsWith('/r/')) res.writeHead(302, { location: 'https://shop.example.com/' }).end();
    else if (req.url?.startsWith('/o/')) res.writeHead(200, { 'content-type': 'image/gif' }).end('GIF89a');
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

async function waitFor(ok: () => boolean, what: string, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const BODY = (n: string) =>
  `<p><a href="https://crm.example.com/r/click${n}A">A</a> <a href="https://crm.example.com/r/click${n}B">B</a>` +
  ` <a href="https://crm.example.com/api/unsubscribe/tok">Unsubscribe</a></p><img src="https://crm.example.com/o/open${n}.gif">`;

describe('vendor stub engagement simulation', () => {
  let stub: VendorStubHandle;
  let site: Awaited<ReturnType<typeof startSite>>;

  beforeEach(async () => (site = await startSite()));
  afterEach(async () => {
    await stub?.close();
    await site.close();
  });

  it('finds the tracked links and the pixel of a body, nothing else', () => {
    expect(trackedUrls(BODY('1'))).toEqual({
      pixel: 'https://crm.example.com/o/open1.gif',
      links: ['https://crm.example.com/r/click1A', 'https://crm.example.com/r/click1B'],
    });
    expect(trackedUrls('Sale at http://x.example/r/abc_-9. STOP to opt out')).toEqual({
      pixel: null,
      links: ['http://x.example/r/abc_-9'],
    });
  });

  it('plays readers over HTTP (pixel, then one link) and sends no opened/clicked receipts', async () => {
    stub = await startVendorStub({
      receiptDelayMs: 0,
      failRate: 0,
      openRate: 1,
      clickRate: 1,
      engage: true,
      engageDelayMs: 0,
      engageOrigin: site.url,
    });
    await postJson(`${stub.url}/v1/messages`, {
      idempotencyKey: 'e-1',
      channel: 'email',
      to: 'a@example.com',
      subject: 'Hi',
      body: BODY('1'),
    });
    await waitFor(() => stub.stats().engagement.opens === 1 && stub.stats().engagement.clicks === 1, 'engagement');
    expect(site.hits.map((h) => h.method)).toEqual(['GET', 'GET']);
    expect(site.hits[0].path).toBe('/o/open1.gif');
    expect(site.hits[1].path).toMatch(/^\/r\/click1[AB]$/);
    expect(site.hits.every((h) => h.agent === HUMAN_AGENT)).toBe(true);
    expect(stub.record('e-1')).toMatchObject({ delivery: 'delivered', opened: true, clicked: true });
    expect(stub.receipts().map((r) => r.type)).toEqual(['delivered']);
    expect(stub.stats()).toMatchObject({ duplicates: 0, engagement: { scans: 0, failures: 0, pending: 0 } });
  });

  it('plays a scanner: every link at once with a scanner agent; off by default', async () => {
    stub = await startVendorStub({ receiptDelayMs: 0, failRate: 0, openRate: 0, clickRate: 0 });
    await postJson(`${stub.url}/v1/messages`, {
      idempotencyKey: 's-0',
      channel: 'sms',
      to: '+15550000',
      body: BODY('0'),
    });
    await waitFor(() => stub.stats().receiptsKept === 1, 'receipt');
    stub.configure({ engage: true, scannerRate: 1, engageOrigin: site.url });
    for (const k of ['s-1', 's-2', 's-3', 's-4'])
      await postJson(`${stub.url}/v1/messages`, { idempotencyKey: k, channel: 'sms', to: '+15550000', body: BODY(k) });
    await waitFor(() => stub.stats().engagement.scans === 4 && stub.stats().engagement.pending === 0, 'scans');
    expect(site.hits.length).toBe(8);
    expect(site.hits.every((h) => h.agent === SCANNER_AGENT && h.path.startsWith('/r/'))).toBe(true);
    expect(site.hits.some((h) => h.path.includes('click0'))).toBe(false);
    expect(stub.stats().engagement).toMatchObject({ opens: 0, clicks: 0, failures: 0 });
  });
});

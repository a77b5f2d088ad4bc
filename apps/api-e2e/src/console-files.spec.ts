import { request } from 'node:http';
import { BuiltServer, startBuiltServer } from '@mini-crm/testing/e2e';

/** A GET showing the bytes and headers on the wire (fetch would decode the body). */
function get(
  url: string,
  acceptEncoding: string,
): Promise<{ status: number; headers: Record<string, unknown>; bytes: number }> {
  return new Promise((ok, fail) => {
    const req = request(url, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, bytes }));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end();
  });
}

// The console as `nx build console` leaves it (Angular build, then tools/build/precompress.mjs) behind the bundle.
describe('built server: console files compressed and cached', () => {
  let server: BuiltServer;
  beforeAll(async () => {
    server = await startBuiltServer();
  }, 180_000); // the bundle migrates a fresh database first: slow on a busy machine
  afterAll(async () => server?.stop());

  it('sends the hashed main bundle as brotli (gzip otherwise), cached a year; index.html revalidates', async () => {
    const index = await get(`${server.url}/`, 'gzip, deflate, br');
    expect(index.status).toBe(200);
    expect(index.headers['cache-control']).toBe('no-cache');
    const html = await (await fetch(`${server.url}/`)).text();
    const main = /src="(main-[A-Z0-9]{8}\.js)"/.exec(html)?.[1];
    expect(main).toBeDefined();

    const plain = await get(`${server.url}/${main}`, 'identity');
    const br = await get(`${server.url}/${main}`, 'gzip, deflate, br');
    const gz = await get(`${server.url}/${main}`, 'gzip');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect([br.headers['content-encoding'], gz.headers['content-encoding']]).toEqual(['br', 'gzip']);
    for (const r of [plain, br, gz]) expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.bytes).toBeLessThan(plain.bytes);
    expect(gz.bytes).toBeLessThan(plain.bytes);
  });
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startTestApp, TestApp } from '@mini-crm/api/testing';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A GET that shows the bytes on the wire (fetch would decode them). */
function get(baseUrl: string, path: string, acceptEncoding?: string): Promise<RawResponse> {
  return new Promise((ok, fail) => {
    const req = request(
      baseUrl + path,
      { headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', fail);
      },
    );
    req.on('error', fail);
    req.end();
  });
}

const IMMUTABLE = 'public, max-age=31536000, immutable';
const WORKSPACE = resolve(__dirname, '../../../../..');

// A console build as `nx build console` leaves it: hashed chunks, index.html, and the .br/.gz siblings
// tools/build/precompress.mjs wrote (run here exactly as the build runs it).
describe('console static files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crm-console-static-'));
  const chunk = `export const rows = [${Array.from({ length: 400 }, (_, i) => `{ id: ${i}, name: "row ${i}" }`).join(',')}];\n`;
  const html = `<!doctype html><html><head><title>Mini CRM</title></head><body><app-root></app-root>${'<!-- padding -->'.repeat(100)}<script src="main-ABCD1234.js" type="module"></script></body></html>`;
  let t: TestApp;

  beforeAll(async () => {
    mkdirSync(join(dir, 'media'));
    writeFileSync(join(dir, 'index.html'), html);
    writeFileSync(join(dir, 'main-ABCD1234.js'), chunk);
    writeFileSync(join(dir, 'favicon.ico'), Buffer.alloc(300, 1));
    writeFileSync(join(dir, 'media', 'icons-WXYZ5678.woff2'), Buffer.alloc(2000, 7));
    const run = spawnSync(process.execPath, ['tools/build/precompress.mjs', dir], { cwd: WORKSPACE, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/\[precompress\] \d+ files/);
    t = await startTestApp({ driver: 'pglite', env: { CONSOLE_DIR: dir } });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends a hashed chunk as brotli when accepted, cached for a year', async () => {
    const res = await get(t.baseUrl, '/main-ABCD1234.js', 'gzip, deflate, br');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe(IMMUTABLE);
    expect(String(res.headers['vary'])).toMatch(/accept-encoding/i);
    expect(res.body.length).toBeLessThan(chunk.length / 4);
    expect(brotliDecompressSync(res.body).toString()).toBe(chunk);
  });

  it('sends gzip to a client without brotli, and the plain file to one accepting neither', async () => {
    const gz = await get(t.baseUrl, '/main-ABCD1234.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['cache-control']).toBe(IMMUTABLE);
    expect(gunzipSync(gz.body).toString()).toBe(chunk);

    const plain = await get(t.baseUrl, '/main-ABCD1234.js', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['cache-control']).toBe(IMMUTABLE);
    expect(plain.body.toString()).toBe(chunk);
  });

  it('makes index.html revalidate, at / and on a client-side route, compressed too', async () => {
    for (const path of ['/', '/index.html', '/customers?q=x']) {
      const res = await get(t.baseUrl, path, 'br');
      expect({ path, status: res.status, cache: res.headers['cache-control'] }).toEqual({
        path,
        status: 200,
        cache: 'no-cache',
      });
      expect(res.headers['content-encoding']).toBe('br');
      expect(brotliDecompressSync(res.body).toString()).toBe(html);
    }
  });

  it('sends already-compressed and tiny files as they are, hashed ones still immutable', async () => {
    const font = await get(t.baseUrl, '/media/icons-WXYZ5678.woff2', 'br, gzip');
    expect(font.status).toBe(200);
    expect(font.headers['content-encoding']).toBeUndefined();
    expect(font.headers['cache-control']).toBe(IMMUTABLE);
    const icon = await get(t.baseUrl, '/favicon.ico', 'br, gzip');
    expect(icon.status).toBe(200);
    expect(icon.headers['content-encoding']).toBeUndefined();
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('leaves the API and the tracking routes uncompressed', async () => {
    const api = await get(t.baseUrl, '/api/auth/me', 'br, gzip');
    expect(api.status).toBe(401);
    expect(api.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(api.body.toString()).statusCode).toBe(401);
    const track = await get(t.baseUrl, '/o/not-a-code.gif', 'br, gzip');
    expect(track.headers['content-encoding']).toBeUndefined();
    expect(track.headers['cache-control']).not.toBe(IMMUTABLE);
  });

  it('the console fallback answers API paths as the router would: 404 unknown, 414 over-long parameter', async () => {
    const unknown = await get(t.baseUrl, '/api/no-such-thing', '');
    expect([unknown.status, JSON.parse(unknown.body.toString()).statusCode]).toEqual([404, 404]);
    const overlong = await get(t.baseUrl, `/api/customers/${'a'.repeat(101)}`, '');
    expect(overlong.status).toBe(414);
    expect(JSON.parse(overlong.body.toString())).toEqual({
      statusCode: 414,
      error: 'URI Too Long',
      message: 'A path parameter is too long (100 characters at most)',
    });
    const fits = await get(t.baseUrl, `/api/customers/${'a'.repeat(100)}`, '');
    expect(fits.status).not.toBe(414);
  });
});

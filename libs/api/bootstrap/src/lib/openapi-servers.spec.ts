import type { OpenAPIObject } from '@nestjs/swagger';
import { withRequestServer } from './openapi-servers';

const PUBLIC = 'http://localhost:3000';
const doc = {
  openapi: '3.0.0',
  info: { title: 't', version: '1' },
  paths: {},
  servers: [{ url: PUBLIC }],
} as OpenAPIObject;
const urls = (d: OpenAPIObject) => (d.servers ?? []).map((s) => s.url);

describe('OpenAPI servers per request ("Try it out")', () => {
  it('puts the origin the page was opened on first, then PUBLIC_URL', () => {
    expect(urls(withRequestServer(doc, { protocol: 'http', headers: { host: '192.168.1.20:3000' } }, PUBLIC))).toEqual([
      'http://192.168.1.20:3000',
      PUBLIC,
    ]);
  });

  it('follows a proxy: its public host and https (Fastify reads X-Forwarded-Host/-Proto into host/protocol)', () => {
    const behindProxy = { protocol: 'https', host: 'crm.example.com', headers: { host: '127.0.0.1:3000' } };
    expect(urls(withRequestServer(doc, behindProxy, PUBLIC))).toEqual(['https://crm.example.com', PUBLIC]);
  });

  it('leaves the document alone for PUBLIC_URL itself, no host, or a host that is not one', () => {
    expect(urls(withRequestServer(doc, { protocol: 'http', headers: { host: 'localhost:3000' } }, PUBLIC))).toEqual([
      PUBLIC,
    ]);
    expect(urls(withRequestServer(doc, { headers: {} }, PUBLIC))).toEqual([PUBLIC]);
    expect(urls(withRequestServer(doc, { protocol: 'http', headers: { host: 'evil.example/x?' } }, PUBLIC))).toEqual([
      PUBLIC,
    ]);
  });
});

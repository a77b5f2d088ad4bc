import type { OpenAPIObject } from '@nestjs/swagger';

/** What the docs routes read of a request (Fastify's, whose `protocol` and `host` follow X-Forwarded-* behind a proxy). */
export interface DocsRequest {
  protocol?: string;
  host?: string;
  headers: Record<string, string | string[] | undefined>;
}

const HOST = /^[\w.\-:[\]]+$/;

/**
 * The OpenAPI document as served to one request: "Try it out" calls the origin the page was opened
 * on (localhost, a LAN address, a proxy's public name), then PUBLIC_URL. A host that is not a plain
 * host[:port] is ignored.
 */
export function withRequestServer(doc: OpenAPIObject, req: DocsRequest, publicUrl: string): OpenAPIObject {
  const header = req.headers['host'];
  const host = req.host || (typeof header === 'string' ? header : undefined);
  if (!host || !HOST.test(host)) return doc;
  const origin = `${req.protocol === 'https' ? 'https' : 'http'}://${host}`;
  if (origin === publicUrl) return doc;
  return {
    ...doc,
    servers: [{ url: origin, description: 'The host this page was opened on' }, ...(doc.servers ?? [])],
  };
}

import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** A build-hashed file name (`chunk-3OBJXX4H.js`, `media/material-icons-LEZCGFVT.woff2`), maybe precompressed. */
const HASHED = /-[A-Z0-9]{8}\.[a-z0-9]+(\.br|\.gz)?$/;

/** Hashed files never change under their name: a year, immutable. Everything else (index.html) revalidates. */
export function consoleCacheControl(path: string): string {
  return HASHED.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/**
 * The built console at `/`: the `.br` / `.gz` siblings written at build time (tools/build/precompress.mjs)
 * are sent as they are when the browser accepts them, so nothing is compressed per request and no hook
 * runs on the API or the tracking routes. One route per file (`wildcard: false`), found at start.
 */
export async function serveConsole(app: NestFastifyApplication, root: string): Promise<void> {
  await app.register(fastifyStatic as never, {
    root,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply: { header(k: string, v: string): unknown }, path: string) =>
      reply.header('cache-control', consoleCacheControl(path)),
  });
}

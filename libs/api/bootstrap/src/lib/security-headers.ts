import helmet from 'helmet';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import type { AppConfig } from '@mini-crm/api/core';

/**
 * helmet's options: the console's policy (docs/security/abuse-and-input.md). Scripts only from this
 * origin and Google's sign-in button, never inline or eval; styles may be inline (Angular adds
 * component styles as <style> at run time).
 */
function helmetOptions(config: AppConfig): Parameters<typeof helmet>[0] {
  return {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", 'https://accounts.google.com/gsi/client'],
        scriptSrcAttr: ["'none'"],
        formAction: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'", 'https://accounts.google.com/gsi/style'],
        imgSrc: ["'self'", 'data:', 'https:'],
        connectSrc: ["'self'", 'https://accounts.google.com/gsi/'],
        frameSrc: ['https://accounts.google.com/gsi/'],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    // No page of ours is framed. The composer's email preview is an about:srcdoc frame with sandbox="" (no
    // script, opaque origin): it inherits this policy (its images need img-src https:) and loads no URL of ours.
    xFrameOptions: { action: 'deny' },
    // Google's sign-in button needs the origin; paths and queries never leave (unsubscribe tokens are in paths).
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    // HSTS only means something over https; sent over plain http it would pin a dev host to https.
    strictTransportSecurity: config.publicUrl.startsWith('https:')
      ? { maxAge: 31536000, includeSubDomains: true }
      : false,
  };
}

/**
 * The headers helmet sets with these options, computed once: they depend on nothing in the request
 * (@fastify/helmet rebuilt helmet's middleware for every request). The tracked redirect and the pixel,
 * answered in front of Fastify, set their own.
 */
export function securityHeaders(config: AppConfig): Record<string, string> {
  // A real, unsent response to let helmet set its headers on: nothing is written to the socket.
  const req = new IncomingMessage(new Socket());
  const res = new ServerResponse(req);
  let called = false;
  helmet(helmetOptions(config))(req, res, () => (called = true));
  if (!called) throw new Error('helmet did not finish synchronously; its headers cannot be computed once');
  return Object.fromEntries(Object.entries(res.getHeaders()).map(([name, value]) => [name, String(value)]));
}

import multipart from '@fastify/multipart';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  AppConfig,
  createValidationPipe,
  jsonTextSerializer,
  readBool,
  recordHttpMetrics,
  REQUEST_ID_HEADER,
  maskContactsOnSerialize,
  runRoutesInRequestContext,
} from '@mini-crm/api/core';
import { TRACKING_OPENAPI_PATHS } from '@mini-crm/api/tracking';
import { Logger } from 'nestjs-pino';
import { rejectUnsafeInput } from './unsafe-input.hook';
import { serveConsole } from './console-static';
import { enforceBodyLimits, loadBodyLimits } from './body-limits';
import { loadRateLimitConfig } from './rate-limit/rate-limit.config';
import { RateLimits } from './rate-limit/rate-limits';
import { declareSecurity, PERSON_SCHEME, SECURITY_SCHEMES } from './openapi-security';
import { overlongParamError } from './framework-errors';
import { withRequestServer, type DocsRequest } from './openapi-servers';
import { securityHeaders } from './security-headers';
import { logRequests } from './request-log';

/** Everything about the HTTP surface that is not a module: prefix, pipes, headers, docs, console files, error shape. */
export async function configureApp(app: NestFastifyApplication, config: AppConfig): Promise<RateLimits | null> {
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  if (config.corsOrigins.length)
    app.enableCors({
      origin: config.corsOrigins,
      credentials: false,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    });

  const fastify = app.getHttpAdapter().getInstance();
  // Answers PostgreSQL serialized already (JsonText) go out as they are; everything else as JSON.stringify.
  fastify.setReplySerializer(jsonTextSerializer);
  // Every answer names its request (the caller's x-request-id or a new one; audit rows store the same id)
  // and carries helmet's headers, 429s included.
  const headers = securityHeaders(config);
  fastify.addHook(
    'onRequest',
    (
      req: { id: string },
      reply: { headers(h: Record<string, string>): { header(k: string, v: string): unknown } },
      done: () => void,
    ) => {
      reply.headers(headers).header(REQUEST_ID_HEADER, req.id);
      done();
    },
  );
  logRequests(fastify as never);
  // Handlers run with their request id in scope (audit rows, log lines); viewers' answers are masked.
  runRoutesInRequestContext(fastify as never);
  maskContactsOnSerialize(fastify as never);
  // HTTP_METRICS=false exists to measure what the histogram costs (bench:api); it is on otherwise.
  if (readBool(config.env, 'HTTP_METRICS', true)) recordHttpMetrics(fastify as never);
  // Then the rate limits: over a limit, nothing else (body, auth, database) runs.
  const rateLimits = await RateLimits.install(fastify, config, loadRateLimitConfig(config));
  const bodyLimits = loadBodyLimits(config);
  enforceBodyLimits(fastify, bodyLimits);
  rejectUnsafeInput(fastify as never);
  await app.register(multipart as never, {
    limits: { fileSize: bodyLimits.uploadBytes, files: 1, fields: 20, fieldSize: 1024 * 1024 },
  });
  // Errors Fastify raises before routing (malformed JSON, body too large) reach Nest's handler and
  // the global AllExceptionsFilter, so they get the same error shape.

  const doc = SwaggerModule.createDocument(app, buildOpenApiConfig(config), {
    operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}`,
  });
  // Tracked links and the pixel are answered in front of Fastify, without a token.
  for (const [path, item] of Object.entries(TRACKING_OPENAPI_PATHS))
    doc.paths[path] = Object.fromEntries(
      Object.entries(item).map(([method, op]) => [method, { ...(op as object), 'x-permission': 'public' }]),
    );
  declareSecurity(doc);
  SwaggerModule.setup('api/docs', app, doc, {
    jsonDocumentUrl: 'api/docs-json',
    yamlDocumentUrl: 'api/docs-yaml',
    useGlobalPrefix: false,
    customSiteTitle: 'Mini CRM API',
    // "Try it out" calls the host the page was opened on (localhost, a LAN address, a proxy), then PUBLIC_URL.
    patchDocumentOnRequest: (req, _res, d) => withRequestServer(d, req as DocsRequest, config.publicUrl),
  });

  const consoleDir = findConsoleDir(config);
  if (consoleDir) await serveConsole(app, consoleDir);
  if (consoleDir) {
    // SPA fallback: any other GET outside /api (and the tracking routes /r, /o) gets the console's index.html (client-side routes).
    fastify.get(
      '/*',
      (
        req: { url: string },
        reply: {
          status(c: number): { send(b: unknown): void };
          header(k: string, v: string): unknown;
          type(t: string): { sendFile(f: string): void };
        },
      ) => {
        if (req.url.startsWith('/api') || /^\/[ro](\/|$|\?)/.test(req.url)) {
          const path = req.url.split('?')[0];
          // An API route whose parameter is too long falls through to here: answer as the router would.
          const overlong = overlongParamError(path);
          if (overlong) return reply.status(414).send(overlong);
          return reply.status(404).send({ statusCode: 404, error: 'Not Found', message: `No route for GET ${path}` });
        }
        reply.header('cache-control', 'no-cache');
        return reply.type('text/html').sendFile('index.html');
      },
    );
  }
  return rateLimits;
}

export function buildOpenApiConfig(config: AppConfig) {
  return new DocumentBuilder()
    .setTitle('Mini CRM API')
    .setDescription(
      'Customers, imports, segments, campaigns, delivery and AI. People authenticate with `Authorization: Bearer <accessToken>`; ' +
        'machines with an API key (Admin › API keys) as `X-API-Key: <key>` or `Authorization: Bearer <key>`, on the operations whose `security` lists it. ' +
        'Lists page with `?limit=&cursor=` and answer `{ items, nextCursor }`. Errors answer `{ statusCode, error, message, details? }`.',
    )
    .setVersion('1.0.0')
    .setContact('Mini CRM', config.publicUrl, 'support@example.com')
    .setLicense('MIT', 'https://opensource.org/licenses/MIT')
    .addServer(config.publicUrl, 'This deployment')
    .addBearerAuth(SECURITY_SCHEMES[PERSON_SCHEME], PERSON_SCHEME)
    .addSecurityRequirements(PERSON_SCHEME)
    .build();
}

function findConsoleDir(config: AppConfig): string | undefined {
  const candidates = [
    config.consoleDir,
    join(__dirname, '..', 'console', 'browser'),
    resolve('dist/apps/console/browser'),
  ].filter((p): p is string => !!p);
  return candidates.find((p) => existsSync(join(p, 'index.html')));
}

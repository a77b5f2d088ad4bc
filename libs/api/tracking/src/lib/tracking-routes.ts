import { Injectable, Logger } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CampaignLink, TrackingCodesService } from '@mini-crm/api/campaigns';
import { HitRecorderService } from './hit-recorder.service';
import { LinkCacheService } from './link-cache.service';

/** A transparent 1×1 GIF (43 bytes). */
export const PIXEL_GIF = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');

const NOT_FOUND = { statusCode: 404, error: 'Not Found', message: 'Unknown tracking code' };

function header(req: FastifyRequest, name: string): string {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(', ') : (v ?? '');
}

/**
 * Tracked links and the open pixel, outside `/api` and public: the signed code is the credential.
 * They are plain Fastify routes, not Nest controllers: the hot path skips guards, pipes and
 * interceptors that have nothing to do for them (documented in OpenAPI by TRACKING_OPENAPI_PATHS).
 * Each hit is appended to a Redis stream before the answer (never waiting for the database) and
 * written to engagement_events by the consumer. Forged, malformed or unknown codes get 404 and
 * record nothing; a click only ever redirects to the URL stored for that campaign. Fastify answers
 * HEAD through the GET handler; the hit is recorded with method HEAD (labelled machine).
 */
@Injectable()
export class TrackingRoutes {
  private readonly log = new Logger('Tracking');

  constructor(
    private readonly codes: TrackingCodesService,
    private readonly links: LinkCacheService,
    private readonly hits: HitRecorderService,
  ) {}

  register(fastify: FastifyInstance): void {
    // @fastify/helmet builds its middleware on every request; a redirect and a GIF need none of its
    // page headers (CSP, frame options), and skipping it is most of the hot path's cost.
    const options = { config: { helmet: { skipRoute: true } } } as object;
    fastify.get<{ Params: { code: string } }>('/r/:code', options, (req, reply) =>
      this.click(req.params.code, req, reply),
    );
    fastify.get<{ Params: { file: string } }>('/o/:file', options, (req, reply) =>
      this.open(req.params.file, req, reply),
    );
  }

  async click(code: string, req: FastifyRequest, reply: FastifyReply): Promise<void> {
    const claim = this.codes.verify(code, 'click');
    if (!claim || claim.linkId === null) return void reply.code(404).send(NOT_FOUND);
    const link: CampaignLink | null = this.links.peek(claim.linkId) ?? (await this.links.load(claim.linkId));
    if (!link) return void reply.code(404).send(NOT_FOUND);
    await this.record(req, claim.messageId, link.id);
    reply
      .code(302)
      .header('location', link.url)
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .send();
  }

  async open(file: string, req: FastifyRequest, reply: FastifyReply): Promise<void> {
    const claim = file.endsWith('.gif') ? this.codes.verify(file.slice(0, -4), 'open') : null;
    if (!claim) return void reply.code(404).send(NOT_FOUND);
    await this.record(req, claim.messageId, null);
    reply
      .code(200)
      .header('content-type', 'image/gif')
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store, no-cache, must-revalidate, max-age=0')
      .header('pragma', 'no-cache')
      .header('content-length', PIXEL_GIF.length)
      .send(PIXEL_GIF);
  }

  /** Appends the hit; if Redis is unavailable the recipient still gets the link (the hit is lost and logged). */
  private async record(req: FastifyRequest, messageId: string, linkId: number | null): Promise<void> {
    try {
      await this.hits.record({
        messageId,
        linkId,
        type: linkId === null ? 'open' : 'click',
        at: Date.now(),
        userAgent: header(req, 'user-agent').slice(0, 512),
        ipHash: this.hits.ipHash(req.ip),
        method: req.method,
        prefetch: [header(req, 'purpose'), header(req, 'sec-purpose'), header(req, 'x-moz'), header(req, 'x-purpose')]
          .filter(Boolean)
          .join(', ')
          .slice(0, 200),
      });
    } catch (e) {
      this.log.warn(`tracking hit not recorded: ${(e as Error).message}`);
    }
  }
}

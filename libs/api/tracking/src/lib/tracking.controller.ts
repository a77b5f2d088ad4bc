import { Controller, Get, Logger, Param, Req, Res } from '@nestjs/common';
import {
  ApiFoundResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { Public } from '@mini-crm/api/core';
import { CampaignLink, TrackingCodesService } from '@mini-crm/api/campaigns';
import { HitRecorderService } from './hit-recorder.service';
import { LinkCacheService } from './link-cache.service';

/** A transparent 1×1 GIF (43 bytes). */
export const PIXEL_GIF = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');

interface Request {
  method: string;
  ip?: string;
  headers: Record<string, string | string[] | undefined>;
}

interface Reply {
  code(status: number): Reply;
  header(k: string, v: string | number): Reply;
  send(body?: unknown): void;
}

const NOT_FOUND = { statusCode: 404, error: 'Not Found', message: 'Unknown tracking code' };

function header(req: Request, name: string): string {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(', ') : (v ?? '');
}

/**
 * Tracked links and the open pixel, outside `/api` and public: the signed code is the credential.
 * Each hit is appended to a Redis stream before the answer (never waiting for the database) and
 * written to engagement_events by the consumer. Forged, malformed or unknown codes get 404 and
 * record nothing; a click only ever redirects to the URL stored for that campaign.
 */
@ApiTags('tracking')
@Controller()
export class TrackingController {
  private readonly log = new Logger('Tracking');

  constructor(
    private readonly codes: TrackingCodesService,
    private readonly links: LinkCacheService,
    private readonly hits: HitRecorderService,
  ) {}

  @Get('r/:code')
  @Public()
  @ApiSecurity({})
  @ApiOperation({
    summary:
      'Tracked link: records a click and redirects to the campaign link (HEAD answers the same, labelled machine)',
  })
  @ApiParam({
    name: 'code',
    description: 'Signed click code (message and link)',
    example: 'AZNqpvR0dGCnXj8WkC3o2gEXs3dPq1wmPQ',
  })
  @ApiHeader({ name: 'user-agent', required: false, description: 'Recorded with the hit (machine labelling)' })
  @ApiFoundResponse({ description: 'Redirect; `Location` is the URL stored for the campaign' })
  @ApiNotFoundResponse({ description: 'Malformed, forged or unknown code (nothing recorded)' })
  async click(@Param('code') code: string, @Req() req: Request, @Res() reply: Reply): Promise<void> {
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

  @Get('o/:file')
  @Public()
  @ApiSecurity({})
  @ApiOperation({ summary: 'Open pixel: records an open and answers a 1×1 GIF' })
  @ApiParam({
    name: 'file',
    description: 'Signed open code followed by `.gif`',
    example: 'AZNqpvR0dGCnXj8WkC3o2kq1wmPQe5Zc.gif',
  })
  @ApiProduces('image/gif')
  @ApiOkResponse({
    description: '43-byte transparent GIF, `Cache-Control: no-store`',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiNotFoundResponse({ description: 'Malformed, forged or unknown code (nothing recorded)' })
  async open(@Param('file') file: string, @Req() req: Request, @Res() reply: Reply): Promise<void> {
    const claim = file.endsWith('.gif') ? this.codes.verify(file.slice(0, -4), 'open') : null;
    if (!claim) return void reply.code(404).send(NOT_FOUND);
    await this.record(req, claim.messageId, null);
    reply
      .code(200)
      .header('content-type', 'image/gif')
      .header('cache-control', 'no-store, no-cache, must-revalidate, max-age=0')
      .header('pragma', 'no-cache')
      .header('content-length', PIXEL_GIF.length)
      .send(PIXEL_GIF);
  }

  /** Appends the hit; if Redis is unavailable the recipient still gets the link (the hit is lost and logged). */
  private async record(req: Request, messageId: string, linkId: number | null): Promise<void> {
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

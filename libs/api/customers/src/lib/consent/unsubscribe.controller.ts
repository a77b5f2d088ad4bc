import { Controller, Get, HttpCode, OnModuleInit, Param, Post, Req, Res } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { Public } from '@mini-crm/api/core';
import { ConsentService } from './consent.service';
import { unsubscribePage } from './unsubscribe-page.util';

interface Reply {
  status(code: number): Reply;
  header(k: string, v: string): Reply;
  send(body: string): void;
}

const INVALID = unsubscribePage({
  title: 'Link not valid',
  text: 'This unsubscribe link is not valid. If you copied it, check that it is complete.',
});

/** Public pages behind the email's unsubscribe link; the signed token is the only credential. */
@ApiTags('unsubscribe')
@Controller('unsubscribe')
export class UnsubscribeController implements OnModuleInit {
  constructor(
    private readonly consent: ConsentService,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  /** One-click unsubscribe (RFC 8058) posts `List-Unsubscribe=One-Click` as a form. */
  onModuleInit() {
    const fastify = this.adapterHost.httpAdapter?.getInstance?.() as
      | {
          hasContentTypeParser(t: string): boolean;
          addContentTypeParser(
            t: string,
            o: object,
            fn: (req: unknown, body: string, done: (e: Error | null, v?: unknown) => void) => void,
          ): void;
        }
      | undefined;
    if (!fastify?.hasContentTypeParser || fastify.hasContentTypeParser('application/x-www-form-urlencoded')) return;
    fastify.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 4096 },
      (_req, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(body)));
      },
    );
  }

  @Get(':token')
  @Public()
  @ApiSecurity({})
  @ApiOperation({ summary: 'Unsubscribe confirmation page (from the email link)' })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'HTML page with a confirm button', schema: { type: 'string' } })
  async page(@Param('token') token: string, @Res() reply: Reply): Promise<void> {
    const claim = this.consent.verifyToken(token);
    const who = claim ? await this.consent.describe(claim) : null;
    if (!claim || !who) return void reply.status(404).header('content-type', 'text/html; charset=utf-8').send(INVALID);
    const page =
      who.status === 'subscribed'
        ? unsubscribePage({
            title: 'Unsubscribe',
            text: `Stop ${claim.channel === 'email' ? 'emails' : 'text messages'} to ${who.contact ?? 'this address'}?`,
            action: `/api/unsubscribe/${encodeURIComponent(token)}`,
            button: 'Unsubscribe',
          })
        : unsubscribePage({
            title: 'You are unsubscribed',
            text: `${who.contact ?? 'This address'} no longer receives these messages.`,
          });
    reply.status(200).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(page);
  }

  @Post(':token')
  @Public()
  @ApiSecurity({})
  @HttpCode(200)
  @ApiOperation({ summary: 'Unsubscribe (confirm button, or one-click from the mail client)' })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'HTML confirmation', schema: { type: 'string' } })
  async confirm(@Param('token') token: string, @Req() req: { body?: unknown }, @Res() reply: Reply): Promise<void> {
    const claim = this.consent.verifyToken(token);
    const who = claim ? await this.consent.describe(claim) : null;
    if (!claim || !who) return void reply.status(404).header('content-type', 'text/html; charset=utf-8').send(INVALID);
    const oneClick =
      typeof req.body === 'object' &&
      req.body !== null &&
      (req.body as Record<string, unknown>)['List-Unsubscribe'] === 'One-Click';
    await this.consent.unsubscribe(claim, oneClick ? 'one-click' : 'link');
    reply
      .status(200)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(
        unsubscribePage({
          title: 'You are unsubscribed',
          text: `${who.contact ?? 'This address'} will receive no more of these messages.`,
        }),
      );
  }
}

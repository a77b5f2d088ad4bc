import { Body, Controller, HttpCode, HttpException, HttpStatus, Post, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { ErrorDto, TestSendDto, TestSendResultDto } from '@mini-crm/contracts';
import { AuthUser, Can, CurrentUser } from '@mini-crm/api/core';
import { TestSendLimit } from './test-send-limit.service';
import { TestSendService } from './test-send.service';

interface Reply {
  header(name: string, value: string): unknown;
}

/** "Send a test" of the composer: the message on screen to a few typed addresses or numbers. */
@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('campaigns/test-send')
export class TestSendController {
  constructor(
    private readonly tests: TestSendService,
    private readonly limit: TestSendLimit,
  ) {}

  @Post()
  @HttpCode(200)
  @Can('campaigns.write')
  @ApiOperation({
    summary:
      'Send a test of a message (saved or not), rendered for one customer, to 1–5 typed email addresses or phone numbers through the configured provider; not a campaign message, not in stats; TEST_SEND_LIMIT_PER_HOUR messages an hour per caller',
  })
  @ApiOkResponse({ type: TestSendResultDto, description: 'One result per recipient (sent, or failed with the reason)' })
  @ApiBadRequestResponse({
    type: ErrorDto,
    description: 'Bad recipients (`to[i]`), unknown tokens, no message or subject, unknown customer',
  })
  @ApiTooManyRequestsResponse({ type: ErrorDto, description: 'Over the hourly test-send limit (Retry-After)' })
  @ApiServiceUnavailableResponse({ type: ErrorDto, description: 'The channel has no provider configured' })
  async send(
    @Body() body: TestSendDto,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<TestSendResultDto> {
    const { messages } = await this.tests.prepare(body);
    const over = await this.limit.admit(user, messages.length);
    if (over) {
      reply.header('retry-after', String(over.retryAfterSeconds));
      throw new HttpException({ message: over.message }, HttpStatus.TOO_MANY_REQUESTS);
    }
    return this.tests.send(body, messages, user);
  }
}

import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import {
  ApiBadGatewayResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiGatewayTimeoutResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import {
  AiMessagesRequestDto,
  AiMessagesResponseDto,
  AiSegmentRulesRequestDto,
  AiSegmentRulesResponseDto,
  ErrorDto,
} from '@mini-crm/contracts';
import { AuthUser, CurrentUser, Can } from '@mini-crm/api/core';
import { AiRateLimitGuard } from './ai-rate-limit.guard';
import { AiService } from './ai.service';

const RATE_LIMITED = {
  type: ErrorDto,
  description: 'Per-user AI rate limit reached (AI_RATE_LIMIT_PER_MINUTE)',
  headers: { 'retry-after': { description: 'Seconds until a request is admitted again', schema: { type: 'integer' } } },
} as const;
const UPSTREAM_FAILED = {
  type: ErrorDto,
  description: 'Gemini failed or answered something unusable (after retries)',
} as const;
const UPSTREAM_TIMEOUT = { type: ErrorDto, description: 'Gemini did not answer within GEMINI_TIMEOUT_MS' } as const;

@ApiTags('ai')
@ApiBearerAuth()
@Controller('ai')
@UseGuards(AiRateLimitGuard)
export class AiController {
  constructor(private readonly ai: AiService) {}

  @Post('messages')
  @HttpCode(200)
  @Can('ai.use')
  @ApiOperation({ summary: 'Suggest at least three ready-to-send messages with personalization tokens' })
  @ApiOkResponse({ type: AiMessagesResponseDto })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'Invalid request' })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'No such segment' })
  @ApiTooManyRequestsResponse(RATE_LIMITED)
  @ApiBadGatewayResponse(UPSTREAM_FAILED)
  @ApiGatewayTimeoutResponse(UPSTREAM_TIMEOUT)
  messages(@Body() body: AiMessagesRequestDto, @CurrentUser() user: AuthUser): Promise<AiMessagesResponseDto> {
    return this.ai.suggestMessages(body, user);
  }

  @Post('segment-rules')
  @HttpCode(200)
  @Can('ai.use')
  @ApiOperation({ summary: 'Turn a plain-language audience description into segment rules' })
  @ApiOkResponse({ type: AiSegmentRulesResponseDto })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'Invalid request' })
  @ApiUnprocessableEntityResponse({
    type: ErrorDto,
    description: 'The description could not be turned into valid rules; `details` says what',
  })
  @ApiTooManyRequestsResponse(RATE_LIMITED)
  @ApiBadGatewayResponse(UPSTREAM_FAILED)
  @ApiGatewayTimeoutResponse(UPSTREAM_TIMEOUT)
  segmentRules(
    @Body() body: AiSegmentRulesRequestDto,
    @CurrentUser() user: AuthUser,
  ): Promise<AiSegmentRulesResponseDto> {
    return this.ai.segmentRules(body, user);
  }
}

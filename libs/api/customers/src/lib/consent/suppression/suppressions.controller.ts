import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  AddSuppressionDto,
  ErrorDto,
  PageQueryDto,
  SuppressionInputDto,
  SuppressionPageDto,
} from '@mini-crm/contracts';
import { AuthUser, CurrentUser, Can } from '@mini-crm/api/core';
import { SuppressionService } from './suppression.service';

/** Admin view of the global suppression list: hashes only; contact points go in the body, never the URL. */
@ApiTags('suppressions')
@ApiBearerAuth()
@Controller('suppressions')
export class SuppressionsController {
  constructor(private readonly suppressions: SuppressionService) {}

  @Get()
  @Can('suppressions.manage')
  @ApiOperation({ summary: 'The suppression list, newest first: hash prefix, channel, reason, time (admin)' })
  @ApiOkResponse({ type: SuppressionPageDto })
  list(@Query() q: PageQueryDto): Promise<SuppressionPageDto> {
    return this.suppressions.list(q.limit ?? 50, q.cursor);
  }

  @Post()
  @HttpCode(200)
  @Can('suppressions.manage')
  @ApiOperation({ summary: 'Suppress an email address or phone number on a channel (admin)' })
  @ApiOkResponse({ description: '`added` is false when it was already listed' })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'Not an email address / phone number' })
  add(
    @Body() body: AddSuppressionDto,
    @CurrentUser() actor: AuthUser,
  ): Promise<{ added: boolean; hashPrefix: string }> {
    return this.suppressions.add(body, actor);
  }

  @Delete()
  @HttpCode(204)
  @Can('suppressions.manage')
  @ApiOperation({ summary: 'Remove an email address or phone number from a channel’s suppression list (admin)' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'Not on the list' })
  async remove(@Body() body: SuppressionInputDto, @CurrentUser() actor: AuthUser): Promise<void> {
    await this.suppressions.remove(body, actor);
  }
}

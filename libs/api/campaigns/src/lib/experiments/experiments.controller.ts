import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CampaignStatsDto, ErrorDto, PickWinnerDto } from '@mini-crm/contracts';
import { AuthUser, Can, CurrentUser } from '@mini-crm/api/core';
import { CampaignStatsService } from '../stats/campaign-stats.service';
import { ExperimentsService } from './experiments.service';

const uuid = new ParseUUIDPipe();

@ApiTags('campaigns')
@ApiBearerAuth()
@Controller()
export class ExperimentsController {
  constructor(
    private readonly experiments: ExperimentsService,
    private readonly statsService: CampaignStatsService,
  ) {}

  @Post('campaigns/:id/winner')
  @HttpCode(200)
  @Can('campaigns.launch')
  @ApiOperation({
    summary: 'Send winner now: a person picks the variant the rest of the audience gets (ends the test phase)',
  })
  @ApiOkResponse({ type: CampaignStatsDto })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'No such variant' })
  @ApiNotFoundResponse({ type: ErrorDto })
  @ApiConflictResponse({ type: ErrorDto, description: 'No test phase, not running or paused, or already decided' })
  async pickWinner(
    @Param('id', uuid) id: string,
    @Body() body: PickWinnerDto,
    @CurrentUser() user: AuthUser,
  ): Promise<CampaignStatsDto> {
    await this.experiments.pickWinner(id, body.variant, user);
    return this.statsService.stats(id);
  }
}

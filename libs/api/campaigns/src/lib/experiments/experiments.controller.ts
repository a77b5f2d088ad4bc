import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
import { sampleSizePerVariant } from '@mini-crm/experiment-stats';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CampaignStatsDto, ErrorDto, PickWinnerDto, SampleSizeDto, SampleSizeQueryDto } from '@mini-crm/contracts';
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

  @Get('experiments/sample-size')
  @Can('campaigns.read')
  @ApiOperation({
    summary: 'Recipients a test needs per variant to detect a relative lift over a baseline rate',
    description:
      'Two-sided pooled two-proportion z-test (Fleiss, no continuity correction). The wizard compares `total` with its test share of the audience.',
  })
  @ApiOkResponse({ type: SampleSizeDto })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'A parameter is missing or out of range' })
  sampleSize(@Query() q: SampleSizeQueryDto): SampleSizeDto {
    const confidence = q.confidence ?? 0.95;
    const power = q.power ?? 0.8;
    const variants = q.variants ?? 2;
    if (q.baseline * (1 + q.lift) >= 1)
      throw new BadRequestException({
        message: 'The lifted rate must stay below 1',
        details: [
          { path: 'lift', message: `baseline × (1 + lift) must be below 1 (it is ${q.baseline * (1 + q.lift)})` },
        ],
      });
    const perVariant = sampleSizePerVariant({
      baselineRate: q.baseline,
      minimumDetectableLift: q.lift,
      confidence,
      power,
    });
    return {
      baseline: q.baseline,
      lift: q.lift,
      confidence,
      power,
      variants,
      perVariant,
      total: perVariant * variants,
    };
  }
}

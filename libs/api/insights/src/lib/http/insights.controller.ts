import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ErrorDto, InsightsJobDto, InsightsModelDto } from '@mini-crm/contracts';
import { Can, CurrentUser, type AuthUser } from '@mini-crm/api/core';
import { InsightsService } from '../insights.service';

@ApiTags('insights')
@ApiBearerAuth()
@Controller('insights')
export class InsightsController {
  constructor(private readonly insights: InsightsService) {}

  @Post('recompute')
  @HttpCode(202)
  @Can('insights.recompute')
  @ApiOperation({
    summary:
      'Queue a customer-model run (RFM, BG/NBD, Gamma-Gamma; every customer scored); joins the run already queued or running',
  })
  @ApiAcceptedResponse({ type: InsightsJobDto })
  recompute(@CurrentUser() user: AuthUser): Promise<InsightsJobDto> {
    return this.insights.requestRun(user);
  }

  @Get('jobs/:id')
  @Can('insights.read')
  @ApiOperation({ summary: 'A model run’s state and progress (0–100), its result or failure reason' })
  @ApiOkResponse({ type: InsightsJobDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  job(@Param('id') id: string): Promise<InsightsJobDto> {
    return this.insights.jobStatus(id);
  }

  @Get('model')
  @Can('insights.read')
  @ApiOperation({ summary: 'The fitted customer model: BG/NBD parameters (days), Gamma-Gamma, size, log-likelihood' })
  @ApiOkResponse({ type: InsightsModelDto })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'No run has finished yet' })
  model(): Promise<InsightsModelDto> {
    return this.insights.model();
  }
}

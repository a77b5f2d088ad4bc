import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ChurnDistributionDto, ClvBySegmentDto, RfmGridDto } from '@mini-crm/contracts';
import { Can } from '@mini-crm/api/core';
import { CustomerOutlookAnalyticsService } from '../customer-outlook-analytics.service';

/** The customer-model scores in aggregate (never one customer): as of the last insights run. */
@ApiTags('analytics')
@ApiBearerAuth()
@Controller('analytics/customers')
export class CustomerOutlookAnalyticsController {
  constructor(private readonly outlook: CustomerOutlookAnalyticsService) {}

  @Get('rfm-grid')
  @Can('analytics.read')
  @ApiOperation({
    summary:
      'Scored customers per recency score × frequency score (all 25 cells) with their lifetime spend, as of the last model run',
  })
  @ApiOkResponse({ type: RfmGridDto })
  rfmGrid(): Promise<RfmGridDto> {
    return this.outlook.rfmGrid();
  }

  @Get('churn-risk')
  @Can('analytics.read')
  @ApiOperation({ summary: 'Scored customers per tenth of churn risk (10 buckets), as of the last model run' })
  @ApiOkResponse({ type: ChurnDistributionDto })
  churnRisk(): Promise<ChurnDistributionDto> {
    return this.outlook.churnDistribution();
  }

  @Get('clv-by-segment')
  @Can('analytics.read')
  @ApiOperation({
    summary: 'Predicted 12-month value (sum, average) and average churn risk per RFM segment, as of the last model run',
  })
  @ApiOkResponse({ type: ClvBySegmentDto })
  clvBySegment(): Promise<ClvBySegmentDto> {
    return this.outlook.clvBySegment();
  }
}

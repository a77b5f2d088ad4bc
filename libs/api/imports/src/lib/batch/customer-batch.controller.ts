import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BatchResultDto, CustomerBatchDto } from '@mini-crm/contracts';
import { AuthUser, BULK_RATE_COST, Can, CurrentUser, Idempotent, RateCost } from '@mini-crm/api/core';
import { CustomerBatchService } from './customer-batch.service';

@ApiTags('customers')
@ApiBearerAuth()
@Controller('customers')
export class CustomerBatchController {
  constructor(private readonly batch: CustomerBatchService) {}

  @Post('batch')
  @HttpCode(200)
  @Can('customers.write')
  @Idempotent()
  @RateCost(BULK_RATE_COST)
  @ApiOperation({
    summary: 'Upsert up to 1,000 customers (integrations); one result per record',
    description:
      'Body `{ records: [...] }`, each record shaped like `POST /api/customers`. A record updates the customer with ' +
      'its externalId, else its email, else its phone (as a CSV import with the `update` duplicate policy): the ' +
      'record’s non-empty values win, tags are replaced when it has some, attributes are merged, nothing is cleared. ' +
      'Consent only tightens (an unsubscribed or blocklisted channel is never re-subscribed by a batch; use ' +
      '`POST /api/customers/{id}/consent`). New customers get the record’s consent, else subscribed. Invalid ' +
      'records are listed with their paths, e.g. `records[3].email`, and change nothing; the valid ones land in one ' +
      'transaction. A value another customer already has is not applied and comes back as a warning. One audit ' +
      'entry per batch.',
  })
  @ApiBody({ type: CustomerBatchDto })
  @ApiOkResponse({ type: BatchResultDto, description: 'Per-record results (also when some records are invalid)' })
  @ApiBadRequestResponse({ description: 'Not `{ records: [...] }`, or more than 1,000 records' })
  upsert(@Body() body: unknown, @CurrentUser() actor: AuthUser): Promise<BatchResultDto> {
    return this.batch.upsert(body, actor);
  }
}

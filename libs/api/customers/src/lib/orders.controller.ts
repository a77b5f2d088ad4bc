import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import {
  BatchResultDto,
  CreateOrderDto,
  CreateOrdersDto,
  OrderBatchDto,
  OrderDto,
  OrdersResultDto,
} from '@mini-crm/contracts';
import { AuthUser, BULK_RATE_COST, Can, CurrentUser, Idempotent, RateCost } from '@mini-crm/api/core';
import { OrderBatchService } from './order-batch.service';
import { OrdersService } from './orders.service';

@ApiTags('orders')
@ApiBearerAuth()
@ApiExtraModels(CreateOrderDto, CreateOrdersDto, OrderDto, OrdersResultDto)
@Controller('orders')
export class OrdersController {
  constructor(
    private readonly orders: OrdersService,
    private readonly batch: OrderBatchService,
  ) {}

  @Post()
  @Can('customers.write')
  @Idempotent()
  @RateCost(
    (req) => (Array.isArray((req.body as { orders?: unknown } | undefined)?.orders) ? BULK_RATE_COST : 1),
    BULK_RATE_COST,
  )
  @ApiOperation({
    summary: 'Book one order, or `{ orders: [...] }` (up to 1,000); customer aggregates move in the same transaction',
  })
  @ApiBody({ schema: { oneOf: [{ $ref: getSchemaPath(CreateOrderDto) }, { $ref: getSchemaPath(CreateOrdersDto) }] } })
  @ApiCreatedResponse({
    description:
      'A single order answers the booked OrderDto; a batch answers OrdersResultDto (orders with an already booked externalId are listed in `skipped`)',
    schema: { oneOf: [{ $ref: getSchemaPath(OrderDto) }, { $ref: getSchemaPath(OrdersResultDto) }] },
  })
  @ApiBadRequestResponse({ description: 'Invalid orders (details name each, e.g. `orders[3].amount`)' })
  @ApiUnprocessableEntityResponse({
    description: 'Unknown customer (details name each row, e.g. `orders[3].customerEmail`)',
  })
  @ApiConflictResponse({ description: 'Single order whose externalId is already booked' })
  create(@Body() body: unknown, @CurrentUser() actor: AuthUser): Promise<OrderDto | OrdersResultDto> {
    return this.orders.create(body, actor);
  }

  @Post('batch')
  @HttpCode(200)
  @Can('customers.write')
  @Idempotent()
  @RateCost(BULK_RATE_COST)
  @ApiOperation({
    summary: 'Upsert up to 1,000 orders by externalId (integrations); one result per record',
    description:
      'Body `{ records: [...] }`, each record shaped like `POST /api/orders` plus a required `externalId`. A new ' +
      'externalId books the order; a known one updates its amount, currency, status and items (its customer and ' +
      'date stay) and moves the customer’s total spend by the difference. Invalid records (bad fields, unknown ' +
      'customer, an externalId repeated in the batch or booked for another customer) are listed with their paths, ' +
      'e.g. `records[3].amount`, and change nothing; the valid ones land in one transaction. One audit entry per batch.',
  })
  @ApiBody({ type: OrderBatchDto })
  @ApiOkResponse({ type: BatchResultDto, description: 'Per-record results (also when some records are invalid)' })
  @ApiBadRequestResponse({ description: 'Not `{ records: [...] }`, or more than 1,000 records' })
  upsertBatch(@Body() body: unknown, @CurrentUser() actor: AuthUser): Promise<BatchResultDto> {
    return this.batch.upsert(body, actor);
  }
}

import { Body, Controller, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { CreateOrderDto, CreateOrdersDto, OrderDto, OrdersResultDto } from '@mini-crm/contracts';
import { AuthUser, Can, CurrentUser, Idempotent, RateCost, BULK_RATE_COST } from '@mini-crm/api/core';
import { OrdersService } from './orders.service';

@ApiTags('orders')
@ApiBearerAuth()
@ApiExtraModels(CreateOrderDto, CreateOrdersDto, OrderDto, OrdersResultDto)
@Controller('orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

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
}

import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  ChangeConsentDto,
  ConsentHistoryDto,
  CreateCustomerDto,
  CustomerDetailDto,
  CustomerDto,
  CustomerListQueryDto,
  CustomerPageDto,
  OrderPageDto,
  PageQueryDto,
  RecordVisitDto,
  UpdateCustomerDto,
} from '@mini-crm/contracts';
import { AuthUser, CurrentUser, Can, Idempotent, type JsonText } from '@mini-crm/api/core';
import { CustomerConsentService } from './customer-consent.service';
import { CustomersService } from './customers.service';

@ApiTags('customers')
@ApiBearerAuth()
@Controller('customers')
export class CustomersController {
  constructor(
    private readonly customers: CustomersService,
    private readonly consent: CustomerConsentService,
  ) {}

  @Get()
  @Can('customers.read')
  @ApiOperation({
    summary: 'List customers: search, filter by city or tag, sort; keyset-paged',
    description:
      'With `updatedSince` (ISO 8601) it is the sync feed for integrations: customers created or changed at or ' +
      'after that instant, oldest change first (sort `updated`, order `asc`), keyset-paged by (updatedAt, id). A ' +
      'page stops before the oldest transaction still open, so no change lands behind a cursor already passed; a ' +
      'customer changed while you page comes again later. Resume the next sync from the last `updatedAt` seen ' +
      '(deduplicate by id). Deletions are not listed.',
  })
  @ApiOkResponse({ type: CustomerPageDto })
  @ApiBadRequestResponse({ description: 'Invalid updatedSince, or a sort or order other than updated/asc with it' })
  list(@Query() q: CustomerListQueryDto): Promise<JsonText> {
    return this.customers.list(q);
  }

  @Get(':id')
  @Can('customers.read')
  @ApiOperation({ summary: 'A customer with their 10 most recent orders' })
  @ApiOkResponse({ type: CustomerDetailDto })
  @ApiNotFoundResponse({ description: 'No such customer' })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<CustomerDetailDto> {
    return this.customers.get(id);
  }

  @Post()
  @Can('customers.write')
  @Idempotent()
  @ApiOperation({ summary: 'Create a customer (normalized and validated like an import row)' })
  @ApiCreatedResponse({ type: CustomerDto })
  @ApiBadRequestResponse({ description: 'Invalid email, phone or country, or no identifier' })
  @ApiConflictResponse({ description: 'Another customer has this email, phone or external id' })
  create(@Body() body: CreateCustomerDto, @CurrentUser() actor: AuthUser): Promise<CustomerDto> {
    return this.customers.create(body, actor);
  }

  @Patch(':id')
  @Can('customers.write')
  @ApiOperation({ summary: 'Update a customer; consent changes (emailStatus, smsStatus) are audited' })
  @ApiOkResponse({ type: CustomerDto })
  @ApiBadRequestResponse({ description: 'Invalid values' })
  @ApiNotFoundResponse({ description: 'No such customer' })
  @ApiConflictResponse({
    description: 'Another customer has this email, phone or external id, or the update would re-subscribe a channel',
  })
  update(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: UpdateCustomerDto,
    @CurrentUser() actor: AuthUser,
  ): Promise<CustomerDto> {
    return this.customers.update(id, body, actor);
  }

  @Post(':id/consent')
  @HttpCode(200)
  @Can('customers.write')
  @ApiOperation({
    summary: 'Change one channel’s consent explicitly, with its source (audited)',
    description:
      'The only way to re-subscribe: imports and PATCH only ever tighten consent. Lifting a blocklist entry needs an admin.',
  })
  @ApiOkResponse({ type: CustomerDto })
  @ApiBadRequestResponse({ description: 'Invalid channel, status or source' })
  @ApiForbiddenResponse({ description: 'Lifting a blocklist entry needs an admin' })
  @ApiNotFoundResponse({ description: 'No such customer' })
  changeConsent(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ChangeConsentDto,
    @CurrentUser() actor: AuthUser,
  ): Promise<CustomerDto> {
    return this.consent.changeConsent(id, body, actor);
  }

  @Get(':id/consent-history')
  @Can('customers.read')
  @ApiOperation({ summary: 'A customer’s consent changes per channel, newest first: status, source, who, when' })
  @ApiOkResponse({ type: ConsentHistoryDto })
  @ApiNotFoundResponse({ description: 'No such customer' })
  consentHistory(@Param('id', new ParseUUIDPipe()) id: string): Promise<ConsentHistoryDto> {
    return this.consent.consentHistory(id);
  }

  @Delete(':id')
  @HttpCode(204)
  @Can('customers.write')
  @ApiOperation({ summary: 'Delete a customer and their orders' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ description: 'No such customer' })
  async remove(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() actor: AuthUser): Promise<void> {
    await this.customers.remove(id, actor);
  }

  @Get(':id/orders')
  @Can('customers.read')
  @ApiOperation({ summary: 'A customer’s orders, newest first; keyset-paged' })
  @ApiOkResponse({ type: OrderPageDto })
  @ApiNotFoundResponse({ description: 'No such customer' })
  orders(@Param('id', new ParseUUIDPipe()) id: string, @Query() q: PageQueryDto): Promise<OrderPageDto> {
    return this.customers.orders(id, q.limit ?? 50, q.cursor);
  }

  @Post(':id/visits')
  @Idempotent()
  @HttpCode(200)
  @Can('customers.write')
  @ApiOperation({ summary: 'Record a visit: visit_count + 1, last_active_at moves forward' })
  @ApiOkResponse({ type: CustomerDto })
  @ApiNotFoundResponse({ description: 'No such customer' })
  visit(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: RecordVisitDto,
    @CurrentUser() actor: AuthUser,
  ): Promise<CustomerDto> {
    return this.customers.recordVisit(id, body?.at, actor);
  }
}

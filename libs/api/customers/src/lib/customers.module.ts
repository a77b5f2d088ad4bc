import { Module } from '@nestjs/common';
import { CityAliasesController } from './city-aliases/city-aliases.controller';
import { CityAliasesRepository } from './city-aliases/city-aliases.repository';
import { CityAliasesService } from './city-aliases/city-aliases.service';
import { ConsentModule } from './consent/consent.module';
import { CustomerConsentService } from './customer-consent.service';
import { CustomerWebhooksService } from './customer-webhooks.service';
import { CustomersController } from './customers.controller';
import { CustomersRepository } from './customers.repository';
import { CustomersService } from './customers.service';
import { OrdersController } from './orders.controller';
import { OrderBatchService } from './order-batch.service';
import { OrdersService } from './orders.service';

/**
 * Customers, their orders and visits, and city aliases. Other modules use CustomersService,
 * CustomerConsentService (consent changes, history, erasure) and OrdersService.
 */
@Module({
  imports: [ConsentModule],
  controllers: [CustomersController, OrdersController, CityAliasesController],
  providers: [
    CustomersRepository,
    CustomersService,
    CustomerConsentService,
    CustomerWebhooksService,
    OrdersService,
    OrderBatchService,
    CityAliasesRepository,
    CityAliasesService,
  ],
  exports: [CustomersService, CustomerConsentService, CustomerWebhooksService, OrdersService, CityAliasesService],
})
export class CustomersModule {}

import { Module } from '@nestjs/common';
import { CustomersController } from './customers.controller';
import { CustomersRepository } from './customers.repository';
import { CustomersService } from './customers.service';
import { OrdersController } from './orders.controller';
import { OrdersService } from './orders.service';

/** Customers, their orders and visits. Other modules use CustomersService / OrdersService. */
@Module({
  controllers: [CustomersController, OrdersController],
  providers: [CustomersRepository, CustomersService, OrdersService],
  exports: [CustomersService, OrdersService],
})
export class CustomersModule {}

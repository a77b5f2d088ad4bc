import { Global, Module } from '@nestjs/common';
import { USER_LOOKUP } from '@mini-crm/api/core';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Global()
@Module({
  controllers: [UsersController],
  providers: [UsersRepository, UsersService, { provide: USER_LOOKUP, useExisting: UsersService }],
  exports: [UsersService, USER_LOOKUP],
})
export class UsersModule {}

import { Global, Module } from '@nestjs/common';
import { USER_LOOKUP } from '@mini-crm/api/core';
import { AdmissionService } from './admission/admission.service';
import { UserAdmissionController } from './admission/user-admission.controller';
import { InvitesRepository } from './invites/invites.repository';
import { InvitesService } from './invites/invites.service';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { SessionUserCache } from './session-cache/session-user-cache';
import { UsersService } from './users.service';

@Global()
@Module({
  controllers: [UserAdmissionController, UsersController],
  providers: [
    UsersRepository,
    InvitesRepository,
    AdmissionService,
    InvitesService,
    UsersService,
    SessionUserCache,
    { provide: USER_LOOKUP, useExisting: SessionUserCache },
  ],
  exports: [UsersService, USER_LOOKUP],
})
export class UsersModule {}

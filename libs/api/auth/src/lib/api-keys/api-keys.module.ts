import { Global, Module } from '@nestjs/common';
import { API_KEY_LOOKUP } from '@mini-crm/api/core';
import { ApiKeyAuthenticator } from './api-key-authenticator';
import { ApiKeyCache } from './api-key-cache';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysRepository } from './api-keys.repository';
import { ApiKeysService } from './api-keys.service';

/** API keys: admin management and the lookup the global AuthGuard authenticates keys with. */
@Global()
@Module({
  controllers: [ApiKeysController],
  providers: [
    ApiKeysRepository,
    ApiKeysService,
    ApiKeyCache,
    ApiKeyAuthenticator,
    { provide: API_KEY_LOOKUP, useExisting: ApiKeyAuthenticator },
  ],
  exports: [API_KEY_LOOKUP],
})
export class ApiKeysModule {}

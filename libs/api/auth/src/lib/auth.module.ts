import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { AuthController } from './auth.controller';
import { GoogleIdTokenService } from './google/google-id-token.service';
import { GoogleStrategy } from './google/google.strategy';
import { OAuthStateStore } from './google/oauth-state.store';
import { LoginCodesRepository } from './login-codes.repository';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { SessionPurgeCron } from './session-purge.cron';
import { TokensService } from './tokens.service';

@Module({
  imports: [PassportModule.register({ session: false }), ApiKeysModule],
  controllers: [AuthController],
  providers: [
    RefreshTokensRepository,
    LoginCodesRepository,
    TokensService,
    OAuthStateStore,
    GoogleStrategy,
    GoogleIdTokenService,
    SessionPurgeCron,
  ],
  exports: [TokensService],
})
export class AuthModule {}

import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { AuthController } from './auth.controller';
import { GoogleIdTokenService } from './google/google-id-token.service';
import { GoogleStrategy } from './google/google.strategy';
import { LoginCodesRepository } from './login-codes.repository';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { TokensService } from './tokens.service';

@Module({
  imports: [PassportModule.register({ session: false })],
  controllers: [AuthController],
  providers: [RefreshTokensRepository, LoginCodesRepository, TokensService, GoogleStrategy, GoogleIdTokenService],
  exports: [TokensService],
})
export class AuthModule {}

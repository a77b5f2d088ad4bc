import { Body, Controller, Get, HttpCode, Inject, NotFoundException, Post, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiFoundResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import {
  AuthProvidersDto,
  AuthTokensDto,
  DevLoginDto,
  ExchangeCodeDto,
  GoogleIdTokenDto,
  RefreshTokenDto,
  ROLES,
  UserDto,
} from '@mini-crm/contracts';
import { APP_CONFIG, AppConfig, AuthUser, CurrentUser, OwnAccount, Public, Can } from '@mini-crm/api/core';
import { toUserDto, UsersService } from '@mini-crm/api/users';
import type { users } from '@mini-crm/db';
import { GoogleAuthGuard } from './google/google-auth.guard';
import { GoogleIdTokenService } from './google/google-id-token.service';
import { TokensService } from './tokens.service';

type Reply = { redirect(url: string, code?: number): unknown };

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tokens: TokensService,
    private readonly users: UsersService,
    private readonly googleIdTokens: GoogleIdTokenService,
  ) {}

  @Get('providers')
  @Public()
  @ApiSecurity({})
  @ApiOperation({ summary: 'Which sign-in methods are enabled, and how amounts and dates are shown (public)' })
  @ApiOkResponse({ type: AuthProvidersDto })
  providers(): AuthProvidersDto {
    const g = this.config.auth.google;
    return {
      google: !!(g.clientId && g.clientSecret),
      googleClientId: g.clientId ?? null,
      devLogin: this.config.auth.devLogin,
      display: { locale: this.config.defaults.locale, currency: this.config.defaults.currency },
    };
  }

  @Post('dev-login')
  @Public()
  @HttpCode(200)
  @ApiSecurity({})
  @ApiOperation({ summary: 'Development sign-in by email (only when AUTH_DEV_LOGIN=true; never in production)' })
  @ApiOkResponse({ type: AuthTokensDto })
  @ApiNotFoundResponse({ description: 'Development sign-in is disabled' })
  async devLogin(@Body() body: DevLoginDto): Promise<AuthTokensDto> {
    if (!this.config.auth.devLogin || this.config.nodeEnv === 'production')
      throw new NotFoundException('Development sign-in is disabled');
    const user = await this.users.signIn({ email: body.email, name: body.name }, 'dev');
    if (!user.active) throw new NotFoundException('User is deactivated');
    return this.tokens.issue(user);
  }

  @Get('google')
  @Public()
  @UseGuards(GoogleAuthGuard)
  @ApiSecurity({})
  @ApiOperation({ summary: 'Start Google sign-in: redirects to Google’s consent screen (public)' })
  @ApiFoundResponse({ description: 'Redirect to Google' })
  @ApiNotFoundResponse({ description: 'Google sign-in is not configured' })
  google(): void {
    // GoogleAuthGuard redirects before this runs.
  }

  @Get('google/callback')
  @Public()
  @UseGuards(GoogleAuthGuard)
  @ApiSecurity({})
  @ApiOperation({
    summary: 'Google OAuth callback: signs in and sends the browser to the console with a one-time code (public)',
  })
  @ApiFoundResponse({ description: 'Redirect to the console’s /auth/callback?code=…' })
  @ApiUnauthorizedResponse({ description: 'Google sign-in failed' })
  async googleCallback(@Req() req: { user: typeof users.$inferSelect }, @Res() reply: Reply): Promise<void> {
    const user = req.user;
    const target = user.active
      ? `/auth/callback?code=${encodeURIComponent(await this.tokens.createLoginCode(user.id))}`
      : '/login?error=inactive';
    reply.redirect(`${this.config.auth.consoleUrl}${target}`, 302);
  }

  @Post('google')
  @Public()
  @HttpCode(200)
  @ApiSecurity({})
  @ApiOperation({ summary: 'Sign in with a Google ID token from the Google Identity button (public)' })
  @ApiOkResponse({ type: AuthTokensDto })
  @ApiUnauthorizedResponse({ description: 'Invalid credential' })
  async googleIdToken(@Body() body: GoogleIdTokenDto): Promise<AuthTokensDto> {
    const identity = await this.googleIdTokens.verify(body.credential);
    const user = await this.users.signIn(
      { email: identity.email, name: identity.name, avatar: identity.picture, googleSub: identity.sub },
      'google',
    );
    if (!user.active) throw new NotFoundException('User is deactivated');
    return this.tokens.issue(user);
  }

  @Post('exchange')
  @Public()
  @HttpCode(200)
  @ApiSecurity({})
  @ApiOperation({ summary: 'Exchange the one-time sign-in code for tokens (public)' })
  @ApiOkResponse({ type: AuthTokensDto })
  @ApiUnauthorizedResponse({ description: 'Code invalid, expired or used' })
  exchange(@Body() body: ExchangeCodeDto): Promise<AuthTokensDto> {
    return this.tokens.exchangeLoginCode(body.code);
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiSecurity({})
  @ApiOperation({ summary: 'Rotate a refresh token; reusing a spent one revokes its whole family (public)' })
  @ApiOkResponse({ type: AuthTokensDto })
  @ApiUnauthorizedResponse({ description: 'Unknown, expired, revoked or reused refresh token' })
  refresh(@Body() body: RefreshTokenDto): Promise<AuthTokensDto> {
    return this.tokens.rotate(body.refreshToken);
  }

  @Post('logout')
  @Public()
  @HttpCode(204)
  @ApiSecurity({})
  @ApiOperation({ summary: 'Revoke the refresh token’s family (public: the refresh token is the credential)' })
  @ApiNoContentResponse({ description: 'Signed out' })
  async logout(@Body() body: RefreshTokenDto): Promise<void> {
    await this.tokens.logout(body.refreshToken);
  }

  @Get('me')
  @Can('profile.read')
  @OwnAccount()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in user (any role)' })
  @ApiOkResponse({ type: UserDto })
  async me(@CurrentUser() user: AuthUser): Promise<UserDto> {
    const row = await this.users.findById(user.id);
    if (!row) throw new NotFoundException('User not found');
    return toUserDto(row);
  }
}

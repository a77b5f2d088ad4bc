import {
  Body,
  Controller,
  ForbiddenException,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Post,
  Req,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
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
  StreamTicketDto,
  UserDto,
} from '@mini-crm/contracts';
import type Redis from 'ioredis';
import {
  AllowPending,
  APP_CONFIG,
  AppConfig,
  AuthUser,
  Can,
  CurrentUser,
  issueStreamTicket,
  OwnAccount,
  PeopleOnly,
  Public,
  REDIS,
  STREAM_TICKET_TTL_SECONDS,
} from '@mini-crm/api/core';
import { SignInOutcome, toUserDto, UsersService } from '@mini-crm/api/users';
import { GoogleAuthGuard } from './google/google-auth.guard';
import { GoogleIdTokenService } from './google/google-id-token.service';
import { OAuthRefusedFilter } from './google/oauth-refused.exception';
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
    @Inject(REDIS) private readonly redis: Redis,
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
    return this.tokens.issue(
      signedIn(await this.users.signIn({ email: body.email, name: body.name, verified: true }, 'dev')),
    );
  }

  @Get('google')
  @Public()
  @UseGuards(GoogleAuthGuard)
  @UseFilters(OAuthRefusedFilter)
  @ApiSecurity({})
  @ApiOperation({ summary: 'Start Google sign-in: redirects to Google’s consent screen (public)' })
  @ApiFoundResponse({
    description:
      'Redirect to Google (state + PKCE challenge); sets the HttpOnly cookie that binds the flow to this browser',
  })
  @ApiNotFoundResponse({ description: 'Google sign-in is not configured' })
  google(): void {
    // GoogleAuthGuard redirects before this runs.
  }

  @Get('google/callback')
  @Public()
  @UseGuards(GoogleAuthGuard)
  @UseFilters(OAuthRefusedFilter)
  @ApiSecurity({})
  @ApiOperation({
    summary: 'Google OAuth callback: signs in and sends the browser to the console with a one-time code (public)',
  })
  @ApiFoundResponse({
    description:
      'Redirect to the console’s /auth/callback?code=…, or to /login?error=… when refused (state unknown, used, expired or from another browser; Google error; account not admitted)',
  })
  async googleCallback(@Req() req: { user: SignInOutcome }, @Res() reply: Reply): Promise<void> {
    const outcome = req.user;
    // A pending user gets a session too: the console shows them the waiting-for-approval page.
    const target =
      outcome.kind === 'signed_in'
        ? `/auth/callback?code=${encodeURIComponent(await this.tokens.createLoginCode(outcome.user.id))}`
        : `/login?error=${outcome.reason}`;
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
    const outcome = await this.users.signIn(
      { email: identity.email, verified: true, name: identity.name, avatar: identity.picture, googleSub: identity.sub },
      'google',
    );
    return this.tokens.issue(signedIn(outcome));
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

  @Post('stream-ticket')
  @Can('profile.read')
  @PeopleOnly()
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'A single-use ticket (30 s) for one server-sent event stream, passed as `?ticket=`; the role is checked when the stream opens (any role; not for API keys)',
  })
  @ApiOkResponse({ type: StreamTicketDto })
  async streamTicket(@CurrentUser() user: AuthUser): Promise<StreamTicketDto> {
    return { ticket: await issueStreamTicket(this.redis, user.id), expiresIn: STREAM_TICKET_TTL_SECONDS };
  }

  @Get('me')
  @Can('profile.read')
  @PeopleOnly()
  @OwnAccount()
  @AllowPending()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in user (any role; also a pending user, see `status`); an API key gets 403' })
  @ApiOkResponse({ type: UserDto })
  async me(@CurrentUser() user: AuthUser): Promise<UserDto> {
    const row = await this.users.findById(user.id);
    if (!row) throw new NotFoundException('User not found');
    return toUserDto(row);
  }
}

const REFUSALS: Record<Extract<SignInOutcome, { kind: 'refused' }>['reason'], string> = {
  email_unverified: 'This Google account’s email address is not verified',
  signup_closed: 'Sign-up is closed: ask an administrator for an invitation',
  rejected: 'An administrator declined access for this account',
  deactivated: 'This account is deactivated',
};

/** The signed-in user, or 403 with the refusal's code in `details.code`. */
function signedIn(outcome: SignInOutcome) {
  if (outcome.kind === 'signed_in') return outcome.user;
  throw new ForbiddenException({ message: REFUSALS[outcome.reason], details: { code: outcome.reason } });
}

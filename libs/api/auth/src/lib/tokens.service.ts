import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { users } from '@mini-crm/db';
import type { AuthTokensDto, Role } from '@mini-crm/contracts';
import { APP_CONFIG, AppConfig, AuditService, signAccessToken } from '@mini-crm/api/core';
import { toUserDto, UsersService } from '@mini-crm/api/users';
import { LoginCodesRepository } from './login-codes.repository';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { hashToken, newOpaqueToken } from './token-hash.util';

type UserRow = typeof users.$inferSelect;

/** Who may hold a session: active users, and pending ones (who reach only /api/auth/me until approved). */
const SESSION_STATUSES = ['active', 'pending'];

/** Access JWTs plus rotating refresh tokens (one family per sign-in; reuse of a spent token revokes the family). */
@Injectable()
export class TokensService {
  constructor(
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly loginCodes: LoginCodesRepository,
    private readonly users: UsersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  async issue(user: UserRow, family: string = randomUUID()): Promise<AuthTokensDto> {
    const { jwtSecret, accessTtlSeconds, refreshTtlDays } = this.config.auth;
    const refreshToken = newOpaqueToken();
    await this.refreshTokens.insert({
      userId: user.id,
      tokenHash: hashToken(refreshToken),
      family,
      expiresAt: new Date(Date.now() + refreshTtlDays * 86_400_000),
    });
    const accessToken = await signAccessToken(
      { sub: user.id, role: user.role as Role, email: user.email },
      jwtSecret,
      accessTtlSeconds,
    );
    return { accessToken, refreshToken, expiresIn: accessTtlSeconds, user: toUserDto(user) };
  }

  async rotate(refreshToken: string): Promise<AuthTokensDto> {
    const hash = hashToken(refreshToken);
    const row = await this.refreshTokens.findByHash(hash);
    if (!row) throw new UnauthorizedException('Unknown refresh token');
    if (row.revokedAt) throw new UnauthorizedException('Refresh token revoked');
    if (row.expiresAt.getTime() <= Date.now()) throw new UnauthorizedException('Refresh token expired');
    // Conditional update: exactly one caller can spend a token; anyone else is replaying it.
    if (!(await this.refreshTokens.spend(row.id))) {
      await this.refreshTokens.revokeFamily(row.family);
      await this.audit.record({
        actor: null,
        action: 'auth.refresh_reuse_detected',
        entity: 'user',
        entityId: row.userId,
        diff: { family: row.family },
      });
      throw new UnauthorizedException('Refresh token reuse detected; all sessions of this sign-in were revoked');
    }
    const user = await this.users.findById(row.userId);
    if (!user || !SESSION_STATUSES.includes(user.status)) throw new UnauthorizedException('User is inactive');
    return this.issue(user, row.family);
  }

  async logout(refreshToken: string): Promise<void> {
    const row = await this.refreshTokens.findByHash(hashToken(refreshToken));
    if (row) await this.refreshTokens.revokeFamily(row.family);
  }

  /** One-time code for the browser after the OAuth redirect; tokens never travel in a URL. */
  async createLoginCode(userId: string): Promise<string> {
    const code = newOpaqueToken();
    await this.loginCodes.insert({ codeHash: hashToken(code), userId, expiresAt: new Date(Date.now() + 60_000) });
    return code;
  }

  async exchangeLoginCode(code: string): Promise<AuthTokensDto> {
    const userId = await this.loginCodes.consume(hashToken(code));
    if (!userId) throw new UnauthorizedException('Sign-in code is invalid, expired or already used');
    const user = await this.users.findById(userId);
    if (!user || !SESSION_STATUSES.includes(user.status)) throw new UnauthorizedException('User is inactive');
    return this.issue(user);
  }
}

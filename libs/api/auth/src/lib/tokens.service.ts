import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { loginCodes, refreshTokens, users, Database } from '@mini-crm/db';
import type { AuthTokensDto, Role } from '@mini-crm/contracts';
import { APP_CONFIG, AppConfig, AuditService, DB, signAccessToken } from '@mini-crm/api/core';
import { toUserDto } from '@mini-crm/api/users';
import { hashToken, newOpaqueToken } from './token-hash.util';

type UserRow = typeof users.$inferSelect;

/** Access JWTs plus rotating refresh tokens (one family per sign-in; reuse of a spent token revokes the family). */
@Injectable()
export class TokensService {
  constructor(
    @Inject(DB) private readonly db: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  async issue(user: UserRow, family: string = randomUUID()): Promise<AuthTokensDto> {
    const { jwtSecret, accessTtlSeconds, refreshTtlDays } = this.config.auth;
    const refreshToken = newOpaqueToken();
    await this.db.insert(refreshTokens).values({
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
    const [row] = await this.db.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, hash)).limit(1);
    if (!row) throw new UnauthorizedException('Unknown refresh token');
    if (row.revokedAt) throw new UnauthorizedException('Refresh token revoked');
    if (row.expiresAt.getTime() <= Date.now()) throw new UnauthorizedException('Refresh token expired');
    // Conditional update: exactly one caller can spend a token; anyone else is replaying it.
    const spent = await this.db
      .update(refreshTokens)
      .set({ usedAt: new Date() })
      .where(and(eq(refreshTokens.id, row.id), isNull(refreshTokens.usedAt), isNull(refreshTokens.revokedAt)))
      .returning({ id: refreshTokens.id });
    if (spent.length === 0) {
      await this.revokeFamily(row.family);
      await this.audit.record({
        actor: null,
        action: 'auth.refresh_reuse_detected',
        entity: 'user',
        entityId: row.userId,
        diff: { family: row.family },
      });
      throw new UnauthorizedException('Refresh token reuse detected; all sessions of this sign-in were revoked');
    }
    const [user] = await this.db.select().from(users).where(eq(users.id, row.userId)).limit(1);
    if (!user || !user.active) throw new UnauthorizedException('User is inactive');
    return this.issue(user, row.family);
  }

  async logout(refreshToken: string): Promise<void> {
    const [row] = await this.db
      .select({ family: refreshTokens.family })
      .from(refreshTokens)
      .where(eq(refreshTokens.tokenHash, hashToken(refreshToken)))
      .limit(1);
    if (row) await this.revokeFamily(row.family);
  }

  private async revokeFamily(family: string): Promise<void> {
    await this.db
      .update(refreshTokens)
      .set({ revokedAt: sql`coalesce(${refreshTokens.revokedAt}, now())` })
      .where(eq(refreshTokens.family, family));
  }

  /** One-time code for the browser after the OAuth redirect; tokens never travel in a URL. */
  async createLoginCode(userId: string): Promise<string> {
    const code = newOpaqueToken();
    await this.db
      .insert(loginCodes)
      .values({ codeHash: hashToken(code), userId, expiresAt: new Date(Date.now() + 60_000) });
    return code;
  }

  async exchangeLoginCode(code: string): Promise<AuthTokensDto> {
    const [used] = await this.db
      .update(loginCodes)
      .set({ usedAt: new Date() })
      .where(
        and(eq(loginCodes.codeHash, hashToken(code)), isNull(loginCodes.usedAt), gt(loginCodes.expiresAt, new Date())),
      )
      .returning({ userId: loginCodes.userId });
    if (!used) throw new UnauthorizedException('Sign-in code is invalid, expired or already used');
    const [user] = await this.db.select().from(users).where(eq(users.id, used.userId)).limit(1);
    if (!user || !user.active) throw new UnauthorizedException('User is inactive');
    return this.issue(user);
  }
}

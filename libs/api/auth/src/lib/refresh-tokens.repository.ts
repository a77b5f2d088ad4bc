import { Inject, Injectable } from '@nestjs/common';
import { and, eq, isNull, lte, sql } from 'drizzle-orm';
import { refreshTokens, type Database } from '@mini-crm/db';
import { DB } from '@mini-crm/api/core';

export type RefreshTokenRow = typeof refreshTokens.$inferSelect;

/** The refresh_tokens table: hashed tokens, one family per sign-in. */
@Injectable()
export class RefreshTokensRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  async insert(values: { userId: string; tokenHash: string; family: string; expiresAt: Date }): Promise<void> {
    await this.db.insert(refreshTokens).values(values);
  }

  async findByHash(tokenHash: string): Promise<RefreshTokenRow | null> {
    const [row] = await this.db.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, tokenHash)).limit(1);
    return row ?? null;
  }

  /** Marks the token used if it is neither used nor revoked; false means someone else spent it first. */
  async spend(id: string): Promise<boolean> {
    const spent = await this.db
      .update(refreshTokens)
      .set({ usedAt: new Date() })
      .where(and(eq(refreshTokens.id, id), isNull(refreshTokens.usedAt), isNull(refreshTokens.revokedAt)))
      .returning({ id: refreshTokens.id });
    return spent.length > 0;
  }

  /** Revokes every token of the family; tokens revoked earlier keep their first revocation time. */
  async revokeFamily(family: string): Promise<void> {
    await this.db
      .update(refreshTokens)
      .set({ revokedAt: sql`coalesce(${refreshTokens.revokedAt}, now())` })
      .where(eq(refreshTokens.family, family));
  }

  /** Deletes tokens expired by `now` (they can no longer be used, reuse detection included); answers how many. */
  async deleteExpired(now: Date): Promise<number> {
    const gone = await this.db
      .delete(refreshTokens)
      .where(lte(refreshTokens.expiresAt, now))
      .returning({ id: refreshTokens.id });
    return gone.length;
  }
}

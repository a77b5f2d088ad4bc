import { Inject, Injectable } from '@nestjs/common';
import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { apiKeys, users, type Database, type DbOrTx } from '@mini-crm/db';
import { DB } from '@mini-crm/api/core';

export type ApiKeyRow = typeof apiKeys.$inferSelect;
export type ApiKeyListRow = ApiKeyRow & { createdByEmail: string | null };

/** The api_keys table. */
@Injectable()
export class ApiKeysRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  async insert(
    values: { name: string; role: string; prefix: string; keyHash: string; createdBy: string; expiresAt: Date | null },
    tx: DbOrTx = this.db,
  ): Promise<ApiKeyRow> {
    const [row] = await tx.insert(apiKeys).values(values).returning();
    return row;
  }

  async findByPrefix(prefix: string): Promise<ApiKeyRow | null> {
    const [row] = await this.db.select().from(apiKeys).where(eq(apiKeys.prefix, prefix)).limit(1);
    return row ?? null;
  }

  /** Every key, newest first, with its creator's email. */
  async list(): Promise<ApiKeyListRow[]> {
    const rows = await this.db
      .select({ key: apiKeys, createdByEmail: users.email })
      .from(apiKeys)
      .leftJoin(users, eq(users.id, apiKeys.createdBy))
      .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id))
      .limit(1000);
    return rows.map((r) => ({ ...r.key, createdByEmail: r.createdByEmail }));
  }

  /** Revokes the key unless it already is; answers the row as it is now (null if unknown) and whether this call revoked it. */
  async revoke(id: string, tx: DbOrTx = this.db): Promise<{ row: ApiKeyRow; revoked: boolean } | null> {
    const [revoked] = await tx
      .update(apiKeys)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
      .returning();
    if (revoked) return { row: revoked, revoked: true };
    const [row] = await tx.select().from(apiKeys).where(eq(apiKeys.id, id)).limit(1);
    return row ? { row, revoked: false } : null;
  }

  /** Sets last_used_at to now unless another request did within `seconds` (several API processes race here). */
  async touch(id: string, seconds: number): Promise<void> {
    await this.db
      .update(apiKeys)
      .set({ lastUsedAt: sql`now()` })
      .where(
        and(
          eq(apiKeys.id, id),
          or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, sql`now() - make_interval(secs => ${seconds})`)),
        ),
      );
  }
}

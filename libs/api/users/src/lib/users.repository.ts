import { Inject, Injectable } from '@nestjs/common';
import { and, asc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { keysetPast, users, type Database, type DbOrTx, type Tx } from '@mini-crm/db';
import { DB } from '@mini-crm/api/core';

export type UserRow = typeof users.$inferSelect;

/** The users table. */
@Injectable()
export class UsersRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  async findActive(id: string): Promise<Pick<UserRow, 'id' | 'email' | 'name' | 'role'> | null> {
    const [row] = await this.db
      .select({ id: users.id, email: users.email, name: users.name, role: users.role })
      .from(users)
      .where(and(eq(users.id, id), eq(users.active, true)))
      .limit(1);
    return row ?? null;
  }

  async findById(id: string, tx: DbOrTx = this.db): Promise<UserRow | null> {
    const [row] = await tx.select().from(users).where(eq(users.id, id)).limit(1);
    return row ?? null;
  }

  /**
   * Inserts the user or refreshes their sign-in fields. The very first user becomes admin, later
   * ones viewer; the lock and the one-statement role choice keep two first sign-ins from both winning.
   */
  async upsertOnSignIn(
    tx: Tx,
    p: { email: string; name: string; avatar: string | null; googleSub: string | null },
  ): Promise<UserRow> {
    await tx.execute(sql`select pg_advisory_xact_lock(4242001)`);
    const [row] = await tx
      .insert(users)
      .values({
        ...p,
        role: sql`case when exists (select 1 from ${users}) then 'viewer' else 'admin' end`,
        lastLoginAt: new Date(),
      })
      .onConflictDoUpdate({
        target: users.email,
        set: {
          lastLoginAt: new Date(),
          avatar: sql`coalesce(excluded.avatar, ${users.avatar})`,
          googleSub: sql`coalesce(${users.googleSub}, excluded.google_sub)`,
        },
      })
      .returning();
    return row;
  }

  /** Serializes role and activation changes until `tx` ends, so the last-admin check cannot race. */
  async lockRoleChanges(tx: Tx): Promise<void> {
    await tx.execute(sql`select pg_advisory_xact_lock(4242002)`);
  }

  async countActiveAdmins(tx: DbOrTx = this.db): Promise<number> {
    const [{ n }] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(users)
      .where(and(eq(users.role, 'admin'), eq(users.active, true)));
    return n;
  }

  async setRoleAndActive(id: string, patch: { role: string; active: boolean }, tx: DbOrTx = this.db): Promise<UserRow> {
    const [row] = await tx.update(users).set(patch).where(eq(users.id, id)).returning();
    return row;
  }

  /** One page plus one row in (createdAt, id) order after `after`, optionally matching `q` in email or name. */
  async list(q: { limit: number; q?: string; after: [Date, string] | null }): Promise<UserRow[]> {
    const where: SQL[] = [];
    if (q.q) {
      const like = `%${q.q.replace(/[\\%_]/g, '\\$&')}%`;
      where.push(or(ilike(users.email, like), ilike(users.name, like)) as SQL);
    }
    if (q.after) where.push(keysetPast('asc', [users.createdAt, users.id], q.after));
    return this.db
      .select()
      .from(users)
      .where(where.length ? and(...where) : undefined)
      .orderBy(asc(users.createdAt), asc(users.id))
      .limit(q.limit + 1);
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { and, asc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { keysetPast, users, type Database, type DbOrTx, type Tx } from '@mini-crm/db';
import { DB } from '@mini-crm/api/core';

export type UserRow = typeof users.$inferSelect;

/** The users table. */
@Injectable()
export class UsersRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  /** The user if they may hold a session (active or pending), else null. */
  async findSignedIn(id: string): Promise<Pick<UserRow, 'id' | 'email' | 'name' | 'role' | 'status'> | null> {
    const [row] = await this.db
      .select({ id: users.id, email: users.email, name: users.name, role: users.role, status: users.status })
      .from(users)
      .where(and(eq(users.id, id), inArray(users.status, ['active', 'pending'])))
      .limit(1);
    return row ?? null;
  }

  async findByEmail(email: string, tx: DbOrTx = this.db): Promise<UserRow | null> {
    const [row] = await tx.select().from(users).where(eq(users.email, email)).limit(1);
    return row ?? null;
  }

  async findById(id: string, tx: DbOrTx = this.db): Promise<UserRow | null> {
    const [row] = await tx.select().from(users).where(eq(users.id, id)).limit(1);
    return row ?? null;
  }

  /** Serializes sign-ins until `tx` ends, so two first sign-ins cannot both become the first admin. */
  async lockSignIns(tx: Tx): Promise<void> {
    await tx.execute(sql`select pg_advisory_xact_lock(4242001)`);
  }

  async hasAnyUser(tx: DbOrTx = this.db): Promise<boolean> {
    const [row] = await tx.select({ id: users.id }).from(users).limit(1);
    return !!row;
  }

  async insert(
    p: { email: string; name: string; avatar: string | null; googleSub: string | null; role: string; status: string },
    tx: DbOrTx = this.db,
  ): Promise<UserRow> {
    const [row] = await tx
      .insert(users)
      .values({ ...p, lastLoginAt: new Date() })
      .returning();
    return row;
  }

  /** Refreshes sign-in fields (and the role/status admission decided) of an existing user. */
  async updateOnSignIn(
    id: string,
    p: { avatar: string | null; googleSub: string | null; role: string; status: string },
    tx: DbOrTx = this.db,
  ): Promise<UserRow> {
    const [row] = await tx
      .update(users)
      .set({
        lastLoginAt: new Date(),
        role: p.role,
        status: p.status,
        avatar: sql`coalesce(${p.avatar}::text, ${users.avatar})`,
        googleSub: sql`coalesce(${users.googleSub}, ${p.googleSub}::text)`,
      })
      .where(eq(users.id, id))
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
      .where(and(eq(users.role, 'admin'), eq(users.status, 'active')));
    return n;
  }

  async setRoleAndStatus(id: string, patch: { role: string; status: string }, tx: DbOrTx = this.db): Promise<UserRow> {
    const [row] = await tx.update(users).set(patch).where(eq(users.id, id)).returning();
    return row;
  }

  /** One page plus one row in (createdAt, id) order after `after`, optionally matching `q` in email or name. */
  async list(q: { limit: number; q?: string; status?: string; after: [Date, string] | null }): Promise<UserRow[]> {
    const where: SQL[] = [];
    if (q.status) where.push(eq(users.status, q.status));
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

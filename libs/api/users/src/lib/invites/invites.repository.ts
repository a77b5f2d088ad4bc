import { Inject, Injectable } from '@nestjs/common';
import { asc, eq } from 'drizzle-orm';
import { userInvites, type Database, type DbOrTx } from '@mini-crm/db';
import { DB } from '@mini-crm/api/core';

export type InviteRow = typeof userInvites.$inferSelect;

/** The user_invites table: open invitations by email. */
@Injectable()
export class InvitesRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  async findByEmail(email: string, tx: DbOrTx = this.db): Promise<InviteRow | null> {
    const [row] = await tx.select().from(userInvites).where(eq(userInvites.email, email)).limit(1);
    return row ?? null;
  }

  async insert(p: { email: string; role: string; invitedBy: string }, tx: DbOrTx = this.db): Promise<InviteRow> {
    const [row] = await tx.insert(userInvites).values(p).returning();
    return row;
  }

  async list(): Promise<InviteRow[]> {
    return this.db.select().from(userInvites).orderBy(asc(userInvites.createdAt), asc(userInvites.id)).limit(1000);
  }

  /** Deletes the invite; answers the deleted row (null if there was none). */
  async delete(id: string, tx: DbOrTx = this.db): Promise<InviteRow | null> {
    const [row] = await tx.delete(userInvites).where(eq(userInvites.id, id)).returning();
    return row ?? null;
  }
}

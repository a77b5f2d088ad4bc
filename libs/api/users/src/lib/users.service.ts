import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { and, asc, eq, gt, ilike, or, sql, SQL } from 'drizzle-orm';
import { users, Database } from '@mini-crm/db';
import type { Role, UpdateUserDto, UserDto } from '@mini-crm/contracts';
import { AuditService, AuthUser, DB, decodeCursor, Page, toPage, UserLookup } from '@mini-crm/api/core';
import { toUserDto } from './user.mapper';

export interface SignInProfile {
  email: string;
  name?: string;
  avatar?: string | null;
  googleSub?: string | null;
}

@Injectable()
export class UsersService implements UserLookup {
  constructor(
    @Inject(DB) private readonly db: Database,
    private readonly audit: AuditService,
  ) {}

  async findActiveUser(id: string) {
    const [row] = await this.db
      .select({ id: users.id, email: users.email, name: users.name, role: users.role })
      .from(users)
      .where(and(eq(users.id, id), eq(users.active, true)))
      .limit(1);
    return row ? { ...row, role: row.role as Role } : null;
  }

  async findById(id: string): Promise<typeof users.$inferSelect | null> {
    const [row] = await this.db.select().from(users).where(eq(users.id, id)).limit(1);
    return row ?? null;
  }

  /**
   * Creates or updates the user on sign-in. The very first user becomes admin, later ones viewer;
   * the role choice and the insert happen in one statement so two first sign-ins cannot both win.
   */
  async signIn(profile: SignInProfile, method: 'google' | 'dev'): Promise<typeof users.$inferSelect> {
    const email = profile.email.trim().toLowerCase();
    const name = profile.name?.trim() || email.split('@')[0];
    return this.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(4242001)`);
      const [row] = await tx
        .insert(users)
        .values({
          email,
          name,
          avatar: profile.avatar ?? null,
          googleSub: profile.googleSub ?? null,
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
      await this.audit.record(
        {
          actor: { id: row.id, email: row.email },
          action: 'auth.sign_in',
          entity: 'user',
          entityId: row.id,
          diff: { method },
        },
        tx as unknown as Database,
      );
      return row;
    });
  }

  async list(q: { limit: number; cursor?: string; q?: string }): Promise<Page<UserDto>> {
    const key = decodeCursor(q.cursor, 2);
    const where: SQL[] = [];
    if (q.q) {
      const like = `%${q.q.replace(/[\\%_]/g, '\\$&')}%`;
      where.push(or(ilike(users.email, like), ilike(users.name, like)) as SQL);
    }
    if (key) {
      const at = new Date(String(key[0]));
      where.push(or(gt(users.createdAt, at), and(eq(users.createdAt, at), gt(users.id, String(key[1])))) as SQL);
    }
    const rows = await this.db
      .select()
      .from(users)
      .where(where.length ? and(...where) : undefined)
      .orderBy(asc(users.createdAt), asc(users.id))
      .limit(q.limit + 1);
    const page = toPage(rows, q.limit, (r) => [r.createdAt.toISOString(), r.id]);
    return { items: page.items.map(toUserDto), nextCursor: page.nextCursor };
  }

  /** Role / activation change. The last active admin can be neither demoted nor deactivated (409). */
  async update(id: string, patch: UpdateUserDto, actor: AuthUser): Promise<UserDto> {
    return this.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(4242002)`);
      const [current] = await tx.select().from(users).where(eq(users.id, id)).limit(1);
      if (!current) throw new NotFoundException(`User ${id} not found`);
      const nextRole = patch.role ?? current.role;
      const nextActive = patch.active ?? current.active;
      const losesAdmin = current.role === 'admin' && current.active && (nextRole !== 'admin' || !nextActive);
      if (losesAdmin) {
        const [{ n }] = await tx
          .select({ n: sql<number>`count(*)::int` })
          .from(users)
          .where(and(eq(users.role, 'admin'), eq(users.active, true)));
        if (n <= 1)
          throw new ConflictException(
            'The last active admin cannot be demoted or deactivated; promote another admin first',
          );
      }
      const [row] = await tx
        .update(users)
        .set({ role: nextRole, active: nextActive })
        .where(eq(users.id, id))
        .returning();
      const t = tx as unknown as Database;
      if (nextRole !== current.role) {
        await this.audit.record(
          {
            actor,
            action: 'user.role_changed',
            entity: 'user',
            entityId: id,
            diff: { from: current.role, to: nextRole },
          },
          t,
        );
      }
      if (nextActive !== current.active) {
        await this.audit.record(
          {
            actor,
            action: nextActive ? 'user.activated' : 'user.deactivated',
            entity: 'user',
            entityId: id,
            diff: { from: current.active, to: nextActive },
          },
          t,
        );
      }
      return toUserDto(row);
    });
  }
}

import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { withTransaction, type Database } from '@mini-crm/db';
import type { Role, UpdateUserDto, UserDto } from '@mini-crm/contracts';
import { AuditService, AuthUser, DB, decodeCursor, Page, toPage, UserLookup } from '@mini-crm/api/core';
import { toUserDto } from './user.mapper';
import { UserRow, UsersRepository } from './users.repository';

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
    private readonly repo: UsersRepository,
    private readonly audit: AuditService,
  ) {}

  async findActiveUser(id: string) {
    const row = await this.repo.findActive(id);
    return row ? { ...row, role: row.role as Role } : null;
  }

  async findById(id: string): Promise<UserRow | null> {
    return this.repo.findById(id);
  }

  /** Creates or updates the user on sign-in; the very first user becomes admin, later ones viewer. */
  async signIn(profile: SignInProfile, method: 'google' | 'dev'): Promise<UserRow> {
    const email = profile.email.trim().toLowerCase();
    const name = profile.name?.trim() || email.split('@')[0];
    return withTransaction(this.db, async (tx) => {
      const row = await this.repo.upsertOnSignIn(tx, {
        email,
        name,
        avatar: profile.avatar ?? null,
        googleSub: profile.googleSub ?? null,
      });
      await this.audit.record(
        {
          actor: { id: row.id, email: row.email },
          action: 'auth.sign_in',
          entity: 'user',
          entityId: row.id,
          diff: { method },
        },
        tx,
      );
      return row;
    });
  }

  async list(q: { limit: number; cursor?: string; q?: string }): Promise<Page<UserDto>> {
    const key = decodeCursor(q.cursor, 2);
    const rows = await this.repo.list({
      limit: q.limit,
      q: q.q,
      after: key ? [new Date(String(key[0])), String(key[1])] : null,
    });
    const page = toPage(rows, q.limit, (r) => [r.createdAt.toISOString(), r.id]);
    return { items: page.items.map(toUserDto), nextCursor: page.nextCursor };
  }

  /** Role / activation change. The last active admin can be neither demoted nor deactivated (409). */
  async update(id: string, patch: UpdateUserDto, actor: AuthUser): Promise<UserDto> {
    return withTransaction(this.db, async (tx) => {
      await this.repo.lockRoleChanges(tx);
      const current = await this.repo.findById(id, tx);
      if (!current) throw new NotFoundException(`User ${id} not found`);
      const nextRole = patch.role ?? current.role;
      const nextActive = patch.active ?? current.active;
      const losesAdmin = current.role === 'admin' && current.active && (nextRole !== 'admin' || !nextActive);
      if (losesAdmin && (await this.repo.countActiveAdmins(tx)) <= 1)
        throw new ConflictException(
          'The last active admin cannot be demoted or deactivated; promote another admin first',
        );
      const row = await this.repo.setRoleAndActive(id, { role: nextRole, active: nextActive }, tx);
      if (nextRole !== current.role) {
        await this.audit.record(
          {
            actor,
            action: 'user.role_changed',
            entity: 'user',
            entityId: id,
            diff: { from: current.role, to: nextRole },
          },
          tx,
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
          tx,
        );
      }
      return toUserDto(row);
    });
  }
}

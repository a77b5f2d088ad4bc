import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { withTransaction, type Database, type Tx } from '@mini-crm/db';
import type { Role, UpdateUserDto, UserDto, UserStatus } from '@mini-crm/contracts';
import { AuditService, AuthUser, DB, decodeCursor, Page, SessionUser, toPage, UserLookup } from '@mini-crm/api/core';
import { AdmissionService, SignInOutcome, SignInProfile } from './admission/admission.service';
import { SessionUserCache } from './session-cache/session-user-cache';
import { toSessionUser, toUserDto } from './user.mapper';
import { UserRow, UsersRepository } from './users.repository';

@Injectable()
export class UsersService implements UserLookup {
  constructor(
    @Inject(DB) private readonly db: Database,
    private readonly repo: UsersRepository,
    private readonly audit: AuditService,
    private readonly admission: AdmissionService,
    private readonly sessions: SessionUserCache,
  ) {}

  async findSessionUser(id: string): Promise<SessionUser | null> {
    const row = await this.repo.findSignedIn(id);
    return row ? toSessionUser(row) : null;
  }

  async findById(id: string): Promise<UserRow | null> {
    return this.repo.findById(id);
  }

  /** Admission rules decide (AdmissionService); refused sign-ins create no session. */
  async signIn(profile: SignInProfile, method: 'google' | 'dev'): Promise<SignInOutcome> {
    const outcome = await this.admission.signIn(profile, method);
    // a sign-in may change role or status (an invite used, an admission rule)
    if (outcome.kind === 'signed_in') await this.sessions.invalidate(outcome.user.id);
    return outcome;
  }

  async list(q: { limit: number; cursor?: string; q?: string; status?: UserStatus }): Promise<Page<UserDto>> {
    const key = decodeCursor(q.cursor, 2);
    const rows = await this.repo.list({
      limit: q.limit,
      q: q.q,
      status: q.status,
      after: key ? [new Date(String(key[0])), String(key[1])] : null,
    });
    const page = toPage(rows, q.limit, (r) => [r.createdAt.toISOString(), r.id]);
    return { items: page.items.map(toUserDto), nextCursor: page.nextCursor };
  }

  /** Role / activation change. The last active admin can be neither demoted nor deactivated (409). */
  async update(id: string, patch: UpdateUserDto, actor: AuthUser): Promise<UserDto> {
    const dto = await withTransaction(this.db, async (tx) => {
      await this.repo.lockRoleChanges(tx);
      const current = await this.repo.findById(id, tx);
      if (!current) throw new NotFoundException(`User ${id} not found`);
      const nextRole = patch.role ?? current.role;
      let nextStatus = current.status;
      if (patch.active !== undefined && patch.active !== (current.status === 'active')) {
        if (current.status === 'pending' || current.status === 'rejected')
          throw new ConflictException(`This user is ${current.status}: approve or reject them instead`);
        nextStatus = patch.active ? 'active' : 'deactivated';
      }
      await this.guardLastAdmin(current, nextRole, nextStatus, tx);
      const row = await this.repo.setRoleAndStatus(id, { role: nextRole, status: nextStatus }, tx);
      if (nextRole !== current.role)
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
      if (nextStatus !== current.status)
        await this.audit.record(
          {
            actor,
            action: nextStatus === 'active' ? 'user.activated' : 'user.deactivated',
            entity: 'user',
            entityId: id,
            diff: { from: current.status === 'active', to: nextStatus === 'active' },
          },
          tx,
        );
      return toUserDto(row);
    });
    await this.sessions.invalidate(id);
    return dto;
  }

  /** A pending (or rejected) user becomes active with `role`; their current token works at once. */
  approve(id: string, role: Role, actor: AuthUser): Promise<UserDto> {
    return this.decide(id, { status: 'active', role }, 'user.approved', actor);
  }

  /** A pending user is refused: their session stops working and they cannot sign in again. */
  reject(id: string, actor: AuthUser): Promise<UserDto> {
    return this.decide(id, { status: 'rejected' }, 'user.rejected', actor);
  }

  private async decide(
    id: string,
    next: { status: 'active' | 'rejected'; role?: Role },
    action: 'user.approved' | 'user.rejected',
    actor: AuthUser,
  ): Promise<UserDto> {
    const dto = await withTransaction(this.db, async (tx) => {
      await this.repo.lockRoleChanges(tx);
      const current = await this.repo.findById(id, tx);
      if (!current) throw new NotFoundException(`User ${id} not found`);
      const allowed = next.status === 'active' ? ['pending', 'rejected'] : ['pending'];
      if (!allowed.includes(current.status))
        throw new ConflictException(`This user is ${current.status}, not pending; use their role and access settings`);
      const role = next.role ?? current.role;
      const row = await this.repo.setRoleAndStatus(id, { role, status: next.status }, tx);
      await this.audit.record(
        { actor, action, entity: 'user', entityId: id, diff: { from: current.status, to: next.status, role } },
        tx,
      );
      return toUserDto(row);
    });
    await this.sessions.invalidate(id);
    return dto;
  }

  private async guardLastAdmin(current: UserRow, nextRole: string, nextStatus: string, tx: Tx): Promise<void> {
    const losesAdmin =
      current.role === 'admin' && current.status === 'active' && (nextRole !== 'admin' || nextStatus !== 'active');
    if (losesAdmin && (await this.repo.countActiveAdmins(tx)) <= 1)
      throw new ConflictException(
        'The last active admin cannot be demoted or deactivated; promote another admin first',
      );
  }
}

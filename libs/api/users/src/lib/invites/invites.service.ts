import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { withTransaction, type Database } from '@mini-crm/db';
import type { CreateInviteDto, InviteDto, Role } from '@mini-crm/contracts';
import { AuditService, AuthUser, DB } from '@mini-crm/api/core';
import { UsersRepository } from '../users.repository';
import { InviteRow, InvitesRepository } from './invites.repository';

export function toInviteDto(row: InviteRow): InviteDto {
  return {
    id: row.id,
    email: row.email,
    role: row.role as Role,
    invitedBy: row.invitedBy,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Admin invitations: an invited email signing in becomes active with the invite's role (then the invite is used up). */
@Injectable()
export class InvitesService {
  constructor(
    @Inject(DB) private readonly db: Database,
    private readonly invites: InvitesRepository,
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<InviteDto[]> {
    return (await this.invites.list()).map(toInviteDto);
  }

  async create(body: CreateInviteDto, actor: AuthUser): Promise<InviteDto> {
    const email = body.email.trim().toLowerCase();
    return withTransaction(this.db, async (tx) => {
      await this.users.lockSignIns(tx);
      const user = await this.users.findByEmail(email, tx);
      if (user && user.status !== 'pending')
        throw new ConflictException(`${email} already has an account (${user.status}); change it on the Users page`);
      if (await this.invites.findByEmail(email, tx)) throw new ConflictException(`${email} is already invited`);
      const row = await this.invites.insert({ email, role: body.role, invitedBy: actor.id }, tx);
      await this.audit.record(
        { actor, action: 'user.invited', entity: 'user_invite', entityId: row.id, diff: { email, role: body.role } },
        tx,
      );
      return toInviteDto(row);
    });
  }

  async revoke(id: string, actor: AuthUser): Promise<void> {
    await withTransaction(this.db, async (tx) => {
      const row = await this.invites.delete(id, tx);
      if (!row) throw new NotFoundException(`Invite ${id} not found`);
      await this.audit.record(
        { actor, action: 'user.invite_revoked', entity: 'user_invite', entityId: id, diff: { email: row.email } },
        tx,
      );
    });
  }
}

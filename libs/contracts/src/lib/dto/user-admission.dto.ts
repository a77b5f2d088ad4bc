import { IsEmail, IsIn, MaxLength } from 'class-validator';
import { ROLES } from '../roles';
import type { Role } from '../roles';

/** Approve a pending (or rejected) user with a role. */
export class ApproveUserDto {
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role!: Role;
}

/** Invite an email: signing in with it makes an active user with `role`, whatever its domain. */
export class CreateInviteDto {
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;

  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role!: Role;
}

export class InviteDto {
  /** UUID */
  id!: string;
  email!: string;
  role!: Role;
  invitedBy?: string | null;
  createdAt!: string;
}

export class InviteListDto {
  items!: InviteDto[];
}

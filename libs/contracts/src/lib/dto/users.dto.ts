import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ROLES, USER_STATUSES } from '../roles';
import type { Role, UserStatus } from '../roles';
import { PageQueryDto } from './page-query.dto';
import { UserDto } from './auth.dto';

export class UpdateUserDto {
  @IsOptional()
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role?: Role;

  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class UserListQueryDto extends PageQueryDto {
  /** Filter by email or name (substring, case-insensitive). */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  /** Only users with this status, e.g. `pending` for the approval queue. */
  @IsOptional()
  @IsIn(USER_STATUSES, { message: `status must be one of ${USER_STATUSES.join(', ')}` })
  status?: UserStatus;
}

export class UserPageDto {
  items!: UserDto[];
  nextCursor!: string | null;
}

export class AuditEntryDto {
  id!: string;
  actorId?: string | null;
  actorEmail?: string | null;
  action!: string;
  entity!: string;
  entityId?: string | null;
  diff?: Record<string, unknown> | null;
  /** The x-request-id of the HTTP request that made the change (null for background work). */
  requestId?: string | null;
  at!: string;
}

export class AuditQueryDto extends PageQueryDto {
  /** Actor user id. */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  actor?: string;

  /** Action name, e.g. `user.role_changed`. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  action?: string;
}

export class AuditPageDto {
  items!: AuditEntryDto[];
  nextCursor!: string | null;
}

import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  AuditPageDto,
  AuditQueryDto,
  UpdateUserDto,
  UserDto,
  UserListQueryDto,
  UserPageDto,
} from '@mini-crm/contracts';
import { AuditService, AuthUser, CurrentUser, Can } from '@mini-crm/api/core';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller()
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly audit: AuditService,
  ) {}

  @Get('users')
  @Can('users.manage')
  @ApiOperation({ summary: 'List users, optionally by status (e.g. the pending approval queue) (admin)' })
  @ApiOkResponse({ type: UserPageDto })
  list(@Query() q: UserListQueryDto): Promise<UserPageDto> {
    return this.users.list({ limit: q.limit ?? 50, cursor: q.cursor, q: q.q, status: q.status });
  }

  @Patch('users/:id')
  @Can('users.manage')
  @ApiOperation({ summary: 'Change a user’s role or active flag (admin)' })
  @ApiOkResponse({ type: UserDto })
  @ApiNotFoundResponse({ description: 'No such user' })
  @ApiConflictResponse({ description: 'Would leave no active admin' })
  update(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: UpdateUserDto,
    @CurrentUser() actor: AuthUser,
  ): Promise<UserDto> {
    return this.users.update(id, body, actor);
  }

  @Get('audit')
  @Can('audit.read')
  @ApiOperation({ summary: 'Read the audit log, newest first (admin)' })
  @ApiOkResponse({ type: AuditPageDto })
  auditLog(@Query() q: AuditQueryDto): Promise<AuditPageDto> {
    return this.audit.list({ limit: q.limit ?? 50, cursor: q.cursor, actor: q.actor, action: q.action });
  }
}

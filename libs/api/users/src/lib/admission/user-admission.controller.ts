import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApproveUserDto, CreateInviteDto, InviteDto, InviteListDto, UserDto } from '@mini-crm/contracts';
import { AuthUser, CurrentUser, Can } from '@mini-crm/api/core';
import { InvitesService } from '../invites/invites.service';
import { UsersService } from '../users.service';

/** Who may sign in: the approval queue and invitations (admin). */
@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UserAdmissionController {
  constructor(
    private readonly users: UsersService,
    private readonly invites: InvitesService,
  ) {}

  @Post(':id/approve')
  @HttpCode(200)
  @Can('users.manage')
  @ApiOperation({ summary: 'Approve a pending (or rejected) user with a role (admin)' })
  @ApiOkResponse({ type: UserDto })
  @ApiNotFoundResponse({ description: 'No such user' })
  @ApiConflictResponse({ description: 'The user is not pending or rejected' })
  approve(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ApproveUserDto,
    @CurrentUser() actor: AuthUser,
  ): Promise<UserDto> {
    return this.users.approve(id, body.role, actor);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Can('users.manage')
  @ApiOperation({ summary: 'Reject a pending user: their session ends and they cannot sign in (admin)' })
  @ApiOkResponse({ type: UserDto })
  @ApiNotFoundResponse({ description: 'No such user' })
  @ApiConflictResponse({ description: 'The user is not pending' })
  reject(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() actor: AuthUser): Promise<UserDto> {
    return this.users.reject(id, actor);
  }

  @Get('invites')
  @Can('users.manage')
  @ApiOperation({ summary: 'Open invitations (admin)' })
  @ApiOkResponse({ type: InviteListDto })
  async listInvites(): Promise<InviteListDto> {
    return { items: await this.invites.list() };
  }

  @Post('invites')
  @Can('users.manage')
  @ApiOperation({ summary: 'Invite an email with a role; it signs in as an active user whatever its domain (admin)' })
  @ApiCreatedResponse({ type: InviteDto })
  @ApiConflictResponse({ description: 'Already invited, or already has an account' })
  invite(@Body() body: CreateInviteDto, @CurrentUser() actor: AuthUser): Promise<InviteDto> {
    return this.invites.create(body, actor);
  }

  @Delete('invites/:id')
  @HttpCode(204)
  @Can('users.manage')
  @ApiOperation({ summary: 'Revoke an invitation (admin)' })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiNotFoundResponse({ description: 'No such invite' })
  async revokeInvite(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() actor: AuthUser): Promise<void> {
    await this.invites.revoke(id, actor);
  }
}

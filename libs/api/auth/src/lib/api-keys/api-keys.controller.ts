import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiKeyListDto, CreateApiKeyDto, CreatedApiKeyDto } from '@mini-crm/contracts';
import { AuthUser, Can, CurrentUser } from '@mini-crm/api/core';
import { ApiKeysService } from './api-keys.service';

/** API keys for machines (admin). */
@ApiTags('api-keys')
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Get()
  @Can('apikeys.manage')
  @ApiOperation({ summary: 'List API keys, newest first, with creator, last use, expiry and revocation (admin)' })
  @ApiOkResponse({ type: ApiKeyListDto })
  async list(): Promise<ApiKeyListDto> {
    return { items: await this.keys.list() };
  }

  @Post()
  @Can('apikeys.manage')
  @ApiOperation({
    summary: 'Create an API key (viewer or marketer); the answer holds the key, shown this once only (admin)',
  })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  @ApiBadRequestResponse({ description: 'Invalid name, a role other than viewer or marketer, or a past expiry' })
  create(@Body() body: CreateApiKeyDto, @CurrentUser() actor: AuthUser): Promise<CreatedApiKeyDto> {
    return this.keys.create(body, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @Can('apikeys.manage')
  @ApiOperation({ summary: 'Revoke an API key; it is refused from the next request on (admin)' })
  @ApiNoContentResponse({ description: 'Revoked (or already revoked)' })
  @ApiNotFoundResponse({ description: 'No such API key' })
  async revoke(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() actor: AuthUser): Promise<void> {
    await this.keys.revoke(id, actor);
  }
}

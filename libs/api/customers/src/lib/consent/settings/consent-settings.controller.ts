import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ConsentSettingsDto, ErrorDto, UpdateConsentSettingsDto } from '@mini-crm/contracts';
import { AuthUser, CurrentUser, Can } from '@mini-crm/api/core';
import { ConsentSettingsService } from './consent-settings.service';

@ApiTags('settings')
@ApiBearerAuth()
@Controller('settings/consent')
export class ConsentSettingsController {
  constructor(private readonly settings: ConsentSettingsService) {}

  @Get()
  @Can('settings.read')
  @ApiOperation({ summary: 'Default consent of imported rows without a consent column, per channel' })
  @ApiOkResponse({ type: ConsentSettingsDto })
  get(): Promise<ConsentSettingsDto> {
    return this.settings.get();
  }

  @Put()
  @Can('settings.manage')
  @ApiOperation({ summary: 'Change the default consent of imported rows without a consent column (admin)' })
  @ApiOkResponse({ type: ConsentSettingsDto })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'A status other than subscribed or unsubscribed' })
  update(@Body() body: UpdateConsentSettingsDto, @CurrentUser() actor: AuthUser): Promise<ConsentSettingsDto> {
    return this.settings.update(body, actor);
  }
}

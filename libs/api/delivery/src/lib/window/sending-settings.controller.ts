import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ErrorDto, SendingWindowSettingsDto, UpdateSendingWindowSettingsDto } from '@mini-crm/contracts';
import { AuthUser, CurrentUser, Can } from '@mini-crm/api/core';
import { SendingSettingsService } from './sending-settings.service';

@ApiTags('settings')
@ApiBearerAuth()
@Controller('settings/sending')
export class SendingSettingsController {
  constructor(private readonly settings: SendingSettingsService) {}

  @Get()
  @Can('settings.read')
  @ApiOperation({ summary: 'Workspace sending settings: time zone and default sending window per channel' })
  @ApiOkResponse({ type: SendingWindowSettingsDto })
  get(): Promise<SendingWindowSettingsDto> {
    return this.settings.effective(true);
  }

  @Put()
  @Can('settings.manage')
  @ApiOperation({
    summary: 'Change the workspace time zone or a channel’s default sending window (admin); null turns a window off',
  })
  @ApiOkResponse({ type: SendingWindowSettingsDto })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'Malformed time, equal start and end, unknown time zone' })
  update(
    @Body() body: UpdateSendingWindowSettingsDto,
    @CurrentUser() actor: AuthUser,
  ): Promise<SendingWindowSettingsDto> {
    return this.settings.update(body, actor);
  }
}

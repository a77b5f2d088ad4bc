import { Controller, Delete, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PrivacyExportDto } from '@mini-crm/contracts';
import { AuthUser, CurrentUser, Can } from '@mini-crm/api/core';
import { PrivacyService } from './privacy.service';

@ApiTags('customers')
@ApiBearerAuth()
@Controller('customers')
export class PrivacyController {
  constructor(private readonly privacy: PrivacyService) {}

  @Get(':id/privacy-export')
  @Can('data.export')
  @ApiOperation({
    summary: 'Everything stored about one customer as JSON (data-subject access request; audited)',
  })
  @ApiOkResponse({ type: PrivacyExportDto })
  @ApiNotFoundResponse({ description: 'No such customer' })
  export(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() actor: AuthUser): Promise<PrivacyExportDto> {
    return this.privacy.export(id, actor);
  }

  @Delete(':id/erase')
  @Can('customers.erase')
  @ApiOperation({
    summary: 'Erase a customer’s personal data (admin; audited)',
    description:
      'Clears identifiers, names, location, tags and attributes, the messages’ recipient and text and the events’ metadata. ' +
      'Channels the person had left stay on the suppression list, so a re-import is never messaged there.',
  })
  @ApiOkResponse({ description: 'Which channels were suppressed and how many messages were scrubbed' })
  @ApiNotFoundResponse({ description: 'No such customer' })
  erase(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentUser() actor: AuthUser,
  ): Promise<{ suppressed: Array<'email' | 'sms'>; messages: number }> {
    return this.privacy.erase(id, actor);
  }
}

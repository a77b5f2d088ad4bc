import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SegmentFieldsDto } from '@mini-crm/contracts';
import { Can } from '@mini-crm/api/core';
import { SegmentFieldsService } from './segment-fields.service';

@ApiTags('segments')
@ApiBearerAuth()
@Controller('segment-fields')
export class SegmentFieldsController {
  constructor(private readonly fields: SegmentFieldsService) {}

  @Get()
  @Can('segments.read')
  @ApiOperation({
    summary: 'Fields a segment rule can use, attribute keys found in the data, and frequent values for autocomplete',
  })
  @ApiOkResponse({ type: SegmentFieldsDto })
  describe(): Promise<SegmentFieldsDto> {
    return this.fields.describe();
  }
}

import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiGatewayTimeoutResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import {
  CreateSegmentDto,
  ErrorDto,
  PageQueryDto,
  SegmentCustomerPageDto,
  SegmentDetailDto,
  SegmentDto,
  SegmentListQueryDto,
  SegmentPageDto,
  SegmentPreviewDto,
  SegmentPreviewRequestDto,
  UpdateSegmentDto,
} from '@mini-crm/contracts';
import { AuthUser, CurrentUser, Can, RateCost, BULK_RATE_COST, Idempotent } from '@mini-crm/api/core';
import { SegmentsService } from './segments.service';
import { SegmentExportService } from './segment-export.service';

const uuid = new ParseUUIDPipe();

@ApiTags('segments')
@ApiBearerAuth()
@Controller('segment-rules')
export class SegmentsController {
  constructor(
    private readonly segments: SegmentsService,
    private readonly exporter: SegmentExportService,
  ) {}

  @Post('preview')
  @HttpCode(200)
  @Can('segments.read')
  @ApiOperation({ summary: 'Count the customers matching a rule tree and show a sample of 20' })
  @ApiOkResponse({ type: SegmentPreviewDto })
  @ApiBadRequestResponse({
    type: ErrorDto,
    description: 'Invalid rules; `details` holds paths like `rules[1].rules[0].value`',
  })
  @ApiGatewayTimeoutResponse({ type: ErrorDto, description: 'The query exceeded the statement timeout' })
  preview(@Body() body: SegmentPreviewRequestDto): Promise<SegmentPreviewDto> {
    return this.segments.preview(body.rules);
  }

  @Get()
  @Can('segments.read')
  @ApiOperation({ summary: 'List saved segments, most recently changed first' })
  @ApiOkResponse({ type: SegmentPageDto })
  list(@Query() q: SegmentListQueryDto): Promise<SegmentPageDto> {
    return this.segments.list({ limit: q.limit ?? 50, cursor: q.cursor, q: q.q, includeArchived: q.includeArchived });
  }

  @Post()
  @Idempotent()
  @Can('segments.write')
  @ApiOperation({ summary: 'Save a segment' })
  @ApiCreatedResponse({ type: SegmentDto })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'Invalid body or rules' })
  @ApiConflictResponse({ type: ErrorDto, description: 'A segment with this name exists' })
  create(@Body() body: CreateSegmentDto, @CurrentUser() actor: AuthUser): Promise<SegmentDto> {
    return this.segments.create(body, actor);
  }

  @Get(':id')
  @Can('segments.read')
  @ApiOperation({ summary: 'A saved segment with its size history' })
  @ApiOkResponse({ type: SegmentDetailDto })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'No such segment' })
  get(@Param('id', uuid) id: string): Promise<SegmentDetailDto> {
    return this.segments.get(id);
  }

  @Patch(':id')
  @Can('segments.write')
  @ApiOperation({ summary: 'Rename, describe or change the rules of a segment' })
  @ApiOkResponse({ type: SegmentDto })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'No such segment' })
  @ApiConflictResponse({ type: ErrorDto, description: 'A segment with this name exists' })
  update(
    @Param('id', uuid) id: string,
    @Body() body: UpdateSegmentDto,
    @CurrentUser() actor: AuthUser,
  ): Promise<SegmentDto> {
    return this.segments.update(id, body, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @Can('segments.write')
  @ApiOperation({ summary: 'Delete a segment no campaign uses' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'No such segment' })
  @ApiConflictResponse({ type: ErrorDto, description: 'A campaign uses the segment; archive it instead' })
  async remove(@Param('id', uuid) id: string, @CurrentUser() actor: AuthUser): Promise<void> {
    await this.segments.remove(id, actor);
  }

  @Post(':id/archive')
  @HttpCode(200)
  @Can('segments.write')
  @ApiOperation({ summary: 'Archive a segment (hidden from lists and daily snapshots)' })
  @ApiOkResponse({ type: SegmentDto })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'No such segment' })
  archive(@Param('id', uuid) id: string, @CurrentUser() actor: AuthUser): Promise<SegmentDto> {
    return this.segments.setArchived(id, true, actor);
  }

  @Post(':id/unarchive')
  @HttpCode(200)
  @Can('segments.write')
  @ApiOperation({ summary: 'Restore an archived segment' })
  @ApiOkResponse({ type: SegmentDto })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'No such segment' })
  unarchive(@Param('id', uuid) id: string, @CurrentUser() actor: AuthUser): Promise<SegmentDto> {
    return this.segments.setArchived(id, false, actor);
  }

  @Get(':id/customers')
  @Can('segments.read')
  @ApiOperation({ summary: 'Page through the customers a segment matches now, by id' })
  @ApiOkResponse({ type: SegmentCustomerPageDto })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'No such segment' })
  customers(@Param('id', uuid) id: string, @Query() q: PageQueryDto): Promise<SegmentCustomerPageDto> {
    return this.segments.audiencePage(id, { limit: q.limit ?? 50, cursor: q.cursor });
  }

  @Get(':id/export.csv')
  @RateCost(BULK_RATE_COST)
  @Can('data.export')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'Download the segment’s customers as CSV (streamed; formula-safe cells)' })
  @ApiOkResponse({ description: 'CSV attachment', content: { 'text/csv': { schema: { type: 'string' } } } })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'No such segment' })
  async exportCsv(@Param('id', uuid) id: string, @CurrentUser() actor: AuthUser): Promise<StreamableFile> {
    const { fileName, stream } = await this.exporter.exportCsv(id, actor);
    return new StreamableFile(stream, {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="${fileName}"`,
    });
  }
}

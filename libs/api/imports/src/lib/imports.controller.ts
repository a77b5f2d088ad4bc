import {
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  Sse,
  StreamableFile,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Observable } from 'rxjs';
import {
  ImportCreatedDto,
  ImportJobDto,
  ImportListQueryDto,
  ImportPageDto,
  ImportPreviewDto,
  DUPLICATE_POLICIES,
  IMPORT_KINDS,
} from '@mini-crm/contracts';
import {
  AuthUser,
  CurrentUser,
  Can,
  ContactMaskInterceptor,
  Idempotent,
  RateCost,
  BULK_RATE_COST,
} from '@mini-crm/api/core';
import { ImportsService } from './imports.service';
import { ImportStreamTargetGuard } from './import-stream-target.guard';
import type { MultipartRequest } from './http/multipart-upload.util';

const FILE_FIELD = {
  type: 'string',
  format: 'binary',
  description: 'The CSV file (UTF-8/UTF-16/Windows-1252; comma, semicolon or tab). Its content type is ignored.',
};

@ApiTags('imports')
@ApiBearerAuth()
@Controller('imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post()
  @HttpCode(202)
  @Can('imports.run')
  @Idempotent()
  @RateCost(BULK_RATE_COST)
  @ApiOperation({ summary: 'Upload a CSV file and queue its import' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'kind'],
      properties: {
        file: FILE_FIELD,
        kind: { type: 'string', enum: [...IMPORT_KINDS] },
        mapping: {
          type: 'string',
          description: 'JSON object: header → field (`email`, `first_name`, `attributes.<key>`, `ignore` …)',
        },
        duplicatePolicy: { type: 'string', enum: [...DUPLICATE_POLICIES], default: 'skip' },
        defaultCountry: {
          type: 'string',
          description: 'ISO alpha-2 for phone numbers without a country prefix (default DEFAULT_COUNTRY)',
        },
        dateOrder: { type: 'string', enum: ['dmy', 'mdy'], default: 'dmy' },
        emailConsent: {
          type: 'string',
          enum: ['subscribed', 'unsubscribed'],
          description:
            'email consent of new customers whose row has no email consent value (default: consent settings)',
        },
        smsConsent: {
          type: 'string',
          enum: ['subscribed', 'unsubscribed'],
          description: 'SMS consent of new customers whose row has no SMS consent value (default: consent settings)',
        },
        consentSource: { type: 'string', description: 'where the file’s consent comes from (consent history)' },
      },
    },
  })
  @ApiAcceptedResponse({
    type: ImportCreatedDto,
    description: 'Queued; follow it with GET /api/imports/{id} or /events',
  })
  @ApiBadRequestResponse({ description: 'No file, or invalid form fields' })
  create(@Req() req: MultipartRequest, @CurrentUser() actor: AuthUser): Promise<ImportCreatedDto> {
    return this.imports.create(req, actor);
  }

  @Post('preview')
  @HttpCode(200)
  @Can('imports.run')
  @ApiOperation({ summary: 'Preview the first 20 rows with the detected encoding, delimiter and mapping' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'kind'],
      properties: {
        file: {
          ...FILE_FIELD,
          description: 'The CSV file; only its first megabyte is read, so sending a slice is enough.',
        },
        kind: { type: 'string', enum: [...IMPORT_KINDS] },
        mapping: { type: 'string', description: 'Optional mapping override (JSON)' },
        defaultCountry: { type: 'string' },
        dateOrder: { type: 'string', enum: ['dmy', 'mdy'] },
      },
    },
  })
  @ApiOkResponse({ type: ImportPreviewDto })
  @ApiBadRequestResponse({ description: 'Not a CSV file, or a bad mapping' })
  preview(@Req() req: MultipartRequest): Promise<ImportPreviewDto> {
    return this.imports.preview(req);
  }

  @Get()
  @Can('imports.read')
  @ApiOperation({ summary: 'List imports, newest first' })
  @ApiOkResponse({ type: ImportPageDto })
  list(@Query() q: ImportListQueryDto): Promise<ImportPageDto> {
    return this.imports.list(q.limit ?? 50, q.cursor);
  }

  @Get(':id')
  @Can('imports.read')
  @ApiOperation({ summary: 'Status, counts and progress of an import' })
  @ApiOkResponse({ type: ImportJobDto })
  @ApiNotFoundResponse({ description: 'No such import' })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<ImportJobDto> {
    return this.imports.get(id);
  }

  @Sse(':id/events')
  @Can('imports.read')
  @UseGuards(ImportStreamTargetGuard)
  @UseInterceptors(ContactMaskInterceptor)
  @ApiOperation({
    summary:
      'Server-sent events: the import’s state (same shape as GET /imports/{id}) while it runs; EventSource passes `?ticket=` from POST /api/auth/stream-ticket',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    type: ImportJobDto,
    description: 'text/event-stream; each event’s data is an ImportJob; the stream ends after a terminal status',
  })
  events(@Param('id') id: string): Observable<{ data: ImportJobDto }> {
    return this.imports.events(id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Can('imports.run')
  @ApiOperation({ summary: 'Cancel a queued or running import (batches already written stay, and are counted)' })
  @ApiOkResponse({ type: ImportJobDto })
  @ApiNotFoundResponse({ description: 'No such import' })
  cancel(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() actor: AuthUser): Promise<ImportJobDto> {
    return this.imports.cancel(id, actor);
  }

  @Get(':id/errors.csv')
  @RateCost(BULK_RATE_COST)
  @Can('data.export')
  @ApiOperation({ summary: 'Error report: row, severity, column, message, original cells (formula-safe CSV)' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV with header row,severity,column,message,original', schema: { type: 'string' } })
  @ApiNotFoundResponse({ description: 'No such import' })
  async errors(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() actor: AuthUser): Promise<StreamableFile> {
    const { stream, fileName } = await this.imports.errorReport(id, actor);
    return new StreamableFile(stream, {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="${fileName}"`,
    });
  }
}

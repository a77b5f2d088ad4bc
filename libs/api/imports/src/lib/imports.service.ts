import { BadRequestException, Inject, Injectable, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Observable } from 'rxjs';
import {
  CreateImportDto,
  IMPORT_FILE_EMPTY,
  IMPORT_FILE_NO_DATA_ROWS,
  PreviewImportDto,
  type ImportKindValue,
  type ImportJobDto,
  type ImportPageDto,
  type ImportPreviewDto,
} from '@mini-crm/contracts';
import {
  APP_CONFIG,
  AuditService,
  auditedExport,
  decodeCursor,
  IMPORT_QUEUE,
  Queues,
  toPage,
  type AppConfig,
  type AuthUser,
} from '@mini-crm/api/core';
import type { CountryCode } from 'libphonenumber-js/min';
import { normalizeCountry } from '@mini-crm/customer-data';
import { CityAliasesService, ConsentSettingsService } from '@mini-crm/api/customers';
import { previewCsv } from './parsing/csv-preview.util';
import { createErrorReportStream, joinCsvLine } from './parsing/error-report.util';
import { ImportMappingError, NotCsvError } from './parsing/import.errors';
import { ImportJobsRepository, type ImportJobOptions } from './jobs/import-jobs.repository';
import { isTerminal, toImportJobDto } from './jobs/import-job.mapper';
import { readUploadHead, saveUpload, type MultipartRequest } from './http/multipart-upload.util';
import { UploadStorage } from './storage/upload-storage.service';

const PREVIEW_BYTES = 1024 * 1024;
/** import_jobs.file_size is a 32-bit integer. */
const MAX_IMPORT_BYTES = 2 ** 31 - 1;
const EVENTS_INTERVAL_MS = 500;

@Injectable()
export class ImportsService {
  constructor(
    private readonly jobs: ImportJobsRepository,
    private readonly queues: Queues,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly cityAliases: CityAliasesService,
    private readonly consentSettings: ConsentSettingsService,
    private readonly storage: UploadStorage,
  ) {}

  /** Saves the upload (to shared storage: any worker may run the job), records the job and queues it. */
  async create(req: MultipartRequest, actor: AuthUser): Promise<{ id: string }> {
    const upload = await saveUpload(req, join(this.config.dataDir, 'uploads'));
    let stored: string | null = null;
    try {
      if (upload.size > MAX_IMPORT_BYTES)
        throw new PayloadTooLargeException(
          `The file is larger than ${MAX_IMPORT_BYTES} bytes; split it into smaller files`,
        );
      const form = await validateForm(CreateImportDto, upload.fields);
      const defaults = await this.consentSettings.get();
      const options: ImportJobOptions = {
        duplicatePolicy: form.duplicatePolicy ?? 'skip',
        mapping: parseMapping(form.mapping),
        defaultCountry: checkCountry(form.defaultCountry) ?? this.config.defaults.country,
        defaultCurrency: this.config.defaults.currency,
        dateOrder: form.dateOrder ?? 'dmy',
        consent: {
          email: form.emailConsent ?? defaults.importEmailStatus,
          sms: form.smsConsent ?? defaults.importSmsStatus,
          source: form.consentSource?.trim() || null,
        },
        requestedByEmail: actor.email,
      };
      if (upload.size === 0) throw fileProblem(IMPORT_FILE_EMPTY);
      await assertHasDataRows(createReadStream(upload.path), form.kind, {
        ...options,
        defaultCountry: options.defaultCountry as CountryCode,
      });
      stored = await this.storage.store(upload.path);
      const job = await this.jobs.create({
        kind: form.kind,
        fileName: upload.fileName,
        filePath: stored,
        fileSize: upload.size,
        options,
        createdBy: actor.id,
      });
      await this.queues
        .queue(IMPORT_QUEUE)
        .add(
          'import',
          { importId: job.id },
          { jobId: job.id, attempts: 1, removeOnComplete: 1000, removeOnFail: 1000 },
        );
      await this.audit.record({
        actor,
        action: 'import.started',
        entity: 'import',
        entityId: job.id,
        diff: {
          kind: form.kind,
          fileName: upload.fileName,
          fileSize: upload.size,
          duplicatePolicy: options.duplicatePolicy,
          consent: options.consent,
        },
      });
      return { id: job.id };
    } catch (err) {
      if (stored && stored !== upload.path) await this.storage.discard(stored);
      throw err;
    } finally {
      // The stored copy is what the job reads (unless UPLOAD_STORAGE=local made them one and the same).
      if (stored !== upload.path) await rm(upload.path, { force: true });
    }
  }

  /** The first 20 rows of a file with the detected encoding, delimiter and mapping. */
  async preview(req: MultipartRequest): Promise<ImportPreviewDto> {
    const { head, fields } = await readUploadHead(req, PREVIEW_BYTES);
    const form = await validateForm(PreviewImportDto, fields);
    try {
      const preview = await previewCsv(Readable.from([head]), form.kind, 20, {
        mapping: parseMapping(form.mapping),
        defaultCountry: (checkCountry(form.defaultCountry) ?? this.config.defaults.country) as CountryCode,
        defaultCurrency: this.config.defaults.currency,
        dateOrder: form.dateOrder ?? 'dmy',
        cityAliases: form.kind === 'customers' ? await this.cityAliases.aliasMap() : undefined,
      });
      // A header-only file previews (the console stops at the mapping step and says why); an empty one cannot.
      if (preview.headers.length === 0) throw fileProblem(IMPORT_FILE_EMPTY);
      return JSON.parse(JSON.stringify(preview)) as ImportPreviewDto;
    } catch (err) {
      throw asHttpError(err);
    }
  }

  async get(id: string): Promise<ImportJobDto> {
    const row = await this.jobs.get(id);
    if (!row) throw new NotFoundException(`Import ${id} not found`);
    return toImportJobDto(row);
  }

  async list(limit: number, cursor?: string): Promise<ImportPageDto> {
    const key = decodeCursor(cursor, 2);
    const rows = await this.jobs.list(limit + 1, key ? [new Date(String(key[0])), String(key[1])] : null);
    const page = toPage(rows, limit, (r) => [r.createdAt.toISOString(), r.id]);
    return { items: page.items.map((r) => toImportJobDto(r)), nextCursor: page.nextCursor };
  }

  async cancel(id: string, actor: AuthUser): Promise<ImportJobDto> {
    const row = await this.jobs.get(id);
    if (!row) throw new NotFoundException(`Import ${id} not found`);
    await this.jobs.cancel(id);
    await this.audit.record({ actor, action: 'import.cancelled', entity: 'import', entityId: id });
    return this.get(id);
  }

  /** The job's state every half second while it changes; completes after a terminal state. */
  events(id: string): Observable<{ data: ImportJobDto }> {
    return new Observable((subscriber) => {
      let last = '';
      let timer: NodeJS.Timeout | null = null;
      let closed = false;
      const tick = async () => {
        try {
          const row = await this.jobs.get(id);
          if (closed) return;
          if (!row) {
            subscriber.error(new NotFoundException(`Import ${id} not found`));
            return;
          }
          const dto = toImportJobDto(row);
          const text = JSON.stringify(dto);
          if (text !== last) {
            last = text;
            subscriber.next({ data: dto });
          }
          if (isTerminal(row.status)) subscriber.complete();
          else timer = setTimeout(() => void tick(), EVENTS_INTERVAL_MS);
        } catch (err) {
          if (!closed) subscriber.error(err);
        }
      };
      void tick();
      return () => {
        closed = true;
        if (timer) clearTimeout(timer);
      };
    });
  }

  /** The error report as a CSV stream: row, severity, column, message, original (every cell formula-neutralized). */
  async errorReport(id: string, actor: AuthUser): Promise<{ stream: Readable; fileName: string }> {
    const row = await this.jobs.get(id);
    if (!row) throw new NotFoundException(`Import ${id} not found`);
    const jobs = this.jobs;
    async function* issues() {
      let after: [number, string] | null = null;
      for (;;) {
        const page = await jobs.issues(id, 1000, after);
        for (const x of page) {
          const raw = x.raw ? (JSON.parse(x.raw) as string[]) : [];
          yield {
            rowNumber: x.row,
            severity: x.severity,
            column: x.column ?? '',
            message: x.message,
            raw: joinCsvLine(raw),
          };
        }
        if (page.length < 1000) return;
        const lastIssue = page[page.length - 1];
        after = [lastIssue.row, lastIssue.id];
      }
    }
    const report = createErrorReportStream();
    const source = Readable.from(
      auditedExport(issues(), this.audit, { actor, action: 'import.errors_exported', entity: 'import', entityId: id }),
    );
    source.on('error', (err) => report.destroy(err));
    source.pipe(report);
    const base = row.fileName.replace(/\.[^.]*$/, '').replace(/[^\w.-]+/g, '_') || 'import';
    return { stream: report, fileName: `${base}-errors.csv` };
  }
}

function fileProblem(message: string): BadRequestException {
  return new BadRequestException({ message, details: [{ path: 'file', message }] });
}

/** Reading problems of an upload as 400s: not a CSV (the file), a mapping naming an unknown field (the mapping). */
function asHttpError(err: unknown): unknown {
  if (err instanceof NotCsvError) return fileProblem(err.message);
  if (err instanceof ImportMappingError) {
    return new BadRequestException({
      message: err.message,
      details: Object.entries(err.details).map(([header, message]) => ({ path: `mapping.${header}`, message })),
    });
  }
  return err;
}

/**
 * 400 unless the file has a header row and at least one row under it, read exactly as the import will read it
 * (only up to the first data row). Nothing is queued for a file with nothing to import.
 */
async function assertHasDataRows(
  stream: Readable,
  kind: ImportKindValue,
  options: Parameters<typeof previewCsv>[3],
): Promise<void> {
  let preview: Awaited<ReturnType<typeof previewCsv>>;
  try {
    preview = await previewCsv(stream, kind, 1, options);
  } catch (err) {
    throw asHttpError(err);
  } finally {
    stream.destroy();
  }
  if (preview.headers.length === 0) throw fileProblem(IMPORT_FILE_EMPTY);
  if (preview.rows.length === 0) throw fileProblem(IMPORT_FILE_NO_DATA_ROWS);
}

async function validateForm<T extends object>(cls: new () => T, fields: Record<string, string>): Promise<T> {
  const form = plainToInstance(cls, fields);
  const errors = await validate(form, { whitelist: true });
  if (errors.length > 0) {
    const details = errors.flatMap((e) =>
      Object.values(e.constraints ?? {}).map((message) => ({ path: e.property, message })),
    );
    throw new BadRequestException({ message: 'Validation failed', details });
  }
  return form;
}

function parseMapping(text: string | undefined): Record<string, string> | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BadRequestException({
      message: 'mapping is not valid JSON',
      details: [{ path: 'mapping', message: 'mapping must be a JSON object of header → field' }],
    });
  }
  if (
    value === null ||
    typeof value !== 'object' ||
    Array.isArray(value) ||
    Object.values(value).some((v) => typeof v !== 'string')
  ) {
    throw new BadRequestException({
      message: 'mapping must be a JSON object of header → field',
      details: [{ path: 'mapping', message: 'mapping must be a JSON object of header → field' }],
    });
  }
  return value as Record<string, string>;
}

function checkCountry(code: string | undefined): string | undefined {
  if (!code) return undefined;
  const r = normalizeCountry(code);
  if (!r.ok)
    throw new BadRequestException({
      message: `Unknown country ${code}`,
      details: [{ path: 'defaultCountry', message: r.reason }],
    });
  return r.value;
}

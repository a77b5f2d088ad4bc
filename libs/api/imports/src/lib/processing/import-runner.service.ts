import { Inject, Injectable, Logger, OnModuleDestroy, Optional } from '@nestjs/common';
import { rm } from 'node:fs/promises';
import type { CountryCode } from 'libphonenumber-js/min';
import type { DbHandle } from '@mini-crm/db';
import {
  APP_CONFIG,
  AuditService,
  countImportRows,
  DB_HANDLE,
  WebhookEvents,
  type AppConfig,
} from '@mini-crm/api/core';
import {
  CityAliasesService,
  ORDER_ATTRIBUTION,
  ORDERS_BOOKED_LISTENER,
  type OrderAttribution,
  type OrdersBookedListener,
} from '@mini-crm/api/customers';
import type { ImportKind } from '../parsing/import.types';
import { ImportJobsRepository, type ImportJobOptions } from '../jobs/import-jobs.repository';
import { createStagingTables, openBatchSession, type BatchSession } from '../writing/batch-session';
import { writeCustomerBatch, type BatchOutcome, type ImportConsentContext } from '../writing/customer-batch.writer';
import { SUBSCRIBED_BY_DEFAULT } from '../writing/customer-wire';
import type { CustomerWireBatch } from '../writing/customer-wire';
import { writeOrderBatch, type OrderRefColumns } from '../writing/order-batch-import.writer';
import type { OrderWireBatch } from '../writing/order-wire';
import { startParser } from './parser-thread';
import { UploadStorage, type LocalUpload } from '../storage/upload-storage.service';
import type { ParsedFileInfo } from './parse-to-wire';

class ImportCancelled extends Error {}
class ImportStopped extends Error {}

/**
 * Runs one import job: a parser (worker thread) streams normalized batches; this thread writes
 * each batch, its row issues and the job's counters in one transaction, so the counters always
 * describe exactly what landed. A cancel is noticed by the counter update itself (it only matches
 * a running job), which rolls that batch back.
 */
@Injectable()
export class ImportRunner implements OnModuleDestroy {
  private readonly log = new Logger('ImportRunner');
  private stopping = false;

  constructor(
    @Inject(DB_HANDLE) private readonly handle: DbHandle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: ImportJobsRepository,
    private readonly cityAliases: CityAliasesService,
    private readonly audit: AuditService,
    private readonly webhooks: WebhookEvents,
    private readonly storage: UploadStorage,
    @Optional() @Inject(ORDER_ATTRIBUTION) private readonly attribution: OrderAttribution | null = null,
    @Optional() @Inject(ORDERS_BOOKED_LISTENER) private readonly booked: OrdersBookedListener | null = null,
  ) {}

  onModuleDestroy(): void {
    this.stopping = true;
  }

  async run(importId: string): Promise<void> {
    const job = await this.jobs.get(importId);
    if (!job) return;
    if (job.status === 'running') {
      // Picked up again after a crash or restart: earlier batches are committed and counted.
      await this.jobs.finish(
        importId,
        'failed',
        'interrupted: the server stopped during the import. The counts show what landed; import the file again with duplicatePolicy=skip to add the rest.',
      );
    }
    // A job that will not run: a stored upload stays until its retention purge, a local file goes now.
    if (job.status !== 'queued' || !(await this.jobs.start(importId))) {
      if (job.filePath && this.storage.settings.mode === 'local') await rm(job.filePath, { force: true });
      return;
    }
    const options = job.options as ImportJobOptions;
    const kind = job.kind as ImportKind;
    const server = this.handle.driver === 'pg';
    const consent = consentContext(job.fileName, options, job.createdBy);
    let session: BatchSession | null = null;
    let file: LocalUpload | null = null;
    try {
      file = job.filePath ? await this.storage.open(job.filePath) : null;
    } catch (e) {
      const message = `the uploaded file could not be read: ${(e as Error).message}`;
      await this.jobs.finish(importId, 'failed', message);
      await this.recordFinished(importId, options);
      return;
    }
    const parser = startParser(
      {
        filePath: file?.path ?? '',
        kind,
        mapping: options.mapping,
        normalize: {
          defaultCountry: options.defaultCountry as CountryCode,
          defaultCurrency: options.defaultCurrency,
          dateOrder: options.dateOrder,
          cityAliases: kind === 'customers' ? await this.cityAliases.aliasMap() : undefined,
        },
        batchSize: Number(this.config.env['IMPORT_BATCH_SIZE']) || (server ? 5000 : 2000),
        withCopy: server,
        consentDefaults: consent.defaults,
      },
      this.config.env['IMPORT_PARSER_THREADS'] !== '0',
    );
    let bytesRead = 0;
    try {
      session = await openBatchSession(this.handle);
      if (server) await session.transaction((tx) => createStagingTables(tx));
      let info: ParsedFileInfo | null = null;
      for await (const message of parser.messages) {
        if (message.type === 'error') throw new Error(message.message);
        if (message.type === 'info') {
          info = message.info;
          continue;
        }
        const batch = message.batch;
        const columns = orderRefColumns(info);
        const written = await session.transaction(async (tx) => {
          const outcome: BatchOutcome =
            batch.kind === 'customers'
              ? await writeCustomerBatch(tx, batch as CustomerWireBatch, options.duplicatePolicy, consent)
              : await writeOrderBatch(tx, batch as OrderWireBatch, columns, this.attribution);
          const issues =
            outcome.issues.length === 0
              ? batch.errors
              : [...batch.errors, ...outcome.issues].sort((a, b) => a.rowNumber - b.rowNumber);
          await this.jobs.addIssues(tx.db, importId, issues);
          const counted = await this.jobs.addCounts(tx.db, importId, {
            rows: batch.rowNumbers.length + batch.failedRows,
            inserted: outcome.inserted,
            updated: outcome.updated,
            duplicates: outcome.duplicates,
            failed: batch.failedRows + outcome.failed,
            warnings: issues.reduce((n, x) => n + (x.severity === 'warning' ? 1 : 0), 0),
            bytesRead: batch.bytesRead,
          });
          if (!counted) throw new ImportCancelled();
          return outcome;
        });
        // After the commit: the figures count rows that landed.
        countImportRows(kind, { ...written, failed: batch.failedRows + written.failed });
        bytesRead = batch.bytesRead;
        if (this.stopping) throw new ImportStopped();
        // PGlite is one connection: give queued API requests (progress, cancel) their turn between batches.
        if (!server) await new Promise((r) => setTimeout(r, 1));
      }
      await this.jobs.finish(importId, 'completed', null, { bytesRead: job.fileSize });
    } catch (err) {
      if (err instanceof ImportCancelled) await this.jobs.finish(importId, 'failed', null);
      else if (err instanceof ImportStopped)
        await this.jobs.finish(
          importId,
          'failed',
          'interrupted: the server shut down during the import. The counts show what landed; import the file again with duplicatePolicy=skip to add the rest.',
          { bytesRead },
        );
      else {
        const message = err instanceof Error ? err.message : String(err);
        this.log.warn(`import ${importId} failed: ${message}`);
        await this.jobs.finish(importId, 'failed', message, { bytesRead });
      }
    } finally {
      await parser.stop().catch(() => undefined);
      await session?.close();
      await file?.release();
      await this.recordFinished(importId, options);
    }
  }

  /** Admin › Audit shows who imported which file and what came of it. */
  private async recordFinished(importId: string, options: ImportJobOptions): Promise<void> {
    const done = await this.jobs.get(importId);
    if (!done) return;
    const { createdBy, kind, fileName, status, rows, inserted, updated, duplicates, failed, warnings } = done;
    await this.audit
      .record({
        actor: createdBy ? { id: createdBy, email: options.requestedByEmail ?? '' } : null,
        action: 'import.finished',
        entity: 'import',
        entityId: importId,
        diff: { kind, fileName, status, rows, inserted, updated, duplicates, failed, warnings },
      })
      .catch((err: unknown) => this.log.warn(`import ${importId}: audit entry not written: ${String(err)}`));
    // Orders that landed count even when the import stopped part-way (its batches committed).
    if (kind === 'orders' && inserted + updated > 0) await this.booked?.ordersBooked(inserted + updated);
    if (status === 'completed' || status === 'failed')
      await this.webhooks.publish(`import.${status}`, {
        importId,
        kind,
        fileName,
        status,
        message: done.message ?? null,
        counts: { rows, inserted, updated, duplicates, failed, warnings },
      });
  }
}

/** The consent new rows get and the note the consent history keeps for this import. */
function consentContext(fileName: string, options: ImportJobOptions, createdBy: string | null): ImportConsentContext {
  const c = options.consent;
  const defaults = c ? { email: c.email, sms: c.sms } : SUBSCRIBED_BY_DEFAULT;
  const source = c?.source ? `; source: ${c.source}` : '';
  return {
    defaults,
    note: `import of ${fileName} (rows without a consent value: email ${defaults.email}, SMS ${defaults.sms}${source})`,
    actorId: createdBy,
  };
}

function orderRefColumns(info: ParsedFileInfo | null): OrderRefColumns {
  const header = (field: string) => info?.mapping.find((m) => m.target === field)?.header ?? field;
  return { customerEmail: header('customer_email'), customerExternalId: header('customer_external_id') };
}

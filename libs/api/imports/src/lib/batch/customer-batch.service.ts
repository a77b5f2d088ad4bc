import { Inject, Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import {
  CreateCustomerDto,
  type BatchIssueDto,
  type BatchRecordResultDto,
  type BatchResultDto,
} from '@mini-crm/contracts';
import { withTransaction, type Database } from '@mini-crm/db';
import {
  APP_CONFIG,
  AuditService,
  DB,
  flattenValidationErrors,
  type AppConfig,
  type AuthUser,
  type FieldIssue,
} from '@mini-crm/api/core';
import {
  batchRecords,
  batchResult,
  CityAliasesService,
  consentSourceOf,
  CustomerWebhooksService,
  normalizeCustomerInput,
  recordPath,
} from '@mini-crm/api/customers';
import type { CustomerRecord, NormalizedRow } from '../parsing/import.types';
import { writeCustomerBatch } from '../writing/customer-batch.writer';
import { encodeCustomerBatch, SUBSCRIBED_BY_DEFAULT } from '../writing/customer-wire';

/** The writer names identifier columns as the import file would; the API names the record's field. */
const FIELD_OF_COLUMN: Record<string, string> = { 'external id': 'externalId', email: 'email', phone: 'phone' };

/**
 * `POST /api/customers/batch`: upserts up to 1,000 customers. Each record is validated and normalized
 * as `POST /api/customers` does; invalid ones are reported with their paths and change nothing. The
 * valid ones go through the CSV import's writer with its `update` duplicate policy, in one
 * transaction: a record matches a stored customer (or an earlier record) by externalId, else email,
 * else phone; a match takes the record's non-empty values, and consent only ever tightens. New
 * customers get the consent the record says, else subscribed, as `POST /api/customers` does. Consent
 * history is written with the API's source (`admin` for an admin, else `api`).
 */
@Injectable()
export class CustomerBatchService {
  constructor(
    @Inject(DB) private readonly db: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly aliases: CityAliasesService,
    private readonly customerWebhooks: CustomerWebhooksService,
  ) {}

  async upsert(body: unknown, actor: AuthUser): Promise<BatchResultDto> {
    const records = batchRecords(body);
    const aliases = await this.aliases.aliasMap();
    const results: BatchRecordResultDto[] = [];
    const rows: NormalizedRow<CustomerRecord>[] = [];
    /** Per valid record (by row number): the fields it set, the `changed` of its customer.updated event. */
    const fieldsSet = new Map<number, string[]>();
    for (let i = 0; i < records.length; i++) {
      const { record, issues, fields } = await this.normalize(records[i], aliases);
      if (record) {
        rows.push({ rowNumber: i + 1, cells: [], record });
        fieldsSet.set(i + 1, fields);
      } else results.push({ index: i, status: 'invalid', errors: issues.map((x) => at(i, x)) });
    }

    const wire = encodeCustomerBatch({ rows, errors: [], failedRows: 0, bytesRead: 0 }, false);
    const created: string[] = [];
    const updated = new Map<string, string[]>();
    const consent = await withTransaction(this.db, async (tx) => {
      const outcome = await writeCustomerBatch({ db: tx, copy: null }, wire, 'update', {
        defaults: SUBSCRIBED_BY_DEFAULT,
        note: 'customer batch',
        actorId: actor.id,
        source: consentSourceOf(actor),
      });
      const warnings = new Map<number, BatchIssueDto[]>();
      for (const x of outcome.issues) {
        const list = warnings.get(x.rowNumber) ?? [];
        list.push(at(x.rowNumber - 1, { path: FIELD_OF_COLUMN[x.column] ?? x.column, message: x.message }));
        warnings.set(x.rowNumber, list);
      }
      for (const { rowNumber } of rows) {
        const row = outcome.rows.get(rowNumber);
        const status = row?.status === 'inserted' ? 'created' : row?.status === 'updated' ? 'updated' : 'unchanged';
        const result: BatchRecordResultDto = { index: rowNumber - 1, status };
        if (row?.id) result.id = row.id;
        if (row?.id && status === 'created') created.push(row.id);
        if (row?.id && status === 'updated')
          updated.set(row.id, [...new Set([...(updated.get(row.id) ?? []), ...(fieldsSet.get(rowNumber) ?? [])])]);
        if (warnings.has(rowNumber)) result.warnings = warnings.get(rowNumber);
        results.push(result);
      }
      const counts = batchResult(results);
      await this.audit.record(
        {
          actor,
          action: 'customers.batch_upserted',
          entity: 'customer',
          entityId: null,
          diff: {
            records: records.length,
            created: counts.created,
            updated: counts.updated,
            unchanged: counts.unchanged,
            invalid: counts.invalid,
          },
        },
        tx,
      );
      return outcome.consentChanges;
    });
    await this.customerWebhooks.batchCommitted({ created, updated, consent });
    return batchResult(results);
  }

  /** A record as the import writer takes it, or its issues (paths relative to the record). */
  private async normalize(
    item: unknown,
    aliases: Readonly<Record<string, string>>,
  ): Promise<{ record: CustomerRecord | null; issues: FieldIssue[]; fields: string[] }> {
    const fields: string[] = [];
    if (typeof item !== 'object' || item === null || Array.isArray(item))
      return { record: null, issues: [{ path: '', message: 'must be a customer object' }], fields };
    const dto = plainToInstance(CreateCustomerDto, item);
    const invalid = flattenValidationErrors(await validate(dto, { whitelist: true, forbidNonWhitelisted: true }));
    if (invalid.length > 0) return { record: null, issues: invalid, fields };
    const { changes, issues } = normalizeCustomerInput(dto, this.config.defaults.country, aliases);
    if (issues.length > 0) return { record: null, issues, fields };
    if (!changes.externalId && !changes.email && !changes.phone)
      return {
        record: null,
        issues: [{ path: 'email', message: 'one of email, phone or externalId is required' }],
        fields,
      };
    return {
      fields: Object.keys(changes),
      record: {
        externalId: changes.externalId ?? null,
        email: changes.email ?? null,
        phone: changes.phone ?? null,
        firstName: changes.firstName ?? null,
        lastName: changes.lastName ?? null,
        city: changes.city ?? null,
        country: changes.country ?? null,
        tags: changes.tags ?? [],
        // The writer stores attributes as JSON; the API's may hold any JSON value (limits checked above).
        attributes: (changes.attributes ?? {}) as Record<string, string>,
        emailStatus: (changes.emailStatus ?? null) as CustomerRecord['emailStatus'],
        smsStatus: (changes.smsStatus ?? null) as CustomerRecord['smsStatus'],
      },
      issues: [],
    };
  }
}

function at(index: number, issue: FieldIssue): BatchIssueDto {
  return { path: recordPath(index, issue.path), message: issue.message };
}

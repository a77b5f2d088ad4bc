import { uuidv7 } from '@mini-crm/db';
import type { CustomerRecord, ImportBatch, RowIssue } from '../parsing/import.types';
import { copyValue, pgTextArray } from './copy-text.util';
import { packLines, transferablesOf, type PackedLines } from './packed-lines.util';

/**
 * A parsed batch of customer rows as it crosses from the parser thread to the writer: compact
 * (flat key triples; each row's JSON and ready-made COPY line packed into transferable buffers)
 * so that the hand-over and the writer's per-row work and garbage stay small.
 */
export interface CustomerWireBatch {
  kind: 'customers';
  rowNumbers: number[];
  /** A new customer id per row (time-ordered, so inserts append to the indexes), used if the row is inserted. */
  ids: string[];
  /** external id, email, phone of row i at 3i, 3i+1, 3i+2. */
  keys: (string | null)[];
  /** `JSON.stringify([record, cells])` per row, parsed by the writer only when it needs the row. */
  json: PackedLines;
  /** COPY text line per row for the staging table (server driver), else null. */
  copy: PackedLines | null;
  errors: RowIssue[];
  failedRows: number;
  bytesRead: number;
}

/** Columns of `import_stage_customers`, in COPY order. */
export const CUSTOMER_STAGE_COLUMNS =
  'id, external_id, email, phone, first_name, last_name, city, country, tags, attributes, email_status, sms_status';

/** The consent a new customer gets on a channel its row says nothing about. */
export interface ConsentDefaults {
  email: 'subscribed' | 'unsubscribed';
  sms: 'subscribed' | 'unsubscribed';
}

export const SUBSCRIBED_BY_DEFAULT: ConsentDefaults = { email: 'subscribed', sms: 'subscribed' };

export function customerCopyLine(id: string, r: CustomerValues, defaults: ConsentDefaults): string {
  return (
    id +
    '\t' +
    copyValue(r.externalId) +
    '\t' +
    copyValue(r.email) +
    '\t' +
    copyValue(r.phone) +
    '\t' +
    copyValue(r.firstName) +
    '\t' +
    copyValue(r.lastName) +
    '\t' +
    copyValue(r.city) +
    '\t' +
    copyValue(r.country) +
    '\t' +
    copyValue(pgTextArray(r.tags)) +
    '\t' +
    copyValue(JSON.stringify(r.attributes)) +
    '\t' +
    (r.emailStatus ?? defaults.email) +
    '\t' +
    (r.smsStatus ?? defaults.sms)
  );
}

/** A customer's writable values: a parsed record, or a stored row being updated. */
export type CustomerValues = Omit<CustomerRecord, 'attributes'> & { attributes: Record<string, unknown> };

export function encodeCustomerBatch(
  batch: ImportBatch<CustomerRecord>,
  withCopy: boolean,
  defaults: ConsentDefaults = SUBSCRIBED_BY_DEFAULT,
): CustomerWireBatch {
  const n = batch.rows.length;
  const rowNumbers = new Array<number>(n);
  const ids = new Array<string>(n);
  const keys = new Array<string | null>(n * 3);
  const json = new Array<string>(n);
  const copy = withCopy ? new Array<string>(n) : null;
  for (let i = 0; i < n; i++) {
    const { rowNumber, record, cells } = batch.rows[i];
    rowNumbers[i] = rowNumber;
    ids[i] = uuidv7();
    keys[3 * i] = record.externalId;
    keys[3 * i + 1] = record.email;
    keys[3 * i + 2] = record.phone;
    json[i] = JSON.stringify([record, cells]);
    if (copy) copy[i] = customerCopyLine(ids[i], record, defaults);
  }
  return {
    kind: 'customers',
    rowNumbers,
    ids,
    keys,
    json: packLines(json),
    copy: copy && packLines(copy),
    errors: batch.errors,
    failedRows: batch.failedRows,
    bytesRead: batch.bytesRead,
  };
}

export function customerBatchTransferables(b: CustomerWireBatch): ArrayBuffer[] {
  return [...transferablesOf(b.json), ...transferablesOf(b.copy)];
}

import type { OrderInsert } from '@mini-crm/api/customers';
import type { ImportBatch, OrderRecord, RowIssue } from '../parsing/import.types';
import { copyValue } from './copy-text.util';

/** A parsed batch of order rows as it crosses from the parser thread to the writer. */
export interface OrderWireBatch {
  kind: 'orders';
  rowNumbers: number[];
  /** `JSON.stringify([record, cells])` per row (`orderedAt` as an ISO string). */
  json: string[];
  errors: RowIssue[];
  failedRows: number;
  bytesRead: number;
}

export function encodeOrderBatch(batch: ImportBatch<OrderRecord>): OrderWireBatch {
  return {
    kind: 'orders',
    rowNumbers: batch.rows.map((r) => r.rowNumber),
    json: batch.rows.map((r) => JSON.stringify([r.record, r.cells])),
    errors: batch.errors,
    failedRows: batch.failedRows,
    bytesRead: batch.bytesRead,
  };
}

/** Orders as COPY text for `import_stage_orders (ORDER_BOOKING_COLUMNS)` (server driver). */
export function orderCopyText(orders: readonly OrderInsert[]): string {
  let text = '';
  for (const o of orders) {
    text +=
      o.customerId +
      '\t' +
      copyValue(o.externalId) +
      '\t' +
      o.amount +
      '\t' +
      copyValue(o.currency) +
      '\t' +
      copyValue(o.status ?? 'completed') +
      '\t' +
      copyValue(o.items === null || o.items === undefined ? null : JSON.stringify(o.items)) +
      '\t' +
      o.orderedAt.toISOString() +
      '\n';
  }
  return text;
}

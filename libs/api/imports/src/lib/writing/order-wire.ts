import type { ImportBatch, OrderRecord, RowIssue } from '../parsing/import.types';

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

import { createReadStream } from 'node:fs';
import { openImportFile } from '../parsing/import-file.reader';
import type {
  ColumnMapping,
  CsvDelimiter,
  CsvEncoding,
  CustomerRecord,
  ImportBatch,
  ImportKind,
  NormalizeOptions,
  OrderRecord,
  UserMapping,
} from '../parsing/import.types';
import { encodeCustomerBatch, type ConsentDefaults, type CustomerWireBatch } from '../writing/customer-wire';
import { encodeOrderBatch, type OrderWireBatch } from '../writing/order-wire';

/** What the parser needs to read one import file (plain data: it crosses into a worker thread). */
export interface ParserJob {
  filePath: string;
  kind: ImportKind;
  mapping?: UserMapping;
  normalize: NormalizeOptions;
  /** Rows per batch. */
  batchSize: number;
  /** Build COPY lines for the server driver's staging table. */
  withCopy: boolean;
  /** Consent of new customers whose row has no consent value (COPY lines carry it). */
  consentDefaults?: ConsentDefaults;
}

export interface ParsedFileInfo {
  encoding: CsvEncoding;
  delimiter: CsvDelimiter;
  headers: string[];
  mapping: ColumnMapping[];
}

export type ParserMessage =
  | { type: 'info'; info: ParsedFileInfo }
  | { type: 'batch'; batch: CustomerWireBatch | OrderWireBatch }
  | { type: 'error'; name: string; message: string };

/** Reads, normalizes and encodes a file into wire batches; a fatal problem (not CSV, bad mapping) ends it with an `error` message. */
export async function* parseToWire(job: ParserJob): AsyncGenerator<ParserMessage, void, undefined> {
  let reader;
  try {
    reader = await openImportFile(createReadStream(job.filePath, { highWaterMark: 256 * 1024 }), {
      ...job.normalize,
      kind: job.kind,
      mapping: job.mapping,
      batchSize: job.batchSize,
    });
  } catch (err) {
    yield toErrorMessage(err);
    return;
  }
  const { encoding, delimiter, headers, mapping } = reader.info;
  yield { type: 'info', info: { encoding, delimiter, headers, mapping } };
  try {
    for await (const batch of reader.batches()) {
      yield {
        type: 'batch',
        batch:
          job.kind === 'customers'
            ? encodeCustomerBatch(batch as ImportBatch<CustomerRecord>, job.withCopy, job.consentDefaults)
            : encodeOrderBatch(batch as ImportBatch<OrderRecord>),
      };
    }
  } catch (err) {
    yield toErrorMessage(err);
  } finally {
    await reader.close();
  }
}

function toErrorMessage(err: unknown): ParserMessage {
  const e = err instanceof Error ? err : new Error(String(err));
  return { type: 'error', name: e.name, message: e.message };
}

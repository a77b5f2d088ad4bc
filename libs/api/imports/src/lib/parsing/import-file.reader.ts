import type { Readable } from 'node:stream';
import type { CountryCode } from 'libphonenumber-js/min';
import { CITY_ALIASES, normalizeCountry, normalizeCurrency } from '@mini-crm/customer-data';
import { openCsvSource, type CsvSourceOptions } from './csv-source.util';
import { CustomerRowNormalizer } from './customer-row.normalizer';
import { detectMapping } from './header-mapping.util';
import type {
  ColumnMapping,
  CsvDelimiter,
  CsvFileInfo,
  ImportBatch,
  ImportKind,
  NormalizeOptions,
  ParseImportOptions,
  RecordOf,
} from './import.types';
import { OrderRowNormalizer } from './order-row.normalizer';
import { issue } from './row-issue.util';
import type { ResolvedNormalizeOptions, RowNormalizer } from './row-normalizer.types';

export interface ImportFileReader<R> {
  /** Encoding, delimiter, headers and the column mapping in effect. */
  info: CsvFileInfo & { mapping: ColumnMapping[] };
  /** Batches of normalized rows and issues; finishing or abandoning the loop releases the input. */
  batches(): AsyncGenerator<ImportBatch<R>, void, undefined>;
  /** Releases the input without reading further. */
  close(): Promise<void>;
}

/**
 * Opens an import file: sniffs encoding/delimiter, reads the header and resolves the mapping
 * (throws {@link NotCsvError} / {@link ImportMappingError} before any row is read), then streams
 * batches through {@link ImportFileReader.batches}. Use this when the caller needs the file info
 * (e.g. to store the mapping); otherwise {@link parseImportFile}.
 */
export async function openImportFile<K extends ImportKind>(
  stream: Readable,
  options: ParseImportOptions & { kind: K },
  sourceOptions: CsvSourceOptions = {},
): Promise<ImportFileReader<RecordOf<K>>> {
  const source = await openCsvSource(stream, sourceOptions);
  try {
    const mapping = detectMapping(source.info.headers, options.kind, options.mapping);
    const resolved = resolveNormalizeOptions(options, source.info.delimiter);
    const normalizer = createRowNormalizer(options.kind, mapping, resolved) as RowNormalizer<RecordOf<K>>;
    const batchSize = Math.max(1, options.batchSize ?? 1000);
    async function* batches(): AsyncGenerator<ImportBatch<RecordOf<K>>, void, undefined> {
      let batch = newBatch<RecordOf<K>>();
      for await (const items of source.items()) {
        for (const item of items) {
          if (item.kind === 'malformed') {
            batch.errors.push(issue('error', item.line, '', `malformed CSV line: ${item.reason}`, [item.text]));
            batch.failedRows++;
          } else {
            const row = normalizer.normalize(item.line, item.cells, batch.errors);
            if (row === null) batch.failedRows++;
            else batch.rows.push(row);
          }
          if (batch.rows.length + batch.failedRows >= batchSize) {
            batch.bytesRead = source.bytesRead();
            yield batch;
            batch = newBatch();
          }
        }
      }
      if (batch.rows.length + batch.failedRows > 0 || batch.errors.length > 0) {
        batch.bytesRead = source.bytesRead();
        yield batch;
      }
    }
    return { info: { ...source.info, mapping }, batches, close: source.close };
  } catch (err) {
    await source.close();
    throw err;
  }
}

/**
 * Streams an import file as batches of normalized rows and row issues.
 *
 * ```ts
 * for await (const batch of parseImportFile(createReadStream(path), { kind: 'customers' })) {
 *   await save(batch.rows);           // each row: { rowNumber, cells, record }
 *   await saveErrors(batch.errors);   // severity 'error' (row skipped) | 'warning' (row kept)
 *   progress(batch.bytesRead / size);
 * }
 * ```
 * Throws {@link NotCsvError} for binary files, {@link ImportMappingError} for a bad user mapping.
 * An empty or header-only file yields nothing.
 */
export async function* parseImportFile<K extends ImportKind>(
  stream: Readable,
  options: ParseImportOptions & { kind: K },
): AsyncGenerator<ImportBatch<RecordOf<K>>, void, undefined> {
  const reader = await openImportFile(stream, options);
  yield* reader.batches();
}

export function createRowNormalizer(
  kind: ImportKind,
  mapping: readonly ColumnMapping[],
  options: ResolvedNormalizeOptions,
): RowNormalizer<RecordOf<ImportKind>> {
  return kind === 'customers' ? new CustomerRowNormalizer(mapping, options) : new OrderRowNormalizer(mapping, options);
}

/** Applies defaults and validates `defaultCountry` / `defaultCurrency` (throws RangeError). */
export function resolveNormalizeOptions(options: NormalizeOptions, delimiter: CsvDelimiter): ResolvedNormalizeOptions {
  const country = normalizeCountry(options.defaultCountry ?? 'IN');
  if (!country.ok) throw new RangeError(`defaultCountry: ${country.reason}`);
  const currency = normalizeCurrency(options.defaultCurrency ?? 'INR');
  if (!currency.ok) throw new RangeError(`defaultCurrency: ${currency.reason}`);
  const decimal = options.decimalSeparator ?? 'auto';
  return {
    defaultCountry: country.value as CountryCode,
    defaultCurrency: currency.value,
    dateOrder: options.dateOrder ?? 'dmy',
    decimalSeparator: decimal === 'auto' ? (delimiter === ';' ? ',' : '.') : decimal,
    cityAliases: options.cityAliases ?? CITY_ALIASES,
  };
}

function newBatch<R>(): ImportBatch<R> {
  return { rows: [], errors: [], failedRows: 0, bytesRead: 0 };
}

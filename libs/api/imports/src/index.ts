// CSV import: pure parsing and normalization core (no Nest, no database).
export * from './lib/parsing/import.types';
export { NotCsvError, ImportMappingError } from './lib/parsing/import.errors';
export {
  parseImportFile,
  openImportFile,
  resolveNormalizeOptions,
  createRowNormalizer,
  type ImportFileReader,
} from './lib/parsing/import-file.reader';
export type { ResolvedNormalizeOptions, RowNormalizer } from './lib/parsing/row-normalizer.types';
export type { CsvSourceOptions } from './lib/parsing/csv-source.util';
export { previewCsv, type CsvPreview, type PreviewRow } from './lib/parsing/csv-preview.util';
export { detectMapping, headerKey, attributeKey } from './lib/parsing/header-mapping.util';
export { detectEncoding, type DetectedEncoding } from './lib/parsing/encoding.util';
export { detectDelimiter } from './lib/parsing/delimiter.util';
export {
  DuplicateTracker,
  type DuplicateCandidate,
  type DuplicateKey,
  type DuplicateMatch,
} from './lib/parsing/duplicate-tracker.util';
export { joinCsvLine, createErrorReportStream } from './lib/parsing/error-report.util';
// Nest module (upload, queue, processing).
export { ImportsModule } from './lib/imports.module';
export { ImportsService } from './lib/imports.service';
export { applyDuplicate, type DuplicatePolicyName } from './lib/writing/duplicate-policy.util';
export { startParser, type ParserHandle } from './lib/processing/parser-thread';
export { parseToWire, type ParserJob, type ParserMessage } from './lib/processing/parse-to-wire';

import { BadRequestException } from '@nestjs/common';
import { MAX_BATCH_RECORDS, type BatchRecordResultDto, type BatchResultDto } from '@mini-crm/contracts';

/**
 * The records of a batch request `{ records: [...] }`: 400 when the envelope itself is wrong (not an
 * object, other keys, not an array, empty or more than MAX_BATCH_RECORDS). The records are checked one by one later.
 */
export function batchRecords(body: unknown): unknown[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new BadRequestException({
      message: 'Validation failed',
      details: [{ path: 'records', message: 'expected a body { records: [...] }' }],
    });
  const extra = Object.keys(body).filter((k) => k !== 'records');
  if (extra.length > 0)
    throw new BadRequestException({
      message: 'Validation failed',
      details: extra.map((k) => ({ path: k, message: `property ${k} should not exist` })),
    });
  const records = (body as { records?: unknown }).records;
  if (!Array.isArray(records) || records.length === 0 || records.length > MAX_BATCH_RECORDS)
    throw new BadRequestException({
      message: 'Validation failed',
      details: [
        {
          path: 'records',
          message: `records must be an array of 1 to ${MAX_BATCH_RECORDS} records${Array.isArray(records) ? ` (got ${records.length})` : ''}`,
        },
      ],
    });
  return records;
}

/** `records[3].email` (or `records[3]` for the record itself). */
export function recordPath(index: number, field = ''): string {
  return field ? `records[${index}].${field}` : `records[${index}]`;
}

/** The response: results in index order with their counts. */
export function batchResult(results: BatchRecordResultDto[]): BatchResultDto {
  const sorted = [...results].sort((a, b) => a.index - b.index);
  const count = (s: BatchRecordResultDto['status']) => sorted.filter((r) => r.status === s).length;
  return {
    results: sorted,
    created: count('created'),
    updated: count('updated'),
    unchanged: count('unchanged'),
    invalid: count('invalid'),
  };
}

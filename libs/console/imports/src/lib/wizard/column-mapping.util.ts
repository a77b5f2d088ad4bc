import {
  IMPORT_FILE_NO_DATA_ROWS,
  type ColumnMappingDto,
  type ImportKindValue,
  type PreviewRowDto,
} from '@mini-crm/contracts';

export interface TargetOption {
  value: string;
  label: string;
}

/** Fields a column can fill, per kind (snake_case as the API names them, DESIGN §2). */
export const FIELD_TARGETS: Readonly<Record<ImportKindValue, readonly TargetOption[]>> = {
  customers: [
    { value: 'email', label: 'Email' },
    { value: 'phone', label: 'Phone' },
    { value: 'external_id', label: 'External ID' },
    { value: 'first_name', label: 'First name' },
    { value: 'last_name', label: 'Last name' },
    { value: 'name', label: 'Full name (split)' },
    { value: 'city', label: 'City' },
    { value: 'country', label: 'Country' },
    { value: 'tags', label: 'Tags' },
    { value: 'email_status', label: 'Email consent' },
    { value: 'sms_status', label: 'SMS consent' },
  ],
  orders: [
    { value: 'external_id', label: 'Order ID' },
    { value: 'customer_email', label: 'Customer email' },
    { value: 'customer_external_id', label: 'Customer external ID' },
    { value: 'amount', label: 'Amount' },
    { value: 'currency', label: 'Currency' },
    { value: 'ordered_at', label: 'Order date' },
    { value: 'status', label: 'Status' },
  ],
};

export const IGNORE = 'ignore';
const ATTRIBUTE_PREFIX = 'attributes.';

export function isAttribute(target: string): boolean {
  return target.startsWith(ATTRIBUTE_PREFIX);
}

export function isField(target: string): boolean {
  return target !== IGNORE && !isAttribute(target);
}

/** snake_case attribute key of a header, as the importer derives it: "Loyalty Tier (2024)" → "loyalty_tier_2024". */
export function attributeKey(header: string, index: number): string {
  const key = header
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return key || `column_${index + 1}`;
}

export function attributeTarget(column: Pick<ColumnMappingDto, 'header' | 'index'>): string {
  return `${ATTRIBUTE_PREFIX}${attributeKey(column.header, column.index)}`;
}

/** Human label of a target: "Email", "Attribute · tier", "Ignored". */
export function targetLabel(target: string, kind: ImportKindValue): string {
  if (target === IGNORE) return 'Ignored';
  if (isAttribute(target)) return `Attribute · ${target.slice(ATTRIBUTE_PREFIX.length)}`;
  return FIELD_TARGETS[kind].find((o) => o.value === target)?.label ?? target;
}

/**
 * Maps column `index` to `target`. A field can be filled by one column only: a column that held
 * it before moves to an attribute, so its data is still kept.
 */
export function assignTarget(columns: readonly ColumnMappingDto[], index: number, target: string): ColumnMappingDto[] {
  return columns.map((c) => {
    if (c.index === index) return { ...c, target, source: 'user' };
    if (isField(target) && c.target === target) return { ...c, target: attributeTarget(c), source: 'user' };
    return c;
  });
}

/** The `mapping` form field: header → target for every named column. */
export function mappingPayload(columns: readonly ColumnMappingDto[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of columns) {
    if (c.header.trim() && !(c.header in out)) out[c.header] = c.target;
  }
  return out;
}

/** A few distinct, non-empty values of a column from the preview rows. */
export function sampleValues(rows: readonly PreviewRowDto[], index: number, max = 3): string[] {
  const out: string[] = [];
  for (const row of rows) {
    const v = (row.cells[index] ?? '').trim();
    if (v && !out.includes(v)) out.push(v);
    if (out.length >= max) break;
  }
  return out;
}

/** Why no row could be imported with this mapping (an identifying column is missing), or null. */
export function mappingProblem(columns: readonly ColumnMappingDto[], kind: ImportKindValue): string | null {
  const mapped = new Set(columns.map((c) => c.target));
  if (kind === 'customers') {
    return ['email', 'phone', 'external_id'].some((f) => mapped.has(f))
      ? null
      : 'Map at least one column to Email, Phone or External ID: every customer needs one of them.';
  }
  const missing: string[] = [];
  if (!mapped.has('customer_email') && !mapped.has('customer_external_id'))
    missing.push('Customer email or Customer external ID');
  if (!mapped.has('amount')) missing.push('Amount');
  if (!mapped.has('ordered_at')) missing.push('Order date');
  return missing.length ? `Orders need a column for ${missing.join(', ')}.` : null;
}

/**
 * Why the mapping step cannot go on: a file with headers but no rows under them (nothing to import), else
 * a mapping that misses a required field.
 */
export function columnsProblem(
  rowCount: number,
  columns: readonly ColumnMappingDto[],
  kind: ImportKindValue,
): string | null {
  if (rowCount === 0) return `${IMPORT_FILE_NO_DATA_ROWS}: add rows under the headers and choose the file again.`;
  return mappingProblem(columns, kind);
}

export type PreviewRowState = 'ok' | 'warning' | 'error';

export function previewRowState(row: PreviewRowDto): PreviewRowState {
  if (row.record === null || row.issues.some((i) => i.severity === 'error')) return 'error';
  return row.issues.length ? 'warning' : 'ok';
}

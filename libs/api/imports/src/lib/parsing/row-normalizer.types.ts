import type { CountryCode } from 'libphonenumber-js/min';
import type { DateOrder } from '@mini-crm/customer-data';
import type { NormalizedRow, RowIssue } from './import.types';

/** Options with defaults applied and the file's delimiter taken into account. */
export interface ResolvedNormalizeOptions {
  defaultCountry: CountryCode;
  defaultCurrency: string;
  dateOrder: DateOrder;
  decimalSeparator: '.' | ',';
  cityAliases: Readonly<Record<string, string>>;
}

/** Normalizes one data row; appends its errors/warnings to `issues`; null when the row failed. */
export interface RowNormalizer<R> {
  normalize(rowNumber: number, cells: string[], issues: RowIssue[]): NormalizedRow<R> | null;
}

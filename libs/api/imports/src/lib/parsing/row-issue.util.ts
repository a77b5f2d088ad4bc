import type { RowIssue } from './import.types';

export function issue(
  severity: RowIssue['severity'],
  rowNumber: number,
  column: string,
  message: string,
  raw: string[],
): RowIssue {
  return { severity, rowNumber, column, message, raw };
}

import { type CsvColumn, toCsv } from './csv.util';
import { saveFile } from './save-file.util';

/** Saves loaded rows as a CSV file in the browser (BOM first so spreadsheets read UTF-8). */
export function downloadCsv<T>(fileName: string, columns: readonly CsvColumn<T>[], rows: readonly T[]): void {
  saveFile(new Blob(['\ufeff', toCsv(columns, rows)], { type: 'text/csv;charset=utf-8' }), fileName);
}

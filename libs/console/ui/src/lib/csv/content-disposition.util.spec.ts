import { fileNameFrom } from './content-disposition.util';

describe('fileNameFrom', () => {
  it('reads plain and RFC 5987 file names', () => {
    expect(fileNameFrom('attachment; filename="import-1-errors.csv"')).toBe('import-1-errors.csv');
    expect(fileNameFrom('attachment; filename=report.csv')).toBe('report.csv');
    expect(fileNameFrom("attachment; filename*=UTF-8''caf%C3%A9.csv")).toBe('café.csv');
    expect(fileNameFrom(null)).toBeNull();
    expect(fileNameFrom('inline')).toBeNull();
  });
});

import { sortRows } from './sort-rows.util';

interface Row {
  name: string;
  rate: number | null;
}

const rows: Row[] = [
  { name: 'b', rate: 0.5 },
  { name: 'A', rate: null },
  { name: 'c', rate: 0.1 },
  { name: 'a2', rate: 0.5 },
];
const accessors = { name: (r: Row) => r.name, rate: (r: Row) => r.rate };

describe('sortRows', () => {
  it('sorts numbers both ways, keeping ties in order and empties last', () => {
    expect(sortRows(rows, { active: 'rate', direction: 'desc' }, accessors).map((r) => r.name)).toEqual([
      'b',
      'a2',
      'c',
      'A',
    ]);
    expect(sortRows(rows, { active: 'rate', direction: 'asc' }, accessors).map((r) => r.name)).toEqual([
      'c',
      'b',
      'a2',
      'A',
    ]);
  });

  it('sorts text case-insensitively and numerically', () => {
    expect(sortRows(rows, { active: 'name', direction: 'asc' }, accessors).map((r) => r.name)).toEqual([
      'A',
      'a2',
      'b',
      'c',
    ]);
  });

  it('keeps the loaded order without a direction or a known column, and never mutates the input', () => {
    expect(sortRows(rows, { active: 'rate', direction: '' }, accessors)).toEqual(rows);
    expect(sortRows(rows, { active: 'nope', direction: 'asc' }, accessors)).toEqual(rows);
    expect(rows[0].name).toBe('b');
  });
});

import type { ColumnMappingDto, PreviewRowDto } from '@mini-crm/contracts';
import {
  assignTarget,
  attributeKey,
  mappingPayload,
  columnsProblem,
  mappingProblem,
  previewRowState,
  sampleValues,
  targetLabel,
} from './column-mapping.util';

const columns: ColumnMappingDto[] = [
  { index: 0, header: 'E-mail', target: 'email', source: 'auto' },
  { index: 1, header: 'Mobile', target: 'phone', source: 'auto' },
  { index: 2, header: 'Loyalty Tier (2024)', target: 'attributes.loyalty_tier_2024', source: 'attribute' },
  { index: 3, header: '', target: 'attributes.column_4', source: 'attribute' },
];

describe('column mapping', () => {
  it('derives attribute keys like the importer', () => {
    expect(attributeKey('Loyalty Tier (2024)', 0)).toBe('loyalty_tier_2024');
    expect(attributeKey('Café  Visits', 0)).toBe('cafe_visits');
    expect(attributeKey('  ', 6)).toBe('column_7');
  });

  it('moves the previous holder of a field to an attribute', () => {
    const next = assignTarget(columns, 2, 'email');
    expect(next[2]).toMatchObject({ target: 'email', source: 'user' });
    expect(next[0]).toMatchObject({ target: 'attributes.e_mail', source: 'user' });
    expect(next[1]).toBe(columns[1]);
  });

  it('ignoring or keeping as attribute touches only that column', () => {
    const next = assignTarget(columns, 1, 'ignore');
    expect(next.map((c) => c.target)).toEqual([
      'email',
      'ignore',
      'attributes.loyalty_tier_2024',
      'attributes.column_4',
    ]);
  });

  it('builds the mapping payload by header, skipping unnamed columns', () => {
    expect(mappingPayload(columns)).toEqual({
      'E-mail': 'email',
      Mobile: 'phone',
      'Loyalty Tier (2024)': 'attributes.loyalty_tier_2024',
    });
  });

  it('labels targets', () => {
    expect(targetLabel('first_name', 'customers')).toBe('First name');
    expect(targetLabel('ordered_at', 'orders')).toBe('Order date');
    expect(targetLabel('attributes.tier', 'customers')).toBe('Attribute · tier');
    expect(targetLabel('ignore', 'orders')).toBe('Ignored');
  });

  it('spots mappings that cannot import anything', () => {
    expect(mappingProblem(columns, 'customers')).toBeNull();
    expect(mappingProblem(assignTarget(assignTarget(columns, 0, 'ignore'), 1, 'ignore'), 'customers')).toMatch(
      /Email, Phone or External ID/,
    );
    expect(mappingProblem([{ index: 0, header: 'Email', target: 'customer_email', source: 'auto' }], 'orders')).toBe(
      'Orders need a column for Amount, Order date.',
    );
  });

  it('samples distinct values and classifies preview rows', () => {
    const rows = [
      { rowNumber: 2, cells: ['a@x.in', ' '], record: {}, issues: [] },
      {
        rowNumber: 3,
        cells: ['a@x.in', '98'],
        record: {},
        issues: [{ severity: 'warning', rowNumber: 3, column: 'Mobile', message: 'bad', raw: [] }],
      },
      {
        rowNumber: 4,
        cells: ['b@x.in'],
        record: null,
        issues: [{ severity: 'error', rowNumber: 4, column: 'E-mail', message: 'bad', raw: [] }],
      },
    ] as PreviewRowDto[];
    expect(sampleValues(rows, 0)).toEqual(['a@x.in', 'b@x.in']);
    expect(sampleValues(rows, 1)).toEqual(['98']);
    expect(rows.map(previewRowState)).toEqual(['ok', 'warning', 'error']);
  });
});

import { countryOptions } from './country-options.util';

describe('countryOptions', () => {
  it('puts the default first, then sorts by name', () => {
    const list = countryOptions('IN');
    expect(list[0]).toEqual({ code: 'IN', name: 'India' });
    const rest = list.slice(1).map((c) => c.name);
    expect(rest).toEqual([...rest].sort((a, b) => a.localeCompare(b)));
    expect(countryOptions('US')[0].code).toBe('US');
  });
});

describe('columnsProblem', () => {
  const email = [{ index: 0, header: 'email', target: 'email', source: 'auto' }] as Parameters<
    typeof columnsProblem
  >[1];

  it('stops a header-only file at the mapping step, whatever the mapping', () => {
    expect(columnsProblem(0, email, 'customers')).toMatch(/^This file has column headers but no data rows/);
    expect(columnsProblem(3, email, 'customers')).toBeNull();
  });
});

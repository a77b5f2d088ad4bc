import { ATTRIBUTE_LIMITS, attributesProblems, orderItemsProblems } from './attribute-limits.util';

describe('attributesProblems: the documented caps on customer attributes', () => {
  const keys = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v']));

  it('accepts attributes at every limit', () => {
    expect(ATTRIBUTE_LIMITS).toEqual({ maxKeys: 100, maxKeyLength: 100, maxValueLength: 2000, maxTotalBytes: 16384 });
    expect(attributesProblems(keys(100))).toEqual([]);
    expect(attributesProblems({ ['k'.repeat(100)]: 'x'.repeat(2000), n: 5, nested: { a: [1, 2] } })).toEqual([]);
    expect(attributesProblems(null)).toEqual([]);
  });

  it('names each limit crossed', () => {
    expect(attributesProblems(keys(101))).toEqual(['can have at most 100 keys (got 101)']);
    expect(attributesProblems({ ['k'.repeat(101)]: 1 })).toEqual([
      `key "${'k'.repeat(40)}…" is too long (100 characters at most)`,
    ]);
    expect(attributesProblems({ note: 'x'.repeat(2001) })).toEqual([
      'value of "note" is too long (2000 characters at most)',
    ]);
    expect(attributesProblems({ list: Array.from({ length: 500 }, () => 'abcd') })).toEqual([
      'value of "list" is too long (2000 characters at most)',
    ]);
    const wide = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`k${i}`, 'é'.repeat(1000)]));
    expect(attributesProblems(wide)).toEqual(['are too large in total (18 KB; 16 KB at most)']);
  });

  it('caps order line items by count and size, and leaves a normal basket alone', () => {
    const basket = [{ sku: 'TEA-1', qty: 2, price: 120 }];
    expect(orderItemsProblems(basket)).toEqual([]);
    expect(orderItemsProblems(undefined)).toEqual([]);
    expect(orderItemsProblems(Array.from({ length: 501 }, () => 1))).toEqual([
      'can have at most 500 entries (got 501)',
    ]);
    expect(orderItemsProblems({ note: 'x'.repeat(70_000) })).toEqual(['are too large in total (69 KB; 64 KB at most)']);
  });
});

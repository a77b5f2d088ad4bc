import { findUnsafeInput, MAX_INPUT_DEPTH } from './unsafe-input';

describe('findUnsafeInput', () => {
  it('accepts ordinary input', () => {
    expect(findUnsafeInput({ a: 'x', tags: ['v'], attrs: { n: 1, b: null } }, '')).toBeNull();
    expect(findUnsafeInput(undefined, 'query')).toBeNull();
  });

  it('names the field holding a NUL in a value, an array item or a key', () => {
    expect(findUnsafeInput({ firstName: 'A\u0000' }, '')).toEqual({
      path: 'firstName',
      message: expect.stringContaining('NUL'),
    });
    expect(findUnsafeInput({ tags: ['ok', 'b\u0000'] }, '')?.path).toBe('tags[1]');
    expect(findUnsafeInput({ attributes: { 'k\u0000': 1 } }, '')?.path).toBe('attributes.k\u0000');
    expect(findUnsafeInput({ q: '\u0000' }, 'query')?.path).toBe('query.q');
  });

  it('refuses nesting beyond the limit without recursing, accepts it up to the limit', () => {
    const nest = (levels: number) => {
      let v: unknown = 'leaf';
      for (let i = 0; i < levels; i++) v = [v];
      return v;
    };
    expect(findUnsafeInput({ items: nest(MAX_INPUT_DEPTH - 1) }, '')).toBeNull();
    expect(findUnsafeInput({ items: nest(MAX_INPUT_DEPTH + 1) }, '')?.message).toContain('nested too deeply');
    expect(findUnsafeInput(nest(100_000), '')?.message).toContain('nested too deeply');
  });
});

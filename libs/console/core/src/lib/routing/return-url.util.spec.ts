import { safeReturnUrl } from './return-url.util';

describe('safeReturnUrl', () => {
  it('keeps in-app paths with query strings', () => {
    expect(safeReturnUrl('/admin/users?q=ada')).toBe('/admin/users?q=ada');
  });

  it.each([
    ['https://evil.example/'],
    ['//evil.example'],
    ['/\\evil.example'],
    ['javascript:alert(1)'],
    [''],
    [null],
    [42],
  ])('rejects %p', (value) => {
    expect(safeReturnUrl(value, '/customers')).toBe('/customers');
  });

  it('never returns to the sign-in pages', () => {
    expect(safeReturnUrl('/login?returnUrl=/x')).toBe('/');
    expect(safeReturnUrl('/auth/callback?code=abc')).toBe('/');
  });
});

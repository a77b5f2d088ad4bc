import { normalizeEmail } from './email.util';

describe('normalizeEmail', () => {
  it.each([
    ['  John.Doe@Example.COM ', 'john.doe@example.com'],
    ['a+tag@sub.example.co.in', 'a+tag@sub.example.co.in'],
    ["o'brien@example.ie", "o'brien@example.ie"],
    ['mailto:x@example.com', 'x@example.com'],
    ['user@xn--bcher-kva.example', 'user@xn--bcher-kva.example'],
  ])('accepts %j', (input, expected) => {
    expect(normalizeEmail(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['a@b', 'domain has no dot'],
    ['plainaddress', 'missing @'],
    ['a@@b.com', 'more than one @'],
    ['a@b@c.com', 'more than one @'],
    ['@example.com', 'empty local part'],
    ['john doe@example.com', 'contains spaces'],
    ['john@exa mple.com', 'contains spaces'],
    ['.john@example.com', 'misplaced dot in local part'],
    ['jo..hn@example.com', 'misplaced dot in local part'],
    ['john.@example.com', 'misplaced dot in local part'],
    ['john@example..com', 'empty domain label'],
    ['john@-example.com', 'domain label starts or ends with a hyphen'],
    ['john@example.com.', 'empty domain label'],
    ['john@exa_mple.com', 'invalid character "_" in domain'],
    ['john@example.123', 'top-level domain is numeric'],
    ['john@example.c', 'top-level domain shorter than 2 characters'],
    [`${'a'.repeat(65)}@example.com`, 'local part longer than 64 characters'],
    [`a@${'b'.repeat(64)}.com`, 'domain label longer than 63 characters'],
    ['jo(hn)@example.com', 'invalid character "("'],
    ['', 'empty'],
  ])('rejects %j (%s)', (input, reason) => {
    expect(normalizeEmail(input)).toEqual({ ok: false, reason });
  });
});

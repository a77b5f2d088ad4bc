import { attributeKey, detectMapping, withoutCurrencyMark } from './header-mapping.util';
import { ImportMappingError } from './import.errors';

const targets = (headers: string[], kind: 'customers' | 'orders', mapping?: Record<string, string>) =>
  detectMapping(headers, kind, mapping).map((m) => m.target);

describe('detectMapping', () => {
  it.each([
    'Order Amount',
    'Total',
    'Amount (INR)',
    'Order Total',
    'Amount',
    'amount (inr)',
    'Total [USD]',
    'Order Amount - EUR',
    'Amount in INR',
    'Total ₹',
    'Amount (Rs.)',
    'Grand Total (₹)',
    'AMOUNT_PAID',
  ])('maps the orders header "%s" to amount', (header) => {
    expect(detectMapping(['Order ID', header, 'Order Date'], 'orders')[1]).toMatchObject({
      header,
      target: 'amount',
      source: 'auto',
    });
  });

  it('does not take a count, a non-currency suffix or a customers column for an amount', () => {
    expect(targets(['Total Qty', 'Amount (pcs)', 'Order Amount'], 'orders')).toEqual([
      'attributes.total_qty',
      'attributes.amount_pcs',
      'amount',
    ]);
    expect(targets(['Amount (INR)'], 'customers')).toEqual(['attributes.amount_inr']);
    expect(targets(['Email (INR)'], 'orders')).toEqual(['attributes.email_inr']);
  });

  it('reads the words before a currency mark', () => {
    expect(withoutCurrencyMark('Amount (INR)')).toBe('Amount');
    expect(withoutCurrencyMark('Order Total - EUR')).toBe('Order Total');
    expect(withoutCurrencyMark('Amount in INR')).toBe('Amount');
    expect(withoutCurrencyMark('Total ₹')).toBe('Total');
    expect(withoutCurrencyMark('Total Qty')).toBeNull();
    expect(withoutCurrencyMark('Amount')).toBeNull();
  });

  it('recognises customer headers and synonyms regardless of case and punctuation', () => {
    expect(
      targets(
        [
          'E-mail',
          'Email Address ',
          'MOBILE',
          'First Name',
          'surname',
          'Full Name',
          'Town',
          'country',
          'Labels',
          'Customer ID',
          'Email Consent',
          'sms_status',
          'Loyalty Tier (2024)',
          '',
        ],
        'customers',
      ),
    ).toEqual([
      'email',
      'attributes.email_address', // second email column: kept, not lost
      'phone',
      'first_name',
      'last_name',
      'name',
      'city',
      'country',
      'tags',
      'external_id',
      'email_status',
      'sms_status',
      'attributes.loyalty_tier_2024',
      'attributes.column_14',
    ]);
    expect(targets(['firstname', 'given name', 'phone number', 'id'], 'customers')).toEqual([
      'first_name',
      'attributes.given_name',
      'phone',
      'external_id',
    ]);
  });

  it('recognises order headers', () => {
    expect(
      targets(
        ['Order ID', 'Customer Email', 'customer_external_id', 'Total', 'Currency', 'Order Date', 'Status', 'Coupon'],
        'orders',
      ),
    ).toEqual([
      'external_id',
      'customer_email',
      'customer_external_id',
      'amount',
      'currency',
      'ordered_at',
      'status',
      'attributes.coupon',
    ]);
    expect(targets(['email', 'amount', 'date'], 'orders')).toEqual(['customer_email', 'amount', 'ordered_at']);
  });

  it('lets a user mapping override, by exact or loose header', () => {
    const mapping = detectMapping(['Mail', 'Contact', 'Notes', 'Secret'], 'customers', {
      contact: 'email',
      Mail: 'attributes.Old Mail',
      Secret: 'ignore',
    });
    expect(mapping.map((m) => [m.target, m.source])).toEqual([
      ['attributes.old_mail', 'user'],
      ['email', 'user'],
      ['attributes.notes', 'attribute'],
      ['ignore', 'user'],
    ]);
  });

  it('rejects unknown targets', () => {
    expect(() => detectMapping(['a'], 'customers', { a: 'amount' })).toThrow(ImportMappingError);
    try {
      detectMapping(['a'], 'orders', { a: 'nope', b: 'attributes.' });
    } catch (e) {
      expect((e as ImportMappingError).details).toEqual({
        a: expect.stringContaining('unknown orders field "nope"'),
        b: 'attribute key is empty',
      });
    }
  });

  it('makes snake_case attribute keys', () => {
    expect(attributeKey('  Date of Birth ')).toBe('date_of_birth');
    expect(attributeKey('Préférence')).toBe('preference');
    expect(attributeKey('__proto__')).toBe('proto');
  });
});

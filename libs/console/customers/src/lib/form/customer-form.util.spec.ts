import type { CustomerDto } from '@mini-crm/contracts';
import {
  conflictField,
  customerBody,
  emptyCustomerForm,
  formFieldOfPath,
  formFromCustomer,
  normalizeTags,
} from './customer-form.util';

describe('customerBody', () => {
  it('leaves blank fields out when creating and trims the rest', () => {
    const body = customerBody(
      {
        ...emptyCustomerForm(),
        firstName: '  Asha ',
        email: ' asha@example.com ',
        tags: ['VIP', 'vip', ' new; Pune '],
      },
      'create',
    );
    expect(body).toEqual({
      firstName: 'Asha',
      email: 'asha@example.com',
      tags: ['vip', 'new', 'pune'],
      attributes: {},
      emailStatus: 'subscribed',
      smsStatus: 'subscribed',
    });
  });

  it('sends cleared fields as null when editing and keeps keyed attributes', () => {
    const body = customerBody(
      {
        ...emptyCustomerForm(),
        city: '',
        attributes: [
          { key: ' tier ', value: ' gold ' },
          { key: '', value: 'orphan' },
        ],
      },
      'update',
    );
    expect(body.city).toBeNull();
    expect(body.email).toBeNull();
    expect(body.attributes).toEqual({ tier: 'gold' });
  });
});

describe('formFromCustomer', () => {
  it('fills the form from a customer, nulls as empty text', () => {
    const c = {
      firstName: 'A',
      lastName: null,
      email: 'a@x.in',
      phone: null,
      city: null,
      country: 'IN',
      externalId: null,
      tags: ['vip'],
      attributes: { tier: 'gold', visits: 3 },
      emailStatus: 'subscribed',
      smsStatus: 'blocklisted',
    } as unknown as CustomerDto;
    const v = formFromCustomer(c);
    expect(v.lastName).toBe('');
    expect(v.smsStatus).toBe('blocklisted');
    expect(v.attributes).toEqual([
      { key: 'tier', value: 'gold' },
      { key: 'visits', value: '3' },
    ]);
  });
});

describe('error mapping', () => {
  it('finds the form field of an API path', () => {
    expect(formFieldOfPath('email')).toBe('email');
    expect(formFieldOfPath('body.phone')).toBe('phone');
    expect(formFieldOfPath('tags[1]')).toBe('tags');
    expect(formFieldOfPath('attributes.tier')).toBe('attributes');
    expect(formFieldOfPath('somethingElse')).toBeNull();
  });

  it('finds the field a duplicate is about', () => {
    expect(conflictField('A customer with this email already exists')).toBe('email');
    expect(conflictField('phone +919812345678 is already used')).toBe('phone');
    expect(conflictField('Duplicate external id C-1')).toBe('externalId');
    expect(conflictField('conflict')).toBeNull();
  });

  it('normalizes tags', () => {
    expect(normalizeTags(['A|b', ' c ', 'a'])).toEqual(['a', 'b', 'c']);
  });
});

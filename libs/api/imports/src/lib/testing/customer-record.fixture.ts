import type { CustomerRecord } from '../parsing/import.types';

/** A customer record with every field empty except `fields`. */
export const customerRecord = (fields: Partial<CustomerRecord> = {}): CustomerRecord => ({
  externalId: null,
  email: null,
  phone: null,
  firstName: null,
  lastName: null,
  city: null,
  country: null,
  tags: [],
  attributes: {},
  emailStatus: null,
  smsStatus: null,
  ...fields,
});

/** Row 2 of the messy exports (John Doe) as it must be stored: every field normalized, the formula cell kept as text. */
export const MESSY_JOHN: Partial<CustomerRecord> = {
  externalId: 'C001',
  email: 'john.doe@example.com',
  phone: '+919876543210',
  // `  john ` and `DOE` in the file: display values get a consistent case
  firstName: 'John',
  lastName: 'Doe',
  city: 'Mumbai',
  country: 'IN',
  tags: ['vip', 'new'],
  emailStatus: 'subscribed',
  attributes: { notes: '=SUM(A1:A9)' },
};

import { attributeText, countryName, customerName } from './customer-format.util';

describe('customerName', () => {
  it('prefers the full name, then email, phone and external id', () => {
    expect(customerName({ firstName: ' Asha ', lastName: 'Rao' })).toBe('Asha Rao');
    expect(customerName({ firstName: null, lastName: 'Rao' })).toBe('Rao');
    expect(customerName({ email: 'a@x.in', phone: '+91' })).toBe('a@x.in');
    expect(customerName({ phone: '+919812345678' })).toBe('+919812345678');
    expect(customerName({ externalId: 'C-9' })).toBe('C-9');
    expect(customerName({})).toBe('Unnamed customer');
  });
});

describe('countryName / attributeText', () => {
  it('names countries from codes', () => {
    expect(countryName('in')).toBe('India');
    expect(countryName(null)).toBe('');
  });
  it('prints attribute values', () => {
    expect(attributeText('gold')).toBe('gold');
    expect(attributeText(3)).toBe('3');
    expect(attributeText({ a: 1 })).toBe('{"a":1}');
    expect(attributeText(null)).toBe('—');
  });
});

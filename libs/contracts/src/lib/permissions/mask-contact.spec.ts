import { maskContactsInText } from './mask-contact';

// Field masking (maskEmail, maskPhone) is in permissions.spec.ts.
describe('contact points in message text', () => {
  it('masks contact points inside message text, and leaves the rest as it was', () => {
    expect(maskContactsInText('Write to Asha.Home@example.org or call +91 98765 41234 today.')).toBe(
      'Write to A***@example.org or call +91******1234 today.',
    );
    expect(maskContactsInText('Call 9876541234 or 022-2345-6789.')).toBe('Call ******1234 or *******6789.');
    const plain = 'Order 20231 ships 2026-12-03 10:30; ₹1,23,456.00 off; code SAVE-2026; 1800 2020.';
    expect(maskContactsInText(plain)).toBe(plain);
  });

  it('removes the tokens of links that act for the recipient: unsubscribe, tracked click, open pixel', () => {
    const html =
      '<a href="https://crm.example.com/r/AbC_12-x.9">Shop</a>' +
      '<a href="https://crm.example.com/api/unsubscribe/eyJjIjoiMTIz.sig_-9">Unsubscribe</a>' +
      '<img src="https://crm.example.com/o/Zz9_-.gif" width="1">';
    expect(maskContactsInText(html)).toBe(
      '<a href="https://crm.example.com/r/***">Shop</a>' +
        '<a href="https://crm.example.com/api/unsubscribe/***">Unsubscribe</a>' +
        '<img src="https://crm.example.com/o/***" width="1">',
    );
  });
});

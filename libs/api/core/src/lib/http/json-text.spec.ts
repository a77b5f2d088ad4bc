import { maskContacts } from './contact-mask';
import { JsonText, jsonPage, jsonTextSerializer } from './json-text';

describe('JsonText', () => {
  const rows = ['{"id":"a","email":"asha@example.com","phone":"+919876541234"}', '{"id":"b","email":null}'];

  it('builds a page with the shape of Page<T> from item texts', () => {
    expect(JSON.parse(jsonPage(rows, 'next').text)).toEqual({
      items: [
        { id: 'a', email: 'asha@example.com', phone: '+919876541234' },
        { id: 'b', email: null },
      ],
      nextCursor: 'next',
    });
    expect(JSON.parse(jsonPage([], null).text)).toEqual({ items: [], nextCursor: null });
  });

  it('is sent as its text, and anything else as JSON.stringify', () => {
    const page = jsonPage(rows, null);
    expect(jsonTextSerializer(page)).toBe(page.text);
    expect(jsonTextSerializer({ a: [1, 'x'] })).toBe('{"a":[1,"x"]}');
  });

  it('stringifies to the same JSON when a layer serializes it itself', () => {
    const page = jsonPage(rows, null);
    expect(JSON.parse(JSON.stringify({ body: page }))).toEqual({ body: JSON.parse(page.text) });
  });

  it('has its contact fields masked like an object answer', () => {
    const masked = maskContacts(jsonPage(rows, null)) as { items: Array<{ email: string; phone?: string }> };
    expect(masked).toEqual(maskContacts(JSON.parse(jsonPage(rows, null).text)));
    expect(masked.items[0].email).not.toBe('asha@example.com');
    expect(masked.items[0].phone).not.toBe('+919876541234');
  });
});

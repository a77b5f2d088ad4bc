import { extractLinks, markLinks } from './link-extract.util';

const PUBLIC = 'https://crm.example.com';

describe('link extraction', () => {
  it('email: distinct <a href> URLs in order, entities decoded; tokens, mailto and our own links left alone', () => {
    const html = [
      '<a href="https://a.example/x?p=1&amp;q=2">A</a>',
      "<A class=b HREF='https://b.example/'>B</A>",
      '<a href=https://c.example/c>C</a>',
      '<a href="https://a.example/x?p=1&amp;q=2">A again</a>',
      '<a href="https://d.example/{{first_name}}">D</a>',
      '<a href="mailto:x@example.com">M</a>',
      `<a href="${PUBLIC}/api/unsubscribe/abc">U</a>`,
      '<img src="https://img.example/i.png"> https://plain.example/text',
    ].join(' ');
    const links = extractLinks('email', html, PUBLIC);
    expect(links).toEqual(['https://a.example/x?p=1&q=2', 'https://b.example/', 'https://c.example/c']);
    const marked = markLinks('email', html, links, (i) => `#${i}#`);
    expect(marked).toContain('<a href="#0#">A</a>');
    expect(marked).toContain('<A class=b HREF="#1#">B</A>');
    expect(marked).toContain('<a href="#2#">C</a>');
    expect(marked).toContain('<a href="#0#">A again</a>');
    expect(marked).toContain('href="https://d.example/{{first_name}}"');
    expect(marked).toContain('https://plain.example/text');
  });

  it('sms: http(s) URLs without trailing punctuation', () => {
    const text =
      'Sale (see https://s.example/a?b=1). Also http://t.example/x, and https://s.example/a?b=1! {{first_name}}';
    const links = extractLinks('sms', text, PUBLIC);
    expect(links).toEqual(['https://s.example/a?b=1', 'http://t.example/x']);
    expect(markLinks('sms', text, links, (i) => `<${i}>`)).toBe('Sale (see <0>). Also <1>, and <0>! {{first_name}}');
    expect(extractLinks('sms', 'Hi https://x.example/{{id}} now', PUBLIC)).toEqual([]);
  });
});

import { emailDocument, emailWarnings, GMAIL_CLIP_BYTES, preheaderHtml, utf8Bytes } from './email-document.util';

describe('email document', () => {
  it('puts the escaped preheader, hidden, before the body', () => {
    const doc = emailDocument('<p>Hi</p>', { subject: 'Sale & more', preheader: 'Up to <50%> off' });
    expect(doc).toMatch(/^<!DOCTYPE html><html><head><meta charset="utf-8">/);
    expect(doc).toContain('<title>Sale &amp; more</title>');
    const at = doc.indexOf('<div class="preheader" style="display:none;');
    expect(at).toBeGreaterThan(0);
    expect(doc.indexOf('Up to &lt;50%&gt; off')).toBeGreaterThan(at);
    expect(doc.indexOf('<p>Hi</p>')).toBeGreaterThan(doc.indexOf('Up to'));
    expect(emailDocument('<p>Hi</p>')).not.toContain('preheader');
    expect(preheaderHtml('x')).toContain('mso-hide:all');
  });

  it('counts UTF-8 bytes like Buffer.byteLength', () => {
    for (const s of ['abc', 'é', '₹10', '😀 ok', '']) expect(utf8Bytes(s)).toBe(new TextEncoder().encode(s).length);
  });
});

describe('email warnings', () => {
  const placed = '<p>Hi</p><a href="{{unsubscribe_url}}">Unsubscribe</a>';

  it('is quiet for a placed unsubscribe link, images with alt text and a small message', () => {
    expect(emailWarnings(`${placed}<img src="https://x.example/a.png" alt="Logo">`, 'small')).toEqual([]);
    expect(emailWarnings('<a href="{{ unsubscribe_url }}">x</a>', 'small')).toEqual([]);
  });

  it('warns about an unplaced unsubscribe link', () => {
    expect(emailWarnings('<p>Hi</p>', 'small')).toEqual([expect.stringContaining('No unsubscribe link placed')]);
  });

  it('counts images without alt text, empty alt included', () => {
    const html = `${placed}<img src="a.png"><IMG src='b.png' alt=''><img src="c.png" alt="C"><img alt=logo src=d>`;
    expect(emailWarnings(html, 'small')).toEqual([
      '2 images have no alt text: readers with images off or screen readers see nothing.',
    ]);
  });

  it('warns when Gmail would clip the rendered message', () => {
    expect(emailWarnings(placed, 'x'.repeat(GMAIL_CLIP_BYTES))).toEqual([]);
    expect(emailWarnings(placed, 'é'.repeat(GMAIL_CLIP_BYTES / 2 + 1))).toEqual([
      expect.stringMatching(/^The message is 103 KB: Gmail clips messages over 102 KB/),
    ]);
  });
});

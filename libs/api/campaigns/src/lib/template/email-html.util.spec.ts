import { sanitizeEmailHtml } from './email-html.util';

describe('email HTML sanitizing', () => {
  it('drops scripts, event handlers, javascript: URLs, forms, frames and style blocks', () => {
    const dirty =
      '<p onclick="steal()">Hi</p><script>alert(1)</script><a href="javascript:alert(1)">x</a>' +
      '<a href=" JaVaScRiPt:alert(1)">y</a><img src="x.png" onerror="alert(1)" alt="A">' +
      '<iframe src="https://evil.example"></iframe><form action="https://evil.example"><input name="p"></form>' +
      '<style>body{background:url(javascript:alert(1))}</style><svg><script>alert(2)</script></svg>' +
      '<a href="data:text/html,<script>alert(1)</script>">d</a><div style="width:expression(alert(1))">e</div>';
    const clean = sanitizeEmailHtml(dirty);
    for (const bad of [
      '<script',
      'onclick',
      'onerror',
      'javascript:',
      '<iframe',
      '<form',
      '<input',
      '<style',
      'data:',
      'expression(',
      'alert(2)',
    ])
      expect(clean.toLowerCase()).not.toContain(bad.toLowerCase());
    expect(clean).toContain('<p>Hi</p>');
    expect(clean).toContain('<img src="x.png" alt="A" />');
    expect(clean).toContain('<div>e</div>');
  });

  it('keeps email layout: tables, inline styles, images, links and tokens', () => {
    const html =
      '<table width="100%" cellpadding="0" cellspacing="0" role="presentation"><tr><td align="center" style="padding:16px;color:#333">' +
      '<img src="https://shop.example/logo.png" alt="Shop" width="120" style="display:block">' +
      '<p>Hi {{first_name|there}}, your {{attributes.tier}} perks</p>' +
      '<a href="https://shop.example/sale?c={{city}}" target="_blank">Sale</a> <a href="{{unsubscribe_url}}">Unsubscribe</a>' +
      '<a href="mailto:help@shop.example">Mail us</a></td></tr></table>';
    expect(sanitizeEmailHtml(html)).toBe(html.replace('style="display:block">', 'style="display:block" />'));
  });

  it('keeps a pasted whole document’s body but not its head', () => {
    const clean = sanitizeEmailHtml(
      '<!DOCTYPE html><html><head><title>Secret title</title><meta charset="utf-8"></head><body><p>Body</p></body></html>',
    );
    expect(clean).toBe('<p>Body</p>');
  });

  it('is idempotent', () => {
    const once = sanitizeEmailHtml('<p style="color:red" onmouseover="x()">A &amp; B &lt;c&gt;</p>');
    expect(once).toBe('<p style="color:red">A &amp; B &lt;c&gt;</p>');
    expect(sanitizeEmailHtml(once)).toBe(once);
  });
});

import { escapeHtml, renderTemplate, renderWithFallbacks } from './render.util';
import { compileTemplate } from './template.util';

describe('message rendering', () => {
  it('uses the fallback for empty values and formats dates, tags and numbers', () => {
    const t = compileTemplate('{{first_name|friend}} {{last_order_at}} {{tags}} {{total_spend}}');
    expect(
      renderTemplate(
        t,
        {
          first_name: '  ',
          last_order_at: new Date('2024-03-05T10:00:00Z'),
          tags: ['vip', 'new'],
          total_spend: '12.50',
        },
        false,
      ),
    ).toBe('friend 2024-03-05 vip, new 12.50');
  });

  it('escapes values (and fallbacks) for email but never the template itself', () => {
    const t = compileTemplate('<b>Hi {{first_name|<you>}}</b>');
    expect(renderTemplate(t, { first_name: '<script>alert(1)</script>' }, true)).toBe(
      '<b>Hi &lt;script&gt;alert(1)&lt;/script&gt;</b>',
    );
    expect(renderTemplate(t, {}, true)).toBe('<b>Hi &lt;you&gt;</b>');
    expect(escapeHtml(`"'&`)).toBe('&quot;&#39;&amp;');
  });

  it('never evaluates anything in a value or a token', () => {
    const t = compileTemplate('{{first_name}} ${process.exit(1)} {{constructor}}');
    expect(renderTemplate(t, { first_name: '{{city}} ${1+1}' }, false)).toBe('{{city}} ${1+1} ${process.exit(1)} ');
  });

  it('renders with fallbacks only (SMS minimum length)', () => {
    expect(renderWithFallbacks(compileTemplate('Hi {{first_name|there}}{{city}}'))).toBe('Hi there');
    expect(renderWithFallbacks(compileTemplate('Hi {{first_name|there}}, {{city}}!'))).toBe('Hi there, !');
  });
});

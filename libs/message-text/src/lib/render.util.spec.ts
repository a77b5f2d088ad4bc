import { createValueDisplay, type DisplayKind } from './display-value.util';
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

describe('values for people', () => {
  const kinds: Record<string, DisplayKind> = { total_spend: 'currency', order_count: 'number', last_order_at: 'date' };
  const display = createValueDisplay({ locale: 'en-IN', currency: 'INR' }, (n) => kinds[n] ?? 'text');
  const t = compileTemplate('{{total_spend}} · {{order_count}} · {{last_order_at}} · {{first_name}}');

  it('formats amounts, counts and dates with the settings, leaving text alone', () => {
    const values = { total_spend: '6265.98', order_count: '12345', last_order_at: '2026-12-02', first_name: ' Asha ' };
    expect(renderTemplate(t, values, false, display)).toBe('₹6,265.98 · 12,345 · 2 Dec 2026 · Asha');
    expect(renderTemplate(compileTemplate('{{total_spend}}'), { total_spend: '10714.5' }, false, display)).toBe(
      '₹10,714.50',
    );
  });

  it('gives the stored value for |raw, and the fallback still works after it', () => {
    const raw = compileTemplate('{{total_spend|raw}} {{last_order_at | raw | never}} {{total_spend|raw|0}}');
    expect(raw.parts.filter((p) => typeof p !== 'string')).toEqual([
      { name: 'total_spend', fallback: '', raw: true },
      { name: 'last_order_at', fallback: 'never', raw: true },
      { name: 'total_spend', fallback: '0', raw: true },
    ]);
    expect(renderTemplate(raw, { total_spend: '6265.98', last_order_at: '2026-12-02' }, false, display)).toBe(
      '6265.98 2026-12-02 6265.98',
    );
    expect(renderTemplate(raw, {}, false, display)).toBe(' never 0');
  });

  it('falls back for empty values and leaves values that do not parse as stored', () => {
    const fb = compileTemplate('{{total_spend|a little}} {{last_order_at|soon}}');
    expect(renderTemplate(fb, { total_spend: null, last_order_at: '' }, false, display)).toBe('a little soon');
    expect(renderTemplate(fb, { total_spend: 'n/a', last_order_at: 'someday' }, false, display)).toBe('n/a someday');
  });

  it('uses the configured currency and locale', () => {
    const usd = createValueDisplay({ locale: 'en-US', currency: 'USD' }, () => 'currency');
    expect(renderTemplate(compileTemplate('{{x}}'), { x: '1234.5' }, false, usd)).toBe('$1,234.50');
  });
});

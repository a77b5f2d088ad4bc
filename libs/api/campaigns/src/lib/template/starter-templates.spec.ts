import { emailDocument, emailWarnings, STARTER_TEMPLATES, tokenNames, UNSUBSCRIBE_TOKEN } from '@mini-crm/message-text';
import { assertCampaignContent } from '../campaign-content.util';
import { sanitizeEmailHtml } from './email-html.util';

describe('starter templates', () => {
  it.each(STARTER_TEMPLATES.map((t) => [t.name, t] as const))('%s is kept as written and needs no fixing', (_, t) => {
    expect(sanitizeEmailHtml(t.html)).toBe(t.html);
    expect(() =>
      assertCampaignContent(
        { channel: 'email', message: t.html, subject: t.subject, preheader: t.preheader },
        { complete: true },
      ),
    ).not.toThrow();
    expect(tokenNames(t.html)).toContain(UNSUBSCRIBE_TOKEN);
    expect(emailWarnings(t.html, emailDocument(t.html, t))).toEqual([]);
    // One column of at most 600 px that narrows with the screen.
    expect(t.html).toContain('width="100%"');
    expect(t.html).toContain('max-width:600px');
  });
});

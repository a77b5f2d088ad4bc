/** A ready-made email a campaign can start from (the wizard's "Start from a template"). */
export interface StarterTemplate {
  id: string;
  name: string;
  description: string;
  subject: string;
  preheader: string;
  /** Body HTML: tables and inline styles only (what the sanitizer keeps), one 600 px column that narrows on phones. */
  html: string;
}

const FONT = 'font-family:Arial,Helvetica,sans-serif';

/** One centred column, at most 600 px wide and full width on a phone, on a light background. */
function frame(inner: string): string {
  return (
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f4f5f7">` +
    `<tr><td align="center" style="padding:24px 12px">` +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;background:#ffffff;border-radius:8px">` +
    inner +
    `<tr><td style="padding:16px 24px;${FONT};font-size:12px;line-height:18px;color:#6b7280;border-top:1px solid #e5e7eb">` +
    `You receive this because you are a customer of ours. <a href="{{unsubscribe_url}}" style="color:#6b7280">Unsubscribe</a>` +
    `</td></tr></table></td></tr></table>`
  );
}

function button(label: string, href: string): string {
  return (
    `<table role="presentation" cellpadding="0" cellspacing="0" border="0"><tr>` +
    `<td align="center" bgcolor="#1a73e8" style="border-radius:6px">` +
    `<a href="${href}" style="display:inline-block;padding:12px 24px;${FONT};font-size:16px;color:#ffffff;text-decoration:none;font-weight:bold">${label}</a>` +
    `</td></tr></table>`
  );
}

function text(html: string, size = 16): string {
  return `<tr><td style="padding:8px 24px;${FONT};font-size:${size}px;line-height:${Math.round(size * 1.5)}px;color:#1f2937">${html}</td></tr>`;
}

export const STARTER_TEMPLATES: readonly StarterTemplate[] = [
  {
    id: 'announcement',
    name: 'Announcement',
    description: 'A headline, a short paragraph and one button.',
    subject: 'News for you, {{first_name|friend}}',
    preheader: 'Something new at our store this week',
    html: frame(
      text('<h1 style="margin:16px 0 0;font-size:26px;line-height:32px">Something new is here</h1>', 16) +
        text(
          'Hi {{first_name|there}}, we have been working on something we think you will like. Here is what changes for you, in a few words.',
        ) +
        `<tr><td style="padding:16px 24px 24px">${button('See what is new', 'https://example.com/new')}</td></tr>`,
    ),
  },
  {
    id: 'offer',
    name: 'Offer',
    description: 'A coloured banner, the offer, a code and a button.',
    subject: '{{first_name|You}}, 20% off ends Sunday',
    preheader: 'Use code THANKYOU20 at checkout',
    html: frame(
      `<tr><td align="center" bgcolor="#1a73e8" style="padding:40px 24px;border-radius:8px 8px 0 0;${FONT};font-size:40px;line-height:48px;color:#ffffff;font-weight:bold">20% off</td></tr>` +
        text('<h1 style="margin:16px 0 0;font-size:26px;line-height:32px">20% off, just for you</h1>') +
        text(
          'Hi {{first_name|there}}, thank you for shopping with us. Until Sunday, everything is 20% off with the code below.',
        ) +
        text(
          '<p style="margin:8px 0;padding:12px;border:2px dashed #1a73e8;border-radius:6px;text-align:center;font-size:22px;letter-spacing:2px"><strong>THANKYOU20</strong></p>',
        ) +
        `<tr><td style="padding:16px 24px 24px">${button('Shop the sale', 'https://example.com/sale')}</td></tr>`,
    ),
  },
  {
    id: 'newsletter',
    name: 'Newsletter',
    description: 'An introduction and three short stories, each with a link.',
    subject: 'This month at our store',
    preheader: 'Three things worth a look, {{first_name|friend}}',
    html: frame(
      text('<h1 style="margin:16px 0 0;font-size:24px;line-height:30px">This month at our store</h1>') +
        text('Hi {{first_name|there}}, here is what happened this month and what is coming next.') +
        [
          ['New arrivals', 'The season’s first pieces are in, in limited numbers.', 'https://example.com/new'],
          ['From the blog', 'How to pick the right size the first time.', 'https://example.com/blog'],
          ['In {{city|your city}}', 'Our stores’ opening hours for the holidays.', 'https://example.com/stores'],
        ]
          .map(([title, line, href]) =>
            text(
              `<h2 style="margin:8px 0 4px;font-size:18px;line-height:24px">${title}</h2>${line} <a href="${href}" style="color:#1a73e8">Read more</a>`,
            ),
          )
          .join('') +
        `<tr><td style="padding:8px 24px 24px"></td></tr>`,
    ),
  },
];

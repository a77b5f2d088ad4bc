import { convert } from 'html-to-text';

/** Plain-text alternative of an HTML email: links kept as `text [url]`, images (the open pixel) dropped. */
export function textPart(html: string): string {
  return convert(html, {
    wordwrap: 78,
    selectors: [
      { selector: 'img', format: 'skip' },
      { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
      { selector: '.preheader', format: 'skip' },
    ],
  });
}

/** Domain of the sender address, for our Message-IDs: `"Shop" <news@shop.in>` → `shop.in`. */
export function senderDomain(from: string): string {
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from;
  return address.split('@')[1]?.trim().toLowerCase() || 'localhost';
}

import { escapeHtml } from './render.util';

/** Gmail cuts a message's HTML after this many bytes and shows "[Message clipped]". */
export const GMAIL_CLIP_BYTES = 102 * 1024;

/**
 * Where an email's own unsubscribe link goes: `<a href="{{unsubscribe_url}}">`. Without it the renderer
 * appends a plain unsubscribe footer. It is no customer field: the renderer fills it per recipient.
 */
export const UNSUBSCRIBE_TOKEN = 'unsubscribe_url';

/**
 * Hidden preview text: inbox lists show it after the subject, the message itself does not. Zero-width
 * fillers keep the body's first words from trailing into that preview.
 */
export function preheaderHtml(preheader: string): string {
  const fill = '&#847;&zwnj;&nbsp;'.repeat(40);
  return (
    '<div class="preheader" style="display:none;font-size:1px;line-height:1px;max-height:0;max-width:0;' +
    `opacity:0;overflow:hidden;mso-hide:all;color:transparent">${escapeHtml(preheader)}${fill}</div>`
  );
}

/**
 * The whole HTML document of one email: UTF-8, a mobile viewport, the hidden preheader first, then the
 * (already rendered and sanitized) body. The SMTP message and the console preview use the same document.
 */
export function emailDocument(body: string, opts: { subject?: string | null; preheader?: string | null } = {}): string {
  return (
    '<!DOCTYPE html><html><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${escapeHtml(opts.subject ?? '')}</title></head>` +
    '<body style="margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;line-height:1.5">' +
    `${opts.preheader ? preheaderHtml(opts.preheader) : ''}${body}</body></html>`
  );
}

/** UTF-8 size of a text in bytes, without Node's Buffer (the console runs this too). */
export function utf8Bytes(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * What a marketer should fix before sending an email: no placed unsubscribe link, images without alt
 * text, a document Gmail would clip. `template` is the body as written; `rendered` the whole document
 * for one recipient.
 */
export function emailWarnings(template: string, rendered: string): string[] {
  const out: string[] = [];
  if (!new RegExp(`\\{\\{\\s*${UNSUBSCRIBE_TOKEN}\\s*(\\|[^{}]*)?\\}\\}`).test(template))
    out.push(
      `No unsubscribe link placed: add <a href="{{${UNSUBSCRIBE_TOKEN}}}">Unsubscribe</a> where readers look for it (a plain one is appended at the bottom otherwise).`,
    );
  const images = template.match(/<img\b[^>]*>/gi) ?? [];
  const withoutAlt = images.filter((tag) => !/\balt\s*=\s*("[^"]*\S[^"]*"|'[^']*\S[^']*'|[^\s"'>]+)/i.test(tag));
  if (withoutAlt.length)
    out.push(
      `${withoutAlt.length} image${withoutAlt.length > 1 ? 's have' : ' has'} no alt text: readers with images off or screen readers see nothing.`,
    );
  const bytes = utf8Bytes(rendered);
  if (bytes > GMAIL_CLIP_BYTES)
    out.push(
      `The message is ${Math.ceil(bytes / 1024)} KB: Gmail clips messages over 102 KB (the rest, unsubscribe link included, hides behind "View entire message").`,
    );
  return out;
}

import sanitizeHtml from 'sanitize-html';

/** A style value that runs code or pulls in more than an image in some client (old IE, Firefox bindings). */
const UNSAFE_STYLE = /expression\s*\(|javascript:|vbscript:|behaviou?r\s*:|-moz-binding|@import/i;

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'center', 'font', 'del', 'ins', 'sub', 'sup'],
  // Text of these is dropped with the tag (a pasted whole document keeps its body, not its <title>).
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'head'],
  allowedAttributes: {
    '*': ['style', 'class', 'id', 'align', 'valign', 'width', 'height', 'bgcolor', 'dir', 'lang', 'title', 'role'],
    a: ['href', 'name', 'target', 'rel'],
    img: ['src', 'alt', 'border'],
    table: ['border', 'cellpadding', 'cellspacing', 'summary'],
    td: ['colspan', 'rowspan', 'nowrap'],
    th: ['colspan', 'rowspan', 'scope', 'nowrap'],
    font: ['color', 'face', 'size'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['http', 'https', 'cid'] },
  allowProtocolRelative: false,
  transformTags: {
    '*': (tagName, attribs) => {
      if (!attribs['style'] || !UNSAFE_STYLE.test(attribs['style'])) return { tagName, attribs };
      const rest = { ...attribs };
      delete rest['style'];
      return { tagName, attribs: rest };
    },
  },
};

/**
 * An email body as we store it: HTML an email client may render, without scripts, event handlers,
 * `javascript:` URLs, forms, frames or `<style>` blocks (inline styles stay). `{{tokens}}` pass through
 * untouched, in text and in attributes; their values are escaped when each message is rendered.
 */
export function sanitizeEmailHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}

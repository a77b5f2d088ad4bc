import { escapeHtml } from '@mini-crm/message-text';

/** A small self-contained page (inline styles only; the CSP allows no scripts here). */
export function unsubscribePage(opts: { title: string; text: string; action?: string; button?: string }): string {
  const form = opts.action
    ? `<form method="post" action="${escapeHtml(opts.action)}"><button type="submit">${escapeHtml(opts.button ?? 'Unsubscribe')}</button></form>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(opts.title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#222}
button{font-size:1rem;padding:.6rem 1.2rem;border-radius:4px;border:0;background:#3f51b5;color:#fff;cursor:pointer}</style>
</head><body><h1>${escapeHtml(opts.title)}</h1><p>${escapeHtml(opts.text)}</p>${form}</body></html>`;
}

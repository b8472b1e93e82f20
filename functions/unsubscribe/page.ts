import { escapeHtml } from '../_shared/text/html.js';

/** A plain page: readable on any phone, no script, nothing loaded from elsewhere. */
export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;color:#101828;background:#f6f7f9;margin:0;padding:2rem 1rem}
main{max-width:32rem;margin:0 auto;background:#fff;border:1px solid #e4e7ec;border-radius:8px;padding:1.5rem}
h1{font-size:1.35rem;margin:0 0 .75rem}button{font:inherit;padding:.6rem 1.2rem;border-radius:6px;border:0;background:#1d4ed8;color:#fff;cursor:pointer}</style>
</head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

export const confirmPage = (email: string, action: string) =>
  page(
    'Unsubscribe',
    `<p>Stop emails to <strong>${escapeHtml(email)}</strong> from this sender?</p>
<form method="post" action="${escapeHtml(action)}"><button type="submit">Unsubscribe</button></form>`,
  );

export const donePage = (email: string) =>
  page(
    'You are unsubscribed',
    `<p><strong>${escapeHtml(email)}</strong> will not get any more emails from this sender.</p>`,
  );

export const brokenPage = (expired: boolean) =>
  page(
    expired ? 'This link has expired' : 'This link does not work',
    '<p>It may have been cut short when it was copied. Reply to the email you received and ask to be removed — the sender will take you off their list.</p>',
  );

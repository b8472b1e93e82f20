import { escapeHtml } from '../_shared/text/html.js';

/**
 * What every outreach email carries below its body: the sender's postal address and a one-click
 * unsubscribe link, in both parts, plus the List-Unsubscribe headers mail clients show as a button
 * (RFC 2369) and may use without opening a page (RFC 8058, One-Click, a POST).
 */
export function withFooter(
  email: { html: string; text: string },
  postalAddress: string,
  unsubscribeUrl: string,
): { html: string; text: string; headers: Record<string, string> } {
  const address = escapeHtml(postalAddress).replace(/\r?\n/g, '<br>');
  const footer =
    '<p style="margin-top:24px;font-size:12px;color:#667085;line-height:1.5">' +
    `${address}<br><a href="${escapeHtml(unsubscribeUrl)}" style="color:#667085">Unsubscribe</a></p>`;
  const html = /<\/body>/i.test(email.html)
    ? email.html.replace(/<\/body>/i, `${footer}</body>`)
    : `${email.html}\n${footer}`;
  const text = `${email.text.trimEnd()}\n\n--\n${postalAddress}\nUnsubscribe: ${unsubscribeUrl}\n`;
  return {
    html,
    text,
    headers: {
      'List-Unsubscribe': `<${unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
}

import type { EmailAddress, OutgoingEmail } from './email-provider.js';

/**
 * Everything that ends up in a mail header (subject, display names, extra headers, attachment
 * names) passes through here, so a CR/LF typed into a contact's name or a template's subject can
 * never start a header of its own ("Subject: Hi\r\nBcc: everyone@…"). Line breaks and other
 * control characters are folded into one space; the text otherwise stays as written.
 */

/** CR, LF, the other C0/C1 controls (tab aside) and the Unicode line and paragraph separators. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly what must go
const BREAKS = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]+/g;

/** A header value on one line: each run of line breaks or control characters becomes one space. */
export function headerValue(value: string): string {
  return value.replace(BREAKS, ' ').replace(/\s+/g, ' ').trim();
}

/** A display name ("Ada Lovelace"): one line, and no angle brackets that would read as an address. */
export function displayName(name: string): string {
  return headerValue(name.replace(/[<>]/g, ''));
}

/** An email address has no spaces or controls at all; whatever is left is for the provider to judge. */
export function addressValue(email: string): string {
  return email.replace(BREAKS, '').trim();
}

/** RFC 5322 field names: printable ASCII without the colon. Anything else is not a header. */
const HEADER_NAME = /^[!-9;-~]+$/;

export function isHeaderName(name: string): boolean {
  return HEADER_NAME.test(name);
}

/**
 * Headers a caller may not set through `headers`: they come from the email's own fields, and a
 * second copy would let a template add recipients or change the sender.
 */
const RESERVED = new Set([
  'from',
  'to',
  'cc',
  'bcc',
  'reply-to',
  'sender',
  'subject',
  'date',
  'message-id',
  'content-type',
  'content-transfer-encoding',
  'mime-version',
]);

export function sanitizeAddress(address: EmailAddress): EmailAddress {
  const name = address.name === undefined ? undefined : displayName(address.name);
  return { email: addressValue(address.email), ...(name ? { name } : {}) };
}

/** The email with every header-bound text on one line and only well-formed, non-reserved extra headers. */
export function sanitizeEmail(email: OutgoingEmail): OutgoingEmail {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(email.headers)) {
    const clean = name.trim();
    if (!isHeaderName(clean) || RESERVED.has(clean.toLowerCase())) continue;
    headers[clean] = headerValue(value);
  }
  return {
    ...email,
    from: sanitizeAddress(email.from),
    to: sanitizeAddress(email.to),
    ...(email.replyTo ? { replyTo: sanitizeAddress(email.replyTo) } : {}),
    subject: headerValue(email.subject),
    headers,
    ...(email.attachments
      ? {
          attachments: email.attachments.map((a) => ({
            ...a,
            filename: headerValue(a.filename).replace(/["\\/]/g, '_') || 'attachment',
            contentType: headerValue(a.contentType) || 'application/octet-stream',
          })),
        }
      : {}),
    ...(email.categories ? { categories: email.categories.map(headerValue).filter(Boolean) } : {}),
  };
}

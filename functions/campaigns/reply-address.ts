import { createHmac, timingSafeEqual } from 'node:crypto';
import { getConfig } from '../_shared/config.js';
import { parseSigningKeys } from '../_shared/signed-token.js';

// An address's local part holds 64 characters: the message id (32) and a short MAC (12) fit.
const MAC_LENGTH = 12;

const mac = (messageId: string) => {
  const key = parseSigningKeys(getConfig().SIGNING_KEYS)[0];
  if (!key) throw new Error('SIGNING_KEYS is not set: reply addresses cannot be signed');
  return createHmac('sha256', key.secret)
    .update(`reply:${messageId}`)
    .digest('base64url')
    .slice(0, MAC_LENGTH);
};

/**
 * The reply-to address of one outreach email when Inbound Parse is set up (INBOUND_REPLY_DOMAIN):
 * replies come back to us naming the message, with a MAC so nobody can mark another message replied.
 */
export function replyAddress(messageId: string): string | undefined {
  const domain = getConfig().INBOUND_REPLY_DOMAIN;
  return domain ? `r-${messageId}-${mac(messageId)}@${domain}` : undefined;
}

/** The message a reply answers, from any of the addresses it was sent to; undefined when none is ours. */
export function messageIdOfReply(recipients: string): string | undefined {
  for (const [, id, given] of recipients.matchAll(/r-([A-Za-z0-9_-]{32})-([A-Za-z0-9_-]{12})@/g)) {
    const expected = Buffer.from(mac(id!));
    const actual = Buffer.from(given!);
    if (expected.length === actual.length && timingSafeEqual(expected, actual)) return id;
  }
  return undefined;
}

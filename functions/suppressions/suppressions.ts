import { hash } from 'node:crypto';
import { notFound } from '../_shared/errors.js';
import type { SuppressedChannel, SuppressionDto, SuppressionPage, SuppressionReason } from './schema.js';

/** A suppressed address as stored; its id is a hash of the address, so a check is a point lookup. */
export interface SuppressionDoc extends SuppressionDto {
  id: string;
  ownerId: string;
  _etag?: string;
}

/** The suppression ledger: addresses an owner's mail never goes to again. */
export interface SuppressionStore {
  /** Adds the address unless it is there already (the first reason and time are kept). */
  add(doc: SuppressionDoc): Promise<SuppressionDoc>;
  remove(ownerId: string, id: string): Promise<boolean>;
  /** Which of these ids are suppressed, and why. */
  reasons(ownerId: string, ids: string[]): Promise<Map<string, SuppressionReason>>;
  list(
    ownerId: string,
    limit: number,
    continuationToken?: string,
  ): Promise<{ docs: SuppressionDoc[]; continuationToken: string | null }>;
}

export const normaliseAddress = (email: string): string => email.trim().toLowerCase();
export const suppressionId = (email: string): string =>
  hash('sha256', `s:${normaliseAddress(email)}`, 'base64url').slice(0, 32);

/**
 * An SMS or WhatsApp opt-out (a STOP reply) sits in the same ledger as email's, keyed by channel and
 * number: one number can stop WhatsApp and still take texts.
 */
export const channelSuppressionId = (channel: Exclude<SuppressedChannel, 'email'>, e164: string): string =>
  hash('sha256', `s:${channel}:${e164}`, 'base64url').slice(0, 32);

const toDto = ({ email, channel, reason, source, createdAt }: SuppressionDoc): SuppressionDto => ({
  email,
  ...(channel && channel !== 'email' ? { channel } : {}),
  reason,
  source,
  createdAt,
});

/** Never emails this address again. Idempotent: a second unsubscribe or bounce changes nothing. */
export async function suppress(
  store: SuppressionStore,
  ownerId: string,
  entry: { email: string; reason: SuppressionReason; source: string },
  now: Date,
): Promise<SuppressionDto> {
  const email = normaliseAddress(entry.email);
  const doc = await store.add({
    id: suppressionId(email),
    ownerId,
    email,
    reason: entry.reason,
    source: entry.source,
    createdAt: now.toISOString(),
  });
  return toDto(doc);
}

/** Stops SMS or WhatsApp to this number (E.164) for this owner. Idempotent like suppress(). */
export async function suppressChannel(
  store: SuppressionStore,
  ownerId: string,
  entry: {
    channel: Exclude<SuppressedChannel, 'email'>;
    phone: string;
    reason: SuppressionReason;
    source: string;
  },
  now: Date,
): Promise<SuppressionDto> {
  const doc = await store.add({
    id: channelSuppressionId(entry.channel, entry.phone),
    ownerId,
    email: entry.phone,
    channel: entry.channel,
    reason: entry.reason,
    source: entry.source,
    createdAt: now.toISOString(),
  });
  return toDto(doc);
}

export async function unsuppress(store: SuppressionStore, ownerId: string, email: string): Promise<void> {
  if (!(await store.remove(ownerId, suppressionId(email)))) throw notFound('Suppressed address');
}

/** The suppressed addresses among `emails` (normalised), for the check made at send time. */
export async function suppressedAmong(
  store: SuppressionStore,
  ownerId: string,
  emails: string[],
): Promise<Set<string>> {
  const byId = new Map(emails.map((e) => [suppressionId(e), normaliseAddress(e)]));
  const found = byId.size
    ? await store.reasons(ownerId, [...byId.keys()])
    : new Map<string, SuppressionReason>();
  return new Set([...found.keys()].map((id) => byId.get(id)!));
}

export async function listSuppressions(
  store: SuppressionStore,
  ownerId: string,
  continuationToken?: string,
): Promise<SuppressionPage> {
  const page = await store.list(ownerId, 100, continuationToken);
  return { items: page.docs.map(toDto), continuationToken: page.continuationToken };
}

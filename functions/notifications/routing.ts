import type { Notification, NotificationChannel, Recipient } from '../_integrations/channels/channel.js';
import { toE164 } from '../_integrations/channels/sms.js';
import type { ChannelConnectionDoc } from './connections.js';
import { type ConsentDoc, consented } from './preferences.js';
import type { DeliveryChannel, NotificationEvent, NotificationPreferences } from './schema.js';

/**
 * Which channels a notice goes on, for one recipient. `targets` all get it; when one refuses for
 * good (a number not on WhatsApp, a removed Slack app), the first `fallbacks` channel not yet tried
 * gets it instead.
 *
 * - The organizer: the channels they chose for the event, in their order (SMS / WhatsApp need their
 *   phone in the preferences and the connection; Slack and Teams the connection); email is the
 *   fallback when they did not choose it.
 * - The contact: email, plus WhatsApp or else SMS only with consent recorded and no opt-out; the
 *   other consented phone channel is the fallback.
 */

export interface RoutedChannel {
  name: DeliveryChannel;
  channel: NotificationChannel;
}

export interface Route {
  to: Recipient;
  targets: RoutedChannel[];
  fallbacks: RoutedChannel[];
  /** WhatsApp: they wrote in the last 24 hours, so free text may go instead of the template. */
  serviceWindowOpen?: boolean | undefined;
}

/** Meta's customer service window: free-form messages within 24 hours of the person's last message. */
export const SERVICE_WINDOW_MS = 24 * 3_600_000;

/** The channels an owner can use now: email always; the rest from their connections. */
export interface OwnerChannels {
  email: NotificationChannel;
  connections: ChannelConnectionDoc[];
  /** Builds a connection's channel (already wrapped in the sent ledger). */
  build(doc: ChannelConnectionDoc): NotificationChannel;
}

function available(name: DeliveryChannel, owner: OwnerChannels): NotificationChannel | undefined {
  if (name === 'email') return owner.email;
  const wanted: ChannelConnectionDoc['name'][] = name === 'sms' ? ['sms-twilio', 'sms-acs'] : [name];
  for (const connection of wanted) {
    const doc = owner.connections.find((c) => c.name === connection);
    if (doc) return owner.build(doc);
  }
  return undefined;
}

const pick = (names: DeliveryChannel[], owner: OwnerChannels, to: Recipient): RoutedChannel[] =>
  names.flatMap((name) => {
    const channel = available(name, owner);
    return channel?.canReach(to) ? [{ name, channel }] : [];
  });

export function organizerRoute(
  organizer: { name: string; email: string },
  event: NotificationEvent,
  prefs: NotificationPreferences,
  owner: OwnerChannels,
): Route {
  const to: Recipient = {
    name: organizer.name,
    email: organizer.email,
    ...(prefs.phone ? { phone: prefs.phone } : {}),
  };
  const chosen = prefs.events[event] ?? ['email'];
  return {
    to,
    targets: pick(chosen, owner, to),
    fallbacks: chosen.includes('email') ? [] : pick(['email'], owner, to),
  };
}

export function contactRoute(
  contact: { name: string; email?: string | undefined; phone?: string | undefined },
  consent: ConsentDoc | undefined,
  optedOut: DeliveryChannel[],
  owner: OwnerChannels,
  window?: { now: Date; lastWhatsAppAt: string | undefined },
): Route {
  const phone = toE164(contact.phone);
  const to: Recipient = {
    name: contact.name,
    ...(contact.email ? { email: contact.email } : {}),
    ...(phone ? { phone } : {}),
  };
  const phoneChannels = (['whatsapp', 'sms'] as const).filter(
    (c) => consented(consent, c) && !optedOut.includes(c),
  );
  const email = pick(['email'], owner, to);
  const byPhone = pick([...phoneChannels], owner, to);
  const wrote = window?.lastWhatsAppAt ? Date.parse(window.lastWhatsAppAt) : Number.NaN;
  return {
    to,
    targets: [...email, ...byPhone.slice(0, 1)],
    fallbacks: byPhone.slice(1),
    serviceWindowOpen: window !== undefined && window.now.getTime() - wrote < SERVICE_WINDOW_MS,
  };
}

/**
 * Sends one notification along its route: every target at once; a channel that refuses for good
 * hands it to the next fallback not tried yet (its record keeps the refusal). None of the targets
 * can reach the person (not set up, no number): the first fallback tells them. `retries` names the
 * channels that asked to be tried again later.
 */
export async function deliverOn(
  route: Route,
  notification: Notification,
): Promise<{ sent: number; skipped: number; retries: string[] }> {
  const done = { sent: 0, skipped: 0, retries: [] as string[] };
  const fallbacks = route.fallbacks.filter((f) => f.channel.canReach(notification.to));
  const targets = route.targets.filter((t) => t.channel.canReach(notification.to));
  const first = targets.length ? targets : fallbacks.splice(0, 1);
  if (!first.length) {
    done.skipped++;
    return done;
  }
  const tried = new Set<string>(first.map((t) => t.name));
  const chain = async (start: RoutedChannel) => {
    let current: RoutedChannel | undefined = start;
    while (current) {
      const result = await current.channel.send(notification);
      const name: string = current.name;
      current = undefined;
      if (result.status === 'sent') done.sent++;
      else if (result.status === 'already-sent') done.skipped++;
      else if (result.status === 'retry') done.retries.push(`${name}: ${result.reason}`);
      else {
        done.skipped++;
        const next = fallbacks.find((f) => !tried.has(f.name));
        if (next) {
          tried.add(next.name);
          current = next;
        }
      }
    }
  };
  await settleAll(first.map(chain));
  return done;
}

/** Waits for every one; then throws the first failure, so none is left running unobserved. */
export async function settleAll(work: Promise<void>[]): Promise<void> {
  const failed = (await Promise.allSettled(work)).find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
}

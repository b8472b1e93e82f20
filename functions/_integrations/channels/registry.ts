import { getEmailProvider } from '../email/registry.js';
import type { NotificationChannel } from './channel.js';
import { createEmailChannel } from './email.js';

/** Every notification channel, by name. The only place one is chosen. */
export const notificationChannels = {
  email: () => createEmailChannel(getEmailProvider()),
} satisfies Record<string, () => NotificationChannel>;

export type ChannelName = keyof typeof notificationChannels;

export const getChannel = (name: ChannelName): NotificationChannel => notificationChannels[name]();

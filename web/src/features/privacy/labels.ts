import type { AuditAction } from '../../../../functions/audit/schema';

/** What each audited action is called on screen. */
export const ACTION_LABELS: Record<AuditAction, string> = {
  'contact.erase': 'Contact erased',
  'contact.export': 'Contact data downloaded',
  'contacts.export': 'Contacts exported',
  'account.export': 'Account data downloaded',
  'account.delete': 'Account deleted',
  'campaign.start': 'Campaign started',
  'calendar.connect': 'Calendar connected',
  'calendar.disconnect': 'Calendar disconnected',
  'calendar.write': 'Calendar event written',
  'channel.connect': 'Channel connected',
  'channel.disconnect': 'Channel disconnected',
  'settings.availability': 'Availability changed',
  'settings.notifications': 'Notification settings changed',
  'settings.bot': 'Bot instructions changed',
  'settings.stages': 'Stage names changed',
};

/** Containers named as a user knows them, for the erase receipt. */
export const PLACE_LABELS: Record<string, string> = {
  contacts: 'Contact record',
  'contact-trash': 'Trash',
  meetings: 'Meetings',
  messages: 'Campaign emails',
  outbox: 'Outbox emails',
  notifications: 'Notifications',
  'lead-events': 'Pipeline history',
  conversations: 'Chats with the bot',
  'calendar-events': 'Calendar events',
  'booking-ledger': 'Booked time',
  imports: 'Imports',
  settings: 'Consent and settings',
  audit: 'Audit log',
  campaigns: 'Campaigns',
};

export const placeLabel = (container: string): string => PLACE_LABELS[container] ?? container;

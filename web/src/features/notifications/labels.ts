import type {
  ConnectionName,
  DeliveryChannel,
  DeliveryStatus,
  NotificationEvent,
} from '../../../../functions/notifications/schema';

export const CHANNEL_LABELS: Record<DeliveryChannel, string> = {
  email: 'Email',
  sms: 'SMS',
  whatsapp: 'WhatsApp',
  slack: 'Slack',
  teams: 'Teams',
  'teams-chat': 'Teams chat',
};

/** Registry names as the log shows them (a record's channel is the one it went on). */
export const SENT_ON_LABELS: Record<string, string> = {
  email: 'Email',
  'sms-twilio': 'SMS (Twilio)',
  'sms-acs': 'SMS (Azure)',
  whatsapp: 'WhatsApp',
  slack: 'Slack',
  teams: 'Teams',
  'teams-chat': 'Teams chat',
};

export const EVENT_LABELS: Record<NotificationEvent, string> = {
  booked: 'Meeting booked',
  rescheduled: 'Meeting moved',
  cancelled: 'Meeting cancelled',
  reminder: 'Reminder before it',
  requested: 'Request to confirm',
  'calendar-broken': 'Calendar not working',
};

export const STATUS_LABELS: Record<DeliveryStatus, string> = {
  queued: 'Queued',
  retrying: 'Retrying',
  sent: 'Sent',
  delivered: 'Delivered',
  read: 'Read',
  failed: 'Failed',
};

/** Which delivery channel each connection serves. */
export const CONNECTION_CHANNEL: Record<ConnectionName, DeliveryChannel> = {
  'sms-twilio': 'sms',
  'sms-acs': 'sms',
  whatsapp: 'whatsapp',
  slack: 'slack',
  teams: 'teams',
  'teams-chat': 'teams-chat',
};

export const CONNECTION_TITLES: Record<ConnectionName, string> = {
  'sms-twilio': 'SMS through Twilio',
  'sms-acs': 'SMS through Azure Communication Services',
  whatsapp: 'WhatsApp Business',
  slack: 'Slack',
  teams: 'Microsoft Teams channel',
  'teams-chat': 'Microsoft Teams chat with you',
};

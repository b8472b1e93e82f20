import { vi } from 'vitest';
import type {
  BookingPageDto,
  MeetingDto,
  PublicMeetingDto,
  SlotDto,
} from '../../../functions/booking/schema';
import type { CampaignCounts, CampaignDto, MessageDto, SenderDto } from '../../../functions/campaigns/schema';
import type { BulkJobDto, ContactDto, TrashedContactDto } from '../../../functions/contacts/schema';
import type { ImportDto, ImportForecast } from '../../../functions/import/schema';
import type { FailedJobDto } from '../../../functions/jobs/schema';
import type { OutboxEmailDto } from '../../../functions/outbox/schema';
import type { PreviewDto, TemplateDto, VariableDto } from '../../../functions/templates/schema';
import type { ApiErrorDetail, ClientPrincipal } from '../lib/api';

/** One request the SPA made, as the API would see it. */
export interface FakeCall {
  method: string;
  path: string;
  params: URLSearchParams;
  body: unknown;
}

export const ADA_PRINCIPAL: ClientPrincipal = {
  identityProvider: 'dev',
  userId: 'user-ada',
  userDetails: 'ada@momentum.test',
  userRoles: ['anonymous', 'authenticated'],
};

export const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

export const apiError = (status: number, code: string, message: string, details?: ApiErrorDetail[]) =>
  json({ error: { code, message, ...(details ? { details } : {}) } }, status);

/**
 * Replaces fetch with the API's side of the wire: `/.auth/me` answers `me` (signed in by default),
 * everything else goes to `handle`. Returns the calls made, newest last.
 */
export function stubFetch(
  handle: (call: FakeCall) => Response | Promise<Response>,
  {
    me = ADA_PRINCIPAL,
    contactMeetings = [],
  }: {
    me?: ClientPrincipal | null;
    /** What a contact page's Activity lists (GET /api/meetings?contactId=), answered here unless null. */
    contactMeetings?: MeetingDto[] | null;
  } = {},
) {
  const calls: FakeCall[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : init?.body;
    const call = { method: init?.method ?? 'GET', path: url.pathname, params: url.searchParams, body };
    if (call.path === '/.auth/me') return json({ clientPrincipal: me });
    if (contactMeetings && call.path === '/api/meetings' && call.params.has('contactId')) {
      return json({ items: contactMeetings, continuation: null });
    }
    calls.push(call);
    return handle(call);
  });
  vi.stubGlobal('fetch', fetchMock);
  return calls;
}

export const contact = (overrides: Partial<ContactDto> & Pick<ContactDto, 'id'>): ContactDto => ({
  status: 'new',
  source: 'csv',
  flags: [],
  tags: [],
  createdAt: '2026-03-01T09:00:00.000Z',
  updatedAt: '2026-03-02T09:00:00.000Z',
  ...overrides,
});

export const importJob = (overrides: Partial<ImportDto> = {}): ImportDto => ({
  id: 'imp-1',
  fileName: 'leads.csv',
  format: 'csv',
  status: 'preview',
  headers: ['Full Name', 'E-mail', 'Company', 'Notes'],
  mapping: ['fullName', 'email', 'company', null],
  preview: [
    ['Ada Lovelace', 'ada@example.com', 'Analytical Engines', 'met at conf'],
    ['Grace Hopper', 'grace@example.com', 'Navy', ''],
    ['No Mail', '', 'Nowhere Inc', 'call later'],
  ],
  totalRows: 3,
  processedRows: 0,
  counts: { created: 0, updated: 0, unchanged: 0, rejected: 0, duplicatesInFile: 0, withoutEmail: 0 },
  rejectedSample: [],
  error: null,
  createdAt: '2026-03-01T09:00:00.000Z',
  updatedAt: '2026-03-01T09:00:00.000Z',
  completedAt: null,
  ...overrides,
});

/** One page of the contacts list, with the total the API counts over all pages. */
export const contactPage = (
  items: ContactDto[],
  { total = items.length, token = null as string | null } = {},
) => json({ items, continuationToken: token, total });

export const bulkJob = (overrides: Partial<BulkJobDto> = {}): BulkJobDto => ({
  id: 'bulk-1',
  action: { type: 'addTags', tags: ['vip'] },
  status: 'completed',
  total: 2,
  processed: 2,
  changed: 2,
  error: null,
  undoable: false,
  createdAt: '2026-03-01T09:00:00.000Z',
  updatedAt: '2026-03-01T09:00:01.000Z',
  completedAt: '2026-03-01T09:00:01.000Z',
  ...overrides,
});

export const trashed = (
  overrides: Partial<TrashedContactDto> & Pick<TrashedContactDto, 'id'>,
): TrashedContactDto => ({
  ...contact(overrides),
  deletedAt: '2026-03-05T09:00:00.000Z',
  purgeAt: '2026-04-04T09:00:00.000Z',
  ...overrides,
});

export const forecast = (overrides: Partial<ImportForecast> = {}): ImportForecast => ({
  rows: 1312,
  create: 1204,
  merge: 96,
  reject: 12,
  duplicatesInFile: 0,
  withoutEmail: 0,
  rejectedSample: [],
  ...overrides,
});

export const template = (overrides: Partial<TemplateDto> & Pick<TemplateDto, 'id'>): TemplateDto => ({
  name: 'First touch',
  subject: 'Quick question, {{firstName "there"}}',
  html: '<p>Hi {{firstName "there"}},</p><p>How is {{company}} doing?</p>',
  text: null,
  variables: ['firstName', 'company'],
  createdAt: '2026-03-01T09:00:00.000Z',
  updatedAt: '2026-03-02T09:00:00.000Z',
  ...overrides,
});

export const VARIABLES: VariableDto[] = [
  { name: 'firstName', label: 'First name', description: 'The contact’s first name.', example: 'Ada' },
  { name: 'company', label: 'Company', description: 'The contact’s company.', example: 'Analytical Engines' },
  { name: 'senderName', label: 'Sender name', description: 'Your name as the sender.', example: 'Jordan' },
];

export const preview = (overrides: Partial<PreviewDto> = {}): PreviewDto => ({
  subject: 'Quick question, Ada',
  html: '<p>Hi Ada,</p><p>How is Analytical Engines doing?</p>',
  text: 'Hi Ada,\n\nHow is Analytical Engines doing?',
  missing: {},
  audienceSize: 0,
  ...overrides,
});

export const sender = (overrides: Partial<SenderDto> & Pick<SenderDto, 'id'>): SenderDto => ({
  name: 'Jordan Reyes',
  email: 'jordan@momentum.test',
  replyTo: null,
  signature: '',
  postalAddress: '1 Market St, San Francisco, CA 94105',
  dailyCap: 100,
  hourlyCap: null,
  warmUp: false,
  warmUpStartedAt: null,
  createdAt: '2026-03-01T09:00:00.000Z',
  updatedAt: '2026-03-01T09:00:00.000Z',
  ...overrides,
});

export const counts = (overrides: Partial<CampaignCounts> = {}): CampaignCounts => ({
  recipients: 0,
  scheduled: 0,
  sent: 0,
  delivered: 0,
  opened: 0,
  clicked: 0,
  replied: 0,
  bounced: 0,
  failed: 0,
  skippedNoEmail: 0,
  skippedSuppressed: 0,
  stopped: 0,
  ...overrides,
});

export const campaign = (overrides: Partial<CampaignDto> & Pick<CampaignDto, 'id'>): CampaignDto => ({
  name: 'Spring outreach',
  audience: { filter: { tag: 'founders' } },
  senderId: 'snd-1',
  startAt: null,
  steps: [{ templateId: 'tpl-1', delayDays: 0, stopOn: ['replied', 'booked', 'unsubscribed', 'bounced'] }],
  status: 'draft',
  counts: counts(),
  statusDetail: null,
  resumesAt: null,
  createdAt: '2026-03-01T09:00:00.000Z',
  updatedAt: '2026-03-01T09:00:00.000Z',
  startedAt: null,
  completedAt: null,
  ...overrides,
});

export const message = (overrides: Partial<MessageDto> & Pick<MessageDto, 'id'>): MessageDto => ({
  campaignId: 'cmp-1',
  step: 1,
  contactId: 'c-ada',
  to: 'ada@example.com',
  contactName: 'Ada Lovelace',
  status: 'sent',
  reason: null,
  sendAt: '2026-03-01T09:00:00.000Z',
  sentAt: '2026-03-01T09:00:05.000Z',
  events: [],
  ...overrides,
});

export const outboxEmail = (
  overrides: Partial<OutboxEmailDto> & Pick<OutboxEmailDto, 'id'>,
): OutboxEmailDto => ({
  from: 'Jordan Reyes <jordan@momentum.test>',
  to: 'ada@example.com',
  replyTo: 'replies@momentum.test',
  subject: 'Quick question, Ada',
  html: '<p>Hi Ada,</p><p><a href="http://localhost/api/unsubscribe/tok-1">Unsubscribe</a></p>',
  text: 'Hi Ada,\n\nUnsubscribe: http://localhost/api/unsubscribe/tok-1',
  headers: {
    'List-Unsubscribe':
      '<http://localhost/api/unsubscribe/tok-1>, <mailto:unsubscribe@momentum.test?subject=tok-1>',
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  },
  attachments: [],
  campaignId: 'cmp-1',
  sentAt: '2026-03-01T09:00:05.000Z',
  ...overrides,
});

export const failedJob = (overrides: Partial<FailedJobDto> & Pick<FailedJobDto, 'id'>): FailedJobDto => ({
  queue: 'import-jobs',
  kind: 'Import',
  what: { summary: 'Import imp-1', target: { type: 'import', id: 'imp-1' } },
  failedAt: '2026-03-01T09:00:00.000Z',
  dequeueCount: 0,
  ...overrides,
});

/** A free slot of `minutes` from a UTC instant. */
export const slot = (start: string, minutes = 30): SlotDto => ({
  start,
  end: new Date(new Date(start).getTime() + minutes * 60_000).toISOString(),
});

export const bookingPage = (overrides: Partial<BookingPageDto> = {}): BookingPageDto => ({
  organizer: { name: 'Jordan Reyes' },
  meetingType: {
    id: 'intro',
    name: 'Intro call',
    durationMinutes: 30,
    description: 'A first chat about your plans.',
    location: 'video',
  },
  contact: { name: 'Ada Lovelace', email: 'ada@example.com', timeZone: null },
  organizerZone: 'Europe/Berlin',
  expiresAt: '2026-04-01T00:00:00.000Z',
  ...overrides,
});

export const publicMeeting = (overrides: Partial<PublicMeetingDto> = {}): PublicMeetingDto => ({
  title: 'Intro call',
  ...slot('2026-03-10T14:00:00.000Z'),
  status: 'booked',
  organizer: { name: 'Jordan Reyes' },
  contact: { name: 'Ada Lovelace', email: 'ada@example.com' },
  organizerZone: 'Europe/Berlin',
  contactZone: 'Asia/Tokyo',
  durationMinutes: 30,
  location: 'video',
  joinUrl: 'https://meet.example.com/abc',
  manageUrl: 'http://localhost/meeting/mt-1',
  icsUrl: '/api/public/meetings/mt-1/invite.ics',
  googleUrl: 'https://calendar.google.com/calendar/render?action=TEMPLATE',
  outlookUrl: 'https://outlook.live.com/calendar/0/deeplink/compose',
  ...overrides,
});

export const meeting = (overrides: Partial<MeetingDto> & Pick<MeetingDto, 'id'>): MeetingDto => ({
  title: 'Intro call with Ada Lovelace',
  ...slot('2026-03-10T14:00:00.000Z'),
  status: 'booked',
  source: 'booking-page',
  contactId: 'c-ada',
  contact: { name: 'Ada Lovelace', email: 'ada@example.com' },
  meetingType: { id: 'intro', name: 'Intro call', location: 'video' },
  organizerZone: 'Europe/Berlin',
  contactZone: 'Asia/Tokyo',
  joinUrl: 'https://meet.example.com/abc',
  note: '',
  createdAt: '2026-03-01T09:00:00.000Z',
  cancelledAt: null,
  cancelReason: '',
  ...overrides,
});

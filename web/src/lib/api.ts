import type { AuditAction, AuditPage } from '../../../functions/audit/schema';
import type {
  AvailabilityDto,
  AvailabilityPreview,
  AvailabilityPutInput,
} from '../../../functions/availability/schema';
import type {
  BookingLinkDto,
  BookingPageDto,
  BookingResult,
  MeetingDto,
  MeetingPage,
  OrganizerBookingInput,
  OrganizerSlots,
  PublicBookingInput,
  PublicMeetingDto,
  PublicSlots,
  SlotDto,
} from '../../../functions/booking/schema';
import type { BotInstructionDto } from '../../../functions/bot/instructions';
import type {
  AssistantTurnDto,
  ChatReplyDto,
  TeamsLinkCode,
  TranscriptDto,
} from '../../../functions/bot/schema';
import type { CalendarAuditDto } from '../../../functions/calendars/audit';
import type {
  CalendarConnectInput,
  CalendarConnectionDto,
  CalendarConnectionList,
  CalendarConnectionPatch,
  CalendarSettingsDto,
} from '../../../functions/calendars/schema';
import type {
  Audience,
  CampaignDto,
  CampaignInput,
  MessagePage,
  MessageStatus,
  SenderDto,
  SenderInput,
} from '../../../functions/campaigns/schema';
import type {
  BulkJobDto,
  BulkRequest,
  ContactCreate,
  ContactDto,
  ContactPage,
  ContactPatch,
  ContactSort,
  ContactSource,
  ContactStatus,
  Preferences,
  SortDirection,
  TrashedContactDto,
} from '../../../functions/contacts/schema';
import type { DashboardDto } from '../../../functions/dashboard/schema';
import type { ExportJobDto, ExportListDto, ExportRequestInput } from '../../../functions/exports/schema';
import type { ColumnMapping, ImportDto, ImportForecast } from '../../../functions/import/schema';
import type { FailedJobList } from '../../../functions/jobs/schema';
import type {
  DueFilter,
  FollowupsDto,
  LeadDto,
  LeadPage,
  LeadPatch,
  StageNamesDto,
  TimelineDto,
} from '../../../functions/leads/schema';
import type { LeadStage } from '../../../functions/leads/stages';
import type {
  ChannelConnectionDto,
  ChannelTestResult,
  ConnectionName,
  ContactConsentDto,
  ContactConsentInput,
  NotificationLog,
  NotificationPreferences,
} from '../../../functions/notifications/schema';
import type { OutboxEmailDto, OutboxPage } from '../../../functions/outbox/schema';
import type { AccountDeletionDto, ErasureReceiptDto } from '../../../functions/privacy/schema';
import type { ReportDto, ReportListDto, ReportSettingsDto } from '../../../functions/reports/schema';
import type { SuppressionInput, SuppressionPage } from '../../../functions/suppressions/schema';
import type {
  PreviewDto,
  PreviewRequest,
  TemplateDto,
  TemplateInput,
  VariableDto,
} from '../../../functions/templates/schema';
import type { VideoChoice, VideoSettingsDto } from '../../../functions/video/schema';

/** One detail of an API error: which field or row, and what is wrong with it. */
export interface ApiErrorDetail {
  path?: string;
  row?: number;
  message: string;
  /** The record the detail is about, e.g. the existing contact behind a DUPLICATE. */
  id?: string;
}

/** Every failed call throws this, carrying the API's `{ error: { code, message, details } }`. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ApiErrorDetail[] = [],
  ) {
    super(message);
  }
}

/** A 409 from booking or rescheduling: the time was just taken; `alternatives` are the nearest free ones. */
export class SlotTakenError extends ApiError {
  constructor(
    message: string,
    readonly alternatives: SlotDto[],
  ) {
    super(409, 'CONFLICT', message);
  }
}

export const isUnauthorized = (error: unknown): boolean => error instanceof ApiError && error.status === 401;

// Used when a response carries no error body of ours (a proxy page, a crash): say what to do next.
const FALLBACK_MESSAGES: Record<number, string> = {
  401: 'Your session has ended. Please sign in again.',
  403: 'You do not have access to this.',
  404: 'That was not found. It may have been deleted.',
  413: 'That file is too large to upload.',
  415: 'That type of file is not supported. Use a .csv, .xlsx or .xls file.',
  429: 'Too many requests. Wait a moment and try again.',
};

async function toApiError(response: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)
    ?.error;
  if (error && typeof error.message === 'string') {
    const alternatives = (body as { alternatives?: unknown }).alternatives;
    if (response.status === 409 && Array.isArray(alternatives))
      return new SlotTakenError(error.message, alternatives as SlotDto[]);
    const details = Array.isArray(error.details) ? (error.details as ApiErrorDetail[]) : [];
    return new ApiError(
      response.status,
      String(error.code ?? `HTTP_${response.status}`),
      error.message,
      details,
    );
  }
  const message =
    FALLBACK_MESSAGES[response.status] ?? 'Something went wrong on our side. Please try again in a moment.';
  return new ApiError(response.status, `HTTP_${response.status}`, message);
}

async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set('Accept', 'application/json');
  if (typeof init.body === 'string') headers.set('Content-Type', 'application/json');
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Could not reach the server. Check your connection and try again.');
  }
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export interface ClientPrincipal {
  identityProvider: string;
  userId: string;
  userDetails: string;
  userRoles: string[];
  /** Static Web Apps adds the provider's claims; `name` is the person's display name. */
  claims?: { typ: string; val: string }[];
}

const NAME_CLAIMS = [
  'name',
  'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name',
  'preferred_username',
];

/** The signed-in person's name as the provider gave it, else what Static Web Apps shows (an email). */
export const principalName = (principal: ClientPrincipal): string =>
  NAME_CLAIMS.map((typ) => principal.claims?.find((c) => c.typ === typ)?.val?.trim()).find(Boolean) ??
  principal.userDetails;

export interface ContactFilter {
  search?: string;
  tag?: string;
  source?: ContactSource;
  status?: ContactStatus;
}

export interface ContactOrder {
  sort?: ContactSort;
  dir?: SortDirection;
}

export interface ContactListParams extends ContactFilter, ContactOrder {
  continuationToken?: string;
  limit?: number;
}

export const PAGE_SIZE = 50;

const FILTER_KEYS = ['search', 'tag', 'source', 'status', 'sort', 'dir'] as const;

function contactListPath(params: ContactListParams): string {
  const query = new URLSearchParams();
  for (const key of [...FILTER_KEYS, 'continuationToken'] as const) {
    const value = params[key];
    if (value) query.set(key, value);
  }
  query.set('limit', String(params.limit ?? PAGE_SIZE));
  return `/api/contacts?${query}`;
}

/** What an export covers: the chosen rows, or everything the filter matches, in the list's order. */
export interface ExportParams extends ContactFilter, ContactOrder {
  format: 'csv' | 'xlsx';
  ids?: string[];
}

function exportPath(params: ExportParams): string {
  const query = new URLSearchParams({ format: params.format });
  for (const key of FILTER_KEYS) {
    const value = params[key];
    if (value) query.set(key, value);
  }
  if (params.ids?.length) query.set('ids', params.ids.join(','));
  return `/api/contacts/export?${query}`;
}

/** What GET /api/imports says about uploads before the user picks a file. */
export interface ImportLimits {
  maxBytes: number;
  formats: string[];
}

const id = (value: string) => encodeURIComponent(value);

/** POST /api/campaigns/audience: who a campaign would reach, counted live while it is set up. */
export interface AudienceCount {
  count: number;
  withoutEmail: number;
  suppressed: number;
}

export interface MessageListParams {
  status?: MessageStatus | undefined;
  step?: number | undefined;
  limit?: number;
  continuationToken?: string | undefined;
}

/** `?a=1&b=2` from the values that are set, or '' when none is. */
function queryString(params: Record<string, string | number | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') query.set(key, String(value));
  }
  const text = query.toString();
  return text ? `?${text}` : '';
}

const post = <T>(path: string, body?: unknown) =>
  request<T>(path, { method: 'POST', ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
const put = <T>(path: string, body: unknown) =>
  request<T>(path, { method: 'PUT', body: JSON.stringify(body) });
const patch = <T>(path: string, body: unknown) =>
  request<T>(path, { method: 'PATCH', body: JSON.stringify(body) });

/** The time window and zone of a slot search; the API picks the window when none is given. */
export interface SlotRange {
  from?: string | undefined;
  to?: string | undefined;
  timeZone?: string | undefined;
}

export interface OrganizerSlotParams {
  meetingType?: string | undefined;
  contactId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** GET /api/leads: the filters, and one page of a column or the list. */
export interface LeadListParams {
  stage?: LeadStage | undefined;
  source?: ContactSource | undefined;
  tag?: string | undefined;
  due?: DueFilter | undefined;
  limit?: number | undefined;
  continuationToken?: string | undefined;
}

export type MeetingWhen = 'upcoming' | 'past';
/** A contact's page lists all of their meetings. */
export type MeetingListWhen = MeetingWhen | 'all';

export const api = {
  auth: {
    me: () => request<{ clientPrincipal: ClientPrincipal | null }>('/.auth/me'),
  },
  contacts: {
    list: (params: ContactListParams) => request<ContactPage>(contactListPath(params)),
    get: (contactId: string) => request<ContactDto>(`/api/contacts/${id(contactId)}`),
    create: (contact: ContactCreate) =>
      request<ContactDto>('/api/contacts', { method: 'POST', body: JSON.stringify(contact) }),
    update: (contactId: string, patch: ContactPatch) =>
      request<ContactDto>(`/api/contacts/${id(contactId)}`, { method: 'PATCH', body: JSON.stringify(patch) }),
    remove: (contactId: string) => request<void>(`/api/contacts/${id(contactId)}`, { method: 'DELETE' }),
    restore: (contactId: string) =>
      request<ContactDto>(`/api/contacts/${id(contactId)}/restore`, { method: 'POST' }),
    trash: () => request<{ items: TrashedContactDto[] }>('/api/contacts/trash'),
    bulk: (body: BulkRequest) =>
      request<BulkJobDto>('/api/contacts/bulk', { method: 'POST', body: JSON.stringify(body) }),
    bulkJob: (jobId: string) => request<BulkJobDto>(`/api/contacts/bulk/${id(jobId)}`),
    undoBulk: (jobId: string) =>
      request<BulkJobDto>(`/api/contacts/bulk/${id(jobId)}/undo`, { method: 'POST' }),
    /** A plain link: the browser downloads the file with the session cookie. */
    exportUrl: exportPath,
  },
  availability: {
    /** `timeZone` (the browser's) only seeds a first visit's defaults. */
    get: (timeZone: string) =>
      request<AvailabilityDto>(`/api/availability?${new URLSearchParams({ timeZone })}`),
    save: (body: AvailabilityPutInput) => put<AvailabilityDto>('/api/availability', body),
    preview: (params: { meetingType?: string | undefined; timeZone: string }) => {
      const query = new URLSearchParams({ timeZone: params.timeZone });
      if (params.meetingType) query.set('meetingType', params.meetingType);
      return request<AvailabilityPreview>(`/api/availability/preview?${query}`);
    },
  },
  calendars: {
    list: () => request<CalendarConnectionList>('/api/calendars'),
    connect: (body: CalendarConnectInput) => post<CalendarConnectionDto>('/api/calendars', body),
    update: (connectionId: string, body: CalendarConnectionPatch) =>
      patch<CalendarConnectionDto>(`/api/calendars/${id(connectionId)}`, body),
    check: (connectionId: string) => post<CalendarConnectionDto>(`/api/calendars/${id(connectionId)}/check`),
    disconnect: (connectionId: string) =>
      request<void>(`/api/calendars/${id(connectionId)}`, { method: 'DELETE' }),
    audit: () => request<{ items: CalendarAuditDto[] }>('/api/calendars/audit'),
    settings: () => request<CalendarSettingsDto>('/api/calendars/settings'),
    saveSettings: (body: CalendarSettingsDto) =>
      request<CalendarSettingsDto>('/api/calendars/settings', { method: 'PUT', body: JSON.stringify(body) }),
    video: () => request<VideoSettingsDto>('/api/video'),
    saveVideo: (body: { provider: VideoChoice; urlTemplate: string | null }) =>
      put<VideoSettingsDto>('/api/video', body),
    /** The provider's consent page to send the browser to (OAuth with PKCE). */
    startOAuth: (kind: 'google' | 'microsoft') => post<{ url: string }>(`/api/calendars/oauth/${kind}/start`),
  },
  /** The booking page and the manage page: anonymous, authorised by the signed token in the link. */
  publicBooking: {
    page: (token: string) => request<BookingPageDto>(`/api/public/booking/${id(token)}`),
    chat: (token: string, body: { conversationId: string; text: string; timeZone?: string }) =>
      post<{ replies: ChatReplyDto[] }>(`/api/public/booking/${id(token)}/chat`, body),
    slots: (token: string, range: SlotRange) =>
      request<PublicSlots>(`/api/public/booking/${id(token)}/slots${queryString({ ...range })}`),
    book: (token: string, body: PublicBookingInput) =>
      post<BookingResult>(`/api/public/booking/${id(token)}`, body),
    meeting: (token: string) => request<PublicMeetingDto>(`/api/public/meetings/${id(token)}`),
    meetingSlots: (token: string, range: SlotRange) =>
      request<PublicSlots>(`/api/public/meetings/${id(token)}/slots${queryString({ ...range })}`),
    cancel: (token: string, reason: string) =>
      post<PublicMeetingDto>(`/api/public/meetings/${id(token)}/cancel`, { reason }),
    reschedule: (token: string, start: string) =>
      post<PublicMeetingDto>(`/api/public/meetings/${id(token)}/reschedule`, { start }),
  },
  meetings: {
    list: (when: MeetingListWhen, continuation?: string, contactId?: string) =>
      request<MeetingPage>(`/api/meetings${queryString({ when, continuation, contactId })}`),
    book: (body: OrganizerBookingInput) => post<MeetingDto>('/api/meetings', body),
    cancel: (meetingId: string, reason: string) =>
      post<MeetingDto>(`/api/meetings/${id(meetingId)}/cancel`, { reason }),
    reschedule: (meetingId: string, start: string) =>
      post<MeetingDto>(`/api/meetings/${id(meetingId)}/reschedule`, { start }),
    noShow: (meetingId: string) => post<MeetingDto>(`/api/meetings/${id(meetingId)}/no-show`),
    confirm: (meetingId: string) => post<MeetingDto>(`/api/meetings/${id(meetingId)}/confirm`),
    slots: (params: OrganizerSlotParams) =>
      request<OrganizerSlots>(`/api/slots${queryString({ ...params })}`),
    bookingLink: (contactId: string, meetingTypeId?: string) =>
      post<BookingLinkDto>(
        `/api/contacts/${id(contactId)}/booking-link`,
        meetingTypeId ? { meetingTypeId } : {},
      ),
  },
  preferences: {
    get: () => request<Partial<Preferences>>('/api/preferences'),
    save: (preferences: Preferences) =>
      request<Preferences>('/api/preferences', { method: 'PUT', body: JSON.stringify(preferences) }),
  },
  imports: {
    list: () => request<{ items: ImportDto[]; limits?: ImportLimits }>('/api/imports'),
    get: (importId: string) => request<ImportDto>(`/api/imports/${id(importId)}`),
    upload: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return request<ImportDto>('/api/imports', { method: 'POST', body: form });
    },
    commit: (importId: string, mapping: ColumnMapping, options: { importErased?: boolean } = {}) =>
      request<ImportDto>(`/api/imports/${id(importId)}/commit`, {
        method: 'POST',
        body: JSON.stringify({ mapping, ...(options.importErased && { importErased: true }) }),
      }),
    forecast: (importId: string, mapping: ColumnMapping) =>
      request<ImportForecast>(`/api/imports/${id(importId)}/forecast`, {
        method: 'POST',
        body: JSON.stringify({ mapping }),
      }),
    discard: (importId: string) => request<void>(`/api/imports/${id(importId)}`, { method: 'DELETE' }),
    rejectedCsvUrl: (importId: string) => `/api/imports/${id(importId)}/rejected`,
  },
  templates: {
    list: () => request<{ items: TemplateDto[] }>('/api/templates'),
    get: (templateId: string) => request<TemplateDto>(`/api/templates/${id(templateId)}`),
    create: (template: TemplateInput) => post<TemplateDto>('/api/templates', template),
    update: (templateId: string, template: TemplateInput) =>
      put<TemplateDto>(`/api/templates/${id(templateId)}`, template),
    remove: (templateId: string) => request<void>(`/api/templates/${id(templateId)}`, { method: 'DELETE' }),
    variables: () => request<{ items: VariableDto[] }>('/api/templates/variables'),
    preview: (body: PreviewRequest) => post<PreviewDto>('/api/templates/preview', body),
    sendTest: (templateId: string) =>
      post<{ sentTo: string; status: string }>(`/api/templates/${id(templateId)}/test`),
  },
  senders: {
    list: () => request<{ items: SenderDto[] }>('/api/senders'),
    create: (sender: SenderInput) => post<SenderDto>('/api/senders', sender),
    update: (senderId: string, sender: SenderInput) => put<SenderDto>(`/api/senders/${id(senderId)}`, sender),
    remove: (senderId: string) => request<void>(`/api/senders/${id(senderId)}`, { method: 'DELETE' }),
  },
  campaigns: {
    list: () => request<{ items: CampaignDto[] }>('/api/campaigns'),
    get: (campaignId: string) => request<CampaignDto>(`/api/campaigns/${id(campaignId)}`),
    create: (campaign: CampaignInput) => post<CampaignDto>('/api/campaigns', campaign),
    update: (campaignId: string, campaign: CampaignInput) =>
      put<CampaignDto>(`/api/campaigns/${id(campaignId)}`, campaign),
    remove: (campaignId: string) => request<void>(`/api/campaigns/${id(campaignId)}`, { method: 'DELETE' }),
    audience: (audience: Audience) => post<AudienceCount>('/api/campaigns/audience', { audience }),
    start: (campaignId: string) => post<CampaignDto>(`/api/campaigns/${id(campaignId)}/start`),
    pause: (campaignId: string) => post<CampaignDto>(`/api/campaigns/${id(campaignId)}/pause`),
    resume: (campaignId: string) => post<CampaignDto>(`/api/campaigns/${id(campaignId)}/resume`),
    messages: (campaignId: string, params: MessageListParams) =>
      request<MessagePage>(
        `/api/campaigns/${id(campaignId)}/messages${queryString({ ...params } as Record<string, string | number | undefined>)}`,
      ),
  },
  bot: {
    transcripts: (contactId: string) =>
      request<{ items: TranscriptDto[] }>(`/api/bot/transcripts${queryString({ contactId })}`),
    latestTranscripts: (limit = 200) =>
      request<{ items: TranscriptDto[] }>(`/api/bot/transcripts${queryString({ limit })}`),
    purgeTranscripts: (olderThanDays: number) =>
      post<{ deleted: number }>('/api/bot/logs/purge', { olderThanDays }),
    instruction: () => request<BotInstructionDto>('/api/bot/instructions'),
    saveInstruction: (instruction: string) =>
      put<BotInstructionDto>('/api/bot/instructions', { instruction }),
    assistant: (body: { text: string; conversationId?: string | undefined }) =>
      post<AssistantTurnDto>('/api/bot/assistant', body),
    /** A one-time code to send the bot in Teams: the assistant there, and the Teams chat channel. */
    teamsLinkCode: () => post<TeamsLinkCode>('/api/bot/teams-link'),
  },
  notifications: {
    log: (filter: { channel?: string; status?: string; continuationToken?: string }) =>
      request<NotificationLog>(`/api/notifications${queryString(filter)}`),
    retry: (recordId: string) => post<unknown>(`/api/notifications/${id(recordId)}/retry`),
    preferences: () => request<NotificationPreferences>('/api/notifications/preferences'),
    savePreferences: (body: NotificationPreferences) =>
      put<NotificationPreferences>('/api/notifications/preferences', body),
    channels: () => request<{ items: ChannelConnectionDto[] }>('/api/notifications/channels'),
    saveChannel: (name: ConnectionName, body: Record<string, unknown>) =>
      put<ChannelConnectionDto>(`/api/notifications/channels/${id(name)}`, body),
    removeChannel: (name: ConnectionName) =>
      request<void>(`/api/notifications/channels/${id(name)}`, { method: 'DELETE' }),
    testChannel: (name: ConnectionName, phone?: string) =>
      post<ChannelTestResult>(`/api/notifications/channels/${id(name)}/test`, phone ? { phone } : {}),
    consent: (contactId: string) => request<ContactConsentDto>(`/api/notifications/consent/${id(contactId)}`),
    saveConsent: (contactId: string, body: ContactConsentInput) =>
      put<ContactConsentDto>(`/api/notifications/consent/${id(contactId)}`, body),
  },
  outbox: {
    list: (continuationToken?: string) =>
      request<OutboxPage>(`/api/outbox${queryString({ limit: PAGE_SIZE, continuationToken })}`),
    get: (emailId: string) => request<OutboxEmailDto>(`/api/outbox/${id(emailId)}`),
  },
  jobs: {
    failed: () => request<FailedJobList>('/api/jobs/failed'),
    retry: (queue: string, jobId: string) =>
      post<{ queued: boolean }>(`/api/jobs/failed/${id(queue)}/${id(jobId)}/retry`),
  },
  suppressions: {
    list: (continuationToken?: string) =>
      request<SuppressionPage>(`/api/suppressions${queryString({ continuationToken })}`),
    add: (suppression: SuppressionInput) => post<unknown>('/api/suppressions', suppression),
    remove: (email: string) => request<void>(`/api/suppressions/${id(email)}`, { method: 'DELETE' }),
  },
  leads: {
    list: (params: LeadListParams) => request<LeadPage>(`/api/leads${queryString({ ...params })}`),
    get: (leadId: string) => request<LeadDto>(`/api/leads/${id(leadId)}`),
    update: (leadId: string, body: LeadPatch) => patch<LeadDto>(`/api/leads/${id(leadId)}`, body),
    timeline: (leadId: string) => request<TimelineDto>(`/api/leads/${id(leadId)}/timeline`),
    followups: () => request<FollowupsDto>('/api/leads/followups'),
    stages: () => request<StageNamesDto>('/api/leads/stages'),
    saveStages: (names: Partial<Record<LeadStage, string>>) =>
      put<StageNamesDto>('/api/leads/stages', { names }),
  },
  reports: {
    list: () => request<ReportListDto>('/api/reports'),
    /** Today's report so far (or a given day's), made again over any stored one. */
    make: (date?: string) => post<ReportDto>('/api/reports', date ? { date } : {}),
    /** A plain link: the browser downloads the file with the session cookie. */
    fileUrl: (date: string) => `/api/reports/${id(date)}`,
    settings: () => request<ReportSettingsDto>('/api/report-settings'),
    saveSettings: (settings: ReportSettingsDto) => put<ReportSettingsDto>('/api/report-settings', settings),
  },
  exports: {
    list: () => request<ExportListDto>('/api/exports'),
    get: (exportId: string) => request<ExportJobDto>(`/api/exports/${id(exportId)}`),
    start: (body: ExportRequestInput) => post<ExportJobDto>('/api/exports', body),
    fileUrl: (exportId: string) => `/api/exports/${id(exportId)}/file`,
  },
  dashboard: {
    get: (params: { from: string; to: string; campaign?: string | undefined }) =>
      request<DashboardDto>(`/api/dashboard${queryString(params)}`),
  },
  privacy: {
    /** A zip of everything held about the contact (a download link, not a fetch). */
    contactExportUrl: (contactId: string) => `/api/contacts/${id(contactId)}/privacy-export`,
    erase: (contactId: string, confirm: string) =>
      post<ErasureReceiptDto>(`/api/contacts/${id(contactId)}/erase`, { confirm }),
    accountExportUrl: '/api/account/export',
    deleteAccount: (confirm: string) => post<AccountDeletionDto>('/api/account/delete', { confirm }),
  },
  audit: {
    list: (params: { action?: AuditAction; from?: string; to?: string; continuation?: string }) =>
      request<AuditPage>(`/api/audit${queryString(params)}`),
  },
};

export type { ExportJobDto, ExportRequestInput, ReportDto, ReportSettingsDto };

import { getConfig } from '../_shared/config.js';
import type { MeetingDoc } from './model.js';
import type { PublicMeetingDto } from './schema.js';
import { manageToken } from './tokens.js';

/** The app's public address, without a trailing slash: the base of every link in an email. */
export const appBaseUrl = (): string => getConfig().APP_BASE_URL.replace(/\/+$/, '');

export const bookingPageUrl = (token: string): string => `${appBaseUrl()}/book/${token}`;
export const manageUrl = (meeting: Pick<MeetingDoc, 'ownerId' | 'id' | 'end'>): string =>
  `${appBaseUrl()}/meeting/${manageToken(meeting.ownerId, meeting.id, meeting.end)}`;

const compact = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** The meeting as its attendee sees it on the manage page and the booking confirmation. */
export function toPublicMeeting(meeting: MeetingDoc): PublicMeetingDto {
  const token = manageToken(meeting.ownerId, meeting.id, meeting.end);
  const base = appBaseUrl();
  const details = [
    meeting.joinUrl && `Join: ${meeting.joinUrl}`,
    `Reschedule or cancel: ${base}/meeting/${token}`,
  ]
    .filter(Boolean)
    .join('\n');
  const google = new URL('https://calendar.google.com/calendar/render');
  google.search = new URLSearchParams({
    action: 'TEMPLATE',
    text: meeting.title,
    dates: `${compact(meeting.start)}/${compact(meeting.end)}`,
    details,
    ...(meeting.joinUrl && { location: meeting.joinUrl }),
  }).toString();
  const outlook = new URL('https://outlook.live.com/calendar/0/deeplink/compose');
  outlook.search = new URLSearchParams({
    path: '/calendar/action/compose',
    rru: 'addevent',
    subject: meeting.title,
    startdt: meeting.start,
    enddt: meeting.end,
    body: details,
    ...(meeting.joinUrl && { location: meeting.joinUrl }),
  }).toString();
  return {
    title: meeting.title,
    start: meeting.start,
    end: meeting.end,
    status: meeting.status,
    organizer: { name: meeting.organizer.name },
    contact: meeting.contact,
    organizerZone: meeting.organizerZone,
    contactZone: meeting.contactZone,
    durationMinutes: meeting.meetingType.durationMinutes,
    location: meeting.meetingType.location,
    joinUrl: meeting.status === 'booked' ? meeting.joinUrl : null,
    manageUrl: `${base}/meeting/${token}`,
    icsUrl: `${base}/api/public/meetings/${token}/ics`,
    googleUrl: google.toString(),
    outlookUrl: outlook.toString(),
  };
}

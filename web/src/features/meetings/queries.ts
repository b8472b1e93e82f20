import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, type MeetingWhen, type OrganizerSlotParams } from '../../lib/api';

/** Every meetings query starts with `meetings` (slots too: a booking changes them). */
export const meetingKeys = {
  all: ['meetings'] as const,
  list: (when: MeetingWhen, continuation: string | undefined) =>
    [...meetingKeys.all, 'list', when, continuation ?? 'first'] as const,
  slots: (params: OrganizerSlotParams) => [...meetingKeys.all, 'slots', params] as const,
  ofContact: (contactId: string) => [...meetingKeys.all, 'contact', contactId] as const,
};

/** One contact's meetings, latest first (their page's activity). */
export const contactMeetingsQuery = (contactId: string) =>
  queryOptions({
    queryKey: meetingKeys.ofContact(contactId),
    queryFn: () => api.meetings.list('all', undefined, contactId),
  });

export const meetingsQuery = (when: MeetingWhen, continuation: string | undefined) =>
  queryOptions({
    queryKey: meetingKeys.list(when, continuation),
    queryFn: () => api.meetings.list(when, continuation),
    placeholderData: keepPreviousData,
  });

export const organizerSlotsQuery = (params: OrganizerSlotParams) =>
  queryOptions({
    queryKey: meetingKeys.slots(params),
    queryFn: () => api.meetings.slots(params),
    placeholderData: keepPreviousData,
  });

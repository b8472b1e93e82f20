import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { SIGNED_LINK_META } from '../auth/use-redirect-on-unauthorized';

/** The public pages' queries, keyed by the signed token of the link they were opened from. */
export const publicKeys = {
  all: ['public'] as const,
  bookingPage: (token: string) => [...publicKeys.all, 'booking', token] as const,
  bookingSlots: (token: string, timeZone: string) =>
    [...publicKeys.bookingPage(token), 'slots', timeZone] as const,
  meeting: (token: string) => [...publicKeys.all, 'meeting', token] as const,
  meetingSlots: (token: string, timeZone: string) =>
    [...publicKeys.meeting(token), 'slots', timeZone] as const,
};

export const bookingPageQuery = (token: string) =>
  queryOptions({
    queryKey: publicKeys.bookingPage(token),
    queryFn: () => api.publicBooking.page(token),
    meta: SIGNED_LINK_META,
  });

// The zone only ranks the suggestions; the previous list stays on screen while a new zone loads.
export const bookingSlotsQuery = (token: string, timeZone: string) =>
  queryOptions({
    queryKey: publicKeys.bookingSlots(token, timeZone),
    queryFn: () => api.publicBooking.slots(token, { timeZone }),
    placeholderData: keepPreviousData,
    meta: SIGNED_LINK_META,
  });

export const publicMeetingQuery = (token: string) =>
  queryOptions({
    queryKey: publicKeys.meeting(token),
    queryFn: () => api.publicBooking.meeting(token),
    meta: SIGNED_LINK_META,
  });

export const meetingSlotsQuery = (token: string, timeZone: string) =>
  queryOptions({
    queryKey: publicKeys.meetingSlots(token, timeZone),
    queryFn: () => api.publicBooking.meetingSlots(token, { timeZone }),
    placeholderData: keepPreviousData,
    meta: SIGNED_LINK_META,
  });

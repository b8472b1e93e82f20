import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api } from '../../lib/api';

/** Every availability query starts with `availability`: invalidating that prefix refreshes them all. */
export const availabilityKeys = {
  all: ['availability'] as const,
  settings: () => [...availabilityKeys.all, 'settings'] as const,
  preview: (meetingType: string | undefined) =>
    [...availabilityKeys.all, 'preview', meetingType ?? 'first'] as const,
};

/** The zone this browser runs in: it seeds a first visit's time zone. */
export const browserZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export const availabilityQuery = () =>
  queryOptions({
    queryKey: availabilityKeys.settings(),
    queryFn: () => api.availability.get(browserZone()),
    // The form holds the edits; a background refetch must not replace them mid-edit.
    refetchOnWindowFocus: false,
  });

export const previewQuery = (meetingType: string | undefined) =>
  queryOptions({
    queryKey: availabilityKeys.preview(meetingType),
    queryFn: () => api.availability.preview({ meetingType, timeZone: browserZone() }),
    placeholderData: keepPreviousData,
  });

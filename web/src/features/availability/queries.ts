import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { browserZone } from '../../lib/time-zone';

/** Every availability query starts with `availability`: invalidating that prefix refreshes them all. */
export const availabilityKeys = {
  all: ['availability'] as const,
  settings: () => [...availabilityKeys.all, 'settings'] as const,
  preview: (meetingType: string | undefined) =>
    [...availabilityKeys.all, 'preview', meetingType ?? 'first'] as const,
};

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

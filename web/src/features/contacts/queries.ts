import { queryOptions } from '@tanstack/react-query';
import type { BulkJobDto, ContactColumn } from '../../../../functions/contacts/schema';
import { api, type ContactListParams } from '../../lib/api';
import { COLUMNS, DEFAULT_COLUMNS } from './columns';

/** Every contacts query starts with `contacts`: invalidating that prefix refreshes them all. */
export const contactKeys = {
  all: ['contacts'] as const,
  lists: () => [...contactKeys.all, 'list'] as const,
  detail: (id: string) => [...contactKeys.all, 'detail', id] as const,
  trash: () => [...contactKeys.all, 'trash'] as const,
};

/** Bulk jobs sit apart from `contacts`: refreshing the contacts after a job must not refetch the job. */
export const bulkJobKeys = { detail: (id: string) => ['bulk-jobs', id] as const };

export const preferenceKeys = { all: ['preferences'] as const };

export const POLL_INTERVAL_MS = 1000;

export const contactsQuery = (params: ContactListParams) =>
  queryOptions({
    queryKey: [...contactKeys.lists(), params],
    queryFn: () => api.contacts.list(params),
  });

export const contactQuery = (id: string) =>
  queryOptions({ queryKey: contactKeys.detail(id), queryFn: () => api.contacts.get(id) });

export const trashQuery = () => queryOptions({ queryKey: contactKeys.trash(), queryFn: api.contacts.trash });

export const isBulkJobRunning = (job: BulkJobDto | undefined): boolean =>
  job?.status === 'queued' || job?.status === 'running';

/** A bulk action running in the background; polled every second until it ends. */
export const bulkJobQuery = (id: string) =>
  queryOptions({
    queryKey: bulkJobKeys.detail(id),
    queryFn: () => api.contacts.bulkJob(id),
    // A finished job never changes; the POST's answer is all there is to show.
    staleTime: (query) => (isBulkJobRunning(query.state.data) ? 0 : Number.POSITIVE_INFINITY),
    refetchInterval: (query) => (isBulkJobRunning(query.state.data) ? POLL_INTERVAL_MS : false),
  });

const known = new Set<string>(COLUMNS);

/** The user's chosen columns, kept on the server; the default set until they choose. */
export const preferencesQuery = () =>
  queryOptions({
    queryKey: preferenceKeys.all,
    queryFn: api.preferences.get,
    staleTime: 5 * 60_000,
    select: (prefs): ContactColumn[] => {
      const chosen = Array.isArray(prefs?.contactColumns)
        ? prefs.contactColumns.filter((c): c is ContactColumn => known.has(c))
        : [];
      return chosen.length > 0 ? chosen : DEFAULT_COLUMNS;
    },
  });

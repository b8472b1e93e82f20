import { queryOptions } from '@tanstack/react-query';
import type { ColumnMapping, ImportForecast, ImportStatus } from '../../../../functions/import/schema';
import { api } from '../../lib/api';

export const importKeys = {
  all: ['imports'] as const,
  list: () => [...importKeys.all, 'list'] as const,
  detail: (id: string) => [...importKeys.all, 'detail', id] as const,
};

export const POLL_INTERVAL_MS = 1000;

export const isImportRunning = (status: ImportStatus | undefined): boolean =>
  status === 'queued' || status === 'running';

export const importsQuery = () => queryOptions({ queryKey: importKeys.list(), queryFn: api.imports.list });

/** One import job; polled every second while the worker is on it. */
export const importQuery = (id: string) =>
  queryOptions({
    queryKey: importKeys.detail(id),
    queryFn: () => api.imports.get(id),
    refetchInterval: (query) => (isImportRunning(query.state.data?.status) ? POLL_INTERVAL_MS : false),
  });

/** What committing `mapping` would do, worked out by the API on the whole file. */
export const forecastQuery = (id: string, mapping: ColumnMapping) =>
  queryOptions({
    queryKey: [...importKeys.detail(id), 'forecast', mapping],
    queryFn: () => api.imports.forecast(id, mapping),
    staleTime: 60_000,
    // Only a forecast's shape is worth showing (an older API answers something else).
    select: (forecast): ImportForecast | null =>
      typeof forecast?.rows === 'number' && typeof forecast.create === 'number' ? forecast : null,
  });

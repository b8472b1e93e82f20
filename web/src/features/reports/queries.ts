import { queryOptions } from '@tanstack/react-query';
import { api, type ExportJobDto } from '../../lib/api';

export const reportKeys = {
  all: ['reports'] as const,
  list: () => [...reportKeys.all, 'list'] as const,
  settings: () => [...reportKeys.all, 'settings'] as const,
};
export const exportKeys = {
  all: ['exports'] as const,
  list: () => [...exportKeys.all, 'list'] as const,
  detail: (id: string) => [...exportKeys.all, 'detail', id] as const,
};

export const reportsQuery = () => queryOptions({ queryKey: reportKeys.list(), queryFn: api.reports.list });
export const reportSettingsQuery = () =>
  queryOptions({ queryKey: reportKeys.settings(), queryFn: api.reports.settings });
export const exportsQuery = () => queryOptions({ queryKey: exportKeys.list(), queryFn: api.exports.list });

export const isExportRunning = (job: ExportJobDto) => job.status === 'queued' || job.status === 'running';

/** One export, polled every second while it runs. */
export const exportQuery = (id: string) =>
  queryOptions({
    queryKey: exportKeys.detail(id),
    queryFn: () => api.exports.get(id),
    refetchInterval: (query) => (query.state.data && !isExportRunning(query.state.data) ? false : 1000),
  });

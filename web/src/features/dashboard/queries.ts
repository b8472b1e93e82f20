import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api } from '../../lib/api';

export const dashboardKeys = { all: ['dashboard'] as const };

export const dashboardQuery = (params: { from: string; to: string; campaign?: string | undefined }) =>
  queryOptions({
    queryKey: [...dashboardKeys.all, params],
    queryFn: () => api.dashboard.get(params),
    placeholderData: keepPreviousData,
  });

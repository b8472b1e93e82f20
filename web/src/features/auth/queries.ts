import { queryOptions } from '@tanstack/react-query';
import { api } from '../../lib/api';

export const authKeys = { all: ['auth'] as const };

export const meQuery = () =>
  queryOptions({
    queryKey: [...authKeys.all, 'me'],
    queryFn: api.auth.me,
    staleTime: 5 * 60_000,
  });

import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './lib/api';

// A 4xx will answer the same way again; only network blips and 5xx are worth a retry.
const shouldRetry = (failureCount: number, error: unknown) =>
  !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failureCount < 2;

export const createQueryClient = () =>
  new QueryClient({ defaultOptions: { queries: { retry: shouldRetry, staleTime: 10_000 } } });

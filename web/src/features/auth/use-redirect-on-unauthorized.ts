import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from '@tanstack/react-router';
import { useEffect } from 'react';
import { isUnauthorized } from '../../lib/api';
import { authKeys } from './queries';

/** Any /api call answering 401 (session gone) sends the user to the sign-in page. */
export function useRedirectOnUnauthorized(): void {
  const queryClient = useQueryClient();
  const router = useRouter();
  useEffect(() => {
    const onError = (error: unknown) => {
      if (!isUnauthorized(error)) return;
      // The cached principal is stale now; the next protected page must ask /.auth/me again.
      queryClient.removeQueries({ queryKey: authKeys.all });
      void router.navigate({ to: '/login' });
    };
    const stopQueries = queryClient.getQueryCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error') onError(event.action.error);
    });
    const stopMutations = queryClient.getMutationCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error') onError(event.action.error);
    });
    return () => {
      stopQueries();
      stopMutations();
    };
  }, [queryClient, router]);
}

import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from '@tanstack/react-router';
import { useEffect } from 'react';
import { isUnauthorized } from '../../lib/api';
import { authKeys } from './queries';

/**
 * Marks a query or mutation authorised by a signed link rather than the session: its 401 means the
 * link was altered, which its page explains; sending a visitor without an account to sign in would not help.
 */
export const SIGNED_LINK_META = { signedLink: true } as const;

const bySignedLink = (meta: Record<string, unknown> | undefined) => meta?.signedLink === true;

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
      if (event.type !== 'updated' || event.action.type !== 'error' || bySignedLink(event.query.meta)) return;
      onError(event.action.error);
    });
    const stopMutations = queryClient.getMutationCache().subscribe((event) => {
      if (event.type !== 'updated' || event.action.type !== 'error') return;
      if (bySignedLink(event.mutation.options.meta)) return;
      onError(event.action.error);
    });
    return () => {
      stopQueries();
      stopMutations();
    };
  }, [queryClient, router]);
}

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { ErrorAlert } from '../../lib/error-alert';
import { contactKeys } from '../contacts/queries';
import { MappingStep } from './mapping-step';
import { ProgressStep } from './progress-step';
import { importKeys, importQuery, isImportRunning } from './queries';
import { ResultStep } from './result-step';
import { ImportTitle, WizardSteps } from './wizard-steps';

/** Steps 2–4 of the import, chosen by the job's status, so a reload lands on the same step. */
export function ImportPage({ importId }: { importId: string }) {
  const queryClient = useQueryClient();
  const { data: job, error, failureCount } = useQuery(importQuery(importId));
  const status = job?.status;

  // A background import adds contacts as it runs: refresh lists once it ends.
  useEffect(() => {
    if (status === 'completed' || status === 'failed') {
      void queryClient.invalidateQueries({ queryKey: contactKeys.all });
      void queryClient.invalidateQueries({ queryKey: importKeys.list() });
    }
  }, [status, queryClient]);

  return (
    <>
      <ImportTitle />
      {error && !job && <ErrorAlert error={error} />}
      {!job && !error && <p aria-live="polite">Loading import…</p>}
      {job && (
        <>
          <WizardSteps current={job.status === 'preview' ? 1 : isImportRunning(job.status) ? 2 : 3} />
          {job.status === 'preview' && <MappingStep job={job} />}
          {isImportRunning(job.status) && (
            // A failed poll (or one being retried) keeps the last numbers; say they may be stale.
            <ProgressStep job={job} connectionLost={error !== null || failureCount > 0} />
          )}
          {(job.status === 'completed' || job.status === 'failed') && <ResultStep job={job} />}
        </>
      )}
    </>
  );
}

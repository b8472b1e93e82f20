import { ApiError } from '../../lib/api';
import { ErrorAlert } from '../../lib/error-alert';

/**
 * Why a signed link did not open, and what to do about it. The API answers 401 for a link that was
 * altered (often cut short by a mail program) and 410 once it has expired.
 */
export function LinkProblem({
  error,
  what,
  onRetry,
}: {
  error: unknown;
  /** "booking link" or "meeting link". */
  what: string;
  onRetry: () => void;
}) {
  const status = error instanceof ApiError ? error.status : 0;
  if (status === 410)
    return (
      <section className="link-problem">
        <h1>This {what} has expired</h1>
        <p>Links stop working after a while, so an old email cannot be used to book.</p>
        <p>
          <strong>Ask the person who sent it for a new link</strong> — reply to their email and they can send
          you a fresh one.
        </p>
      </section>
    );
  if (status === 401 || status === 404)
    return (
      <section className="link-problem">
        <h1>This {what} does not work</h1>
        <p>
          The link may have been cut short or changed on its way to you.{' '}
          <strong>Copy the whole link from the email</strong> and paste it into your browser’s address bar.
        </p>
        <p className="muted">If it still does not open, ask the person who sent it for a new link.</p>
      </section>
    );
  return (
    <section className="link-problem">
      <h1>{status === 429 ? 'Too many requests' : 'This page could not load'}</h1>
      {status === 429 ? (
        <p>Lots of requests came from here at once. Wait a moment, then try again.</p>
      ) : (
        <ErrorAlert error={error} />
      )}
      <button type="button" className="button" onClick={onRetry}>
        Try again
      </button>
    </section>
  );
}

import { ApiError, type ApiErrorDetail } from './api';

const describeDetail = (detail: ApiErrorDetail): string => {
  if (detail.row !== undefined) return `Row ${detail.row}: ${detail.message}`;
  if (detail.path) return `${detail.path}: ${detail.message}`;
  return detail.message;
};

export const errorMessage = (error: unknown): string =>
  error instanceof ApiError ? error.message : 'Something went wrong. Please try again.';

/** A failed call in plain words, with the API's per-field or per-row details. */
export function ErrorAlert({ error, details }: { error: unknown; details?: ApiErrorDetail[] }) {
  const message = errorMessage(error);
  // A detail that only repeats the message (a file refused as a whole) is said once, not twice.
  const shown = (details ?? (error instanceof ApiError ? error.details : [])).filter(
    (detail) => !message.includes(detail.message),
  );
  return (
    <div role="alert" className="alert">
      <p>{message}</p>
      {shown.length > 0 && (
        <ul>
          {shown.map((detail, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: details have no id and never reorder
            <li key={i}>{describeDetail(detail)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

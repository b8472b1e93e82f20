import { useId } from 'react';
import { ApiError } from '../../lib/api';

/** The server's refusal of the typed confirmation (its `confirm` field), if that is what failed. */
export const confirmError = (error: unknown): string | undefined =>
  error instanceof ApiError ? error.details.find((d) => d.path === 'confirm')?.message : undefined;

/**
 * "Type <expected> to confirm": the one field an irreversible action asks for (erase a contact,
 * delete the account). Enter submits once the text matches; the server's refusal shows beside it.
 */
export function TypedConfirmation({
  expected,
  typed,
  onType,
  matches,
  onConfirm,
  error,
}: {
  expected: string;
  typed: string;
  onType: (text: string) => void;
  matches: boolean;
  onConfirm: () => void;
  error: string | undefined;
}) {
  const id = useId();
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (matches) onConfirm();
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-confirm`}>
          Type <strong>{expected}</strong> to confirm
        </label>
        <input
          id={`${id}-confirm`}
          data-autofocus
          autoComplete="off"
          value={typed}
          onChange={(e) => onType(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        {error && (
          <p id={`${id}-error`} className="field-error">
            {error}
          </p>
        )}
      </div>
    </form>
  );
}

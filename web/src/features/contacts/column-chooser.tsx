import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import type { ContactColumn, Preferences } from '../../../../functions/contacts/schema';
import { api } from '../../lib/api';
import { ErrorAlert } from '../../lib/error-alert';
import { COLUMN_LABELS, COLUMNS, DEFAULT_COLUMNS } from './columns';
import { preferenceKeys } from './queries';

/** "Columns": which fields the list shows, saved for the user on the server at each change. */
export function ColumnChooser({ columns }: { columns: ContactColumn[] }) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const save = useMutation({
    mutationFn: (contactColumns: ContactColumn[]) => api.preferences.save({ contactColumns }),
    onMutate: async (contactColumns) => {
      await queryClient.cancelQueries({ queryKey: preferenceKeys.all });
      const before = queryClient.getQueryData<Partial<Preferences>>(preferenceKeys.all);
      queryClient.setQueryData<Partial<Preferences>>(preferenceKeys.all, { contactColumns });
      return { before };
    },
    onError: (_error, _columns, context) => queryClient.setQueryData(preferenceKeys.all, context?.before),
    onSuccess: (saved) => queryClient.setQueryData(preferenceKeys.all, saved),
  });

  // The choice shows at once, in the same event (a checkbox must not flick back while it saves).
  const [choosing, setChoosing] = useState<ContactColumn[] | null>(null);
  const shown = new Set(choosing ?? columns);
  const choose = (next: ContactColumn[]) => {
    setChoosing(next);
    save.mutate(next, { onSettled: () => setChoosing(null) });
  };
  const toggle = (column: ContactColumn, on: boolean) => {
    choose(COLUMNS.filter((c) => (c === column ? on : shown.has(c))));
  };
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  return (
    <div className="column-chooser">
      <button
        ref={button}
        type="button"
        className="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
      >
        Columns
      </button>
      {open && (
        // biome-ignore lint/a11y/noStaticElementInteractions: Escape closes the panel, as a menu would
        <div
          id={panelId}
          className="popover"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              close();
            }
          }}
        >
          <fieldset>
            <legend>Columns shown</legend>
            {COLUMNS.map((column) => (
              <label key={column} className="check">
                <input
                  type="checkbox"
                  checked={column === 'name' || shown.has(column)}
                  // The name opens the contact: it always stays.
                  disabled={column === 'name'}
                  onChange={(e) => toggle(column, e.target.checked)}
                />
                {COLUMN_LABELS[column]}
              </label>
            ))}
          </fieldset>
          {save.error && <ErrorAlert error={save.error} />}
          <div className="actions compact">
            <button type="button" className="button small" onClick={() => choose(DEFAULT_COLUMNS)}>
              Reset to default
            </button>
            <button type="button" className="button small primary" onClick={close}>
              Done
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

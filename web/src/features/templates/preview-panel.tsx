import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { ContactDto } from '../../../../functions/contacts/schema';
import type { PreviewRequest, VariableDto } from '../../../../functions/templates/schema';
import { ApiError } from '../../lib/api';
import { EmailFrame } from '../../lib/email-frame';
import { ErrorAlert } from '../../lib/error-alert';
import { formatCount } from '../../lib/format';
import { useDebounced } from '../../lib/use-debounced';
import { displayName } from '../contacts/labels';
import { contactsQuery } from '../contacts/queries';
import { previewQuery, variablesQuery } from './queries';

/** "12 of 340 contacts have no company — they get the fallback or nothing", per variable. */
export function MissingVariables({
  missing,
  audienceSize,
}: {
  missing: Record<string, number>;
  audienceSize: number;
}) {
  const variables = useQuery(variablesQuery()).data?.items ?? [];
  const label = (name: string) => variables.find((v) => v.name === name)?.label.toLowerCase() ?? name;
  const gaps = Object.entries(missing).filter(([, n]) => n > 0);
  if (audienceSize === 0) return null;
  if (gaps.length === 0)
    return (
      <p className="muted" data-testid="missing-variables">
        Every one of the {formatCount(audienceSize)} contacts has a value for each variable.
      </p>
    );
  return (
    <ul className="notice warn missing-list" data-testid="missing-variables">
      {gaps.map(([name, n]) => (
        <li key={name}>
          {formatCount(n)} of {formatCount(audienceSize)}{' '}
          {audienceSize === 1 ? 'contact has' : 'contacts have'} no {label(name)} — they get the fallback or
          nothing. Add one with <code>{`{{${name} "…"}}`}</code>.
        </li>
      ))}
    </ul>
  );
}

/** The rendered email: subject, the HTML in a sandboxed frame, the plain-text part. */
export function RenderedEmail({ subject, html, text }: { subject: string; html: string; text: string }) {
  const [part, setPart] = useState<'html' | 'text'>('html');
  return (
    <div className="rendered-email">
      <p className="rendered-subject">
        <span className="muted">Subject:</span> <strong data-testid="preview-subject">{subject}</strong>
      </p>
      <fieldset className="segmented">
        <legend className="visually-hidden">Part of the email</legend>
        <button type="button" aria-pressed={part === 'html'} onClick={() => setPart('html')}>
          HTML
        </button>
        <button type="button" aria-pressed={part === 'text'} onClick={() => setPart('text')}>
          Plain text
        </button>
      </fieldset>
      {part === 'html' ? (
        <EmailFrame html={html} title="Email preview" />
      ) : (
        <pre className="email-text" data-testid="preview-text">
          {text}
        </pre>
      )}
    </div>
  );
}

/** Picks the contact a preview is rendered for, by searching the contacts (10 at a time). */
export function ContactPicker({
  contact,
  onChange,
}: {
  contact: ContactDto | null;
  onChange: (contact: ContactDto | null) => void;
}) {
  const [search, setSearch] = useState('');
  const [open, setOpen] = useState(false);
  const settled = useDebounced(search.trim(), 300);
  const results = useQuery({ ...contactsQuery({ search: settled, limit: 10 }), enabled: open });
  if (!open)
    return (
      <p className="contact-picker">
        Previewing as <strong>{contact ? displayName(contact) : 'an example contact'}</strong>{' '}
        <button type="button" className="link-button" onClick={() => setOpen(true)}>
          {contact ? 'Change contact' : 'Preview as a contact'}
        </button>
      </p>
    );
  return (
    <div className="contact-picker">
      <div className="field">
        <label htmlFor="preview-contact-search">Preview as</label>
        <input
          id="preview-contact-search"
          type="search"
          placeholder="Search contacts by name, email or company"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          data-autofocus
        />
      </div>
      {results.error && <ErrorAlert error={results.error} />}
      {results.isPending && <p className="muted">Searching…</p>}
      {results.data && (
        <ul className="pick-list" aria-label="Matching contacts">
          {results.data.items.length === 0 && <li className="muted">No contacts match.</li>}
          {results.data.items.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  onChange(c);
                  setOpen(false);
                }}
              >
                {displayName(c)}
              </button>{' '}
              <span className="muted">{[c.email, c.company].filter(Boolean).join(' · ')}</span>
            </li>
          ))}
        </ul>
      )}
      <p>
        {contact && (
          <button
            type="button"
            className="link-button"
            onClick={() => {
              onChange(null);
              setOpen(false);
            }}
          >
            Use the example contact
          </button>
        )}{' '}
        <button type="button" className="link-button" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </p>
    </div>
  );
}

/** Per field of a template, the compile error the API reported ("Line 3, column 5: …"). */
export type CompileErrors = Partial<Record<'subject' | 'html' | 'text' | 'name', string>>;

export const compileErrors = (error: unknown): CompileErrors => {
  const out: CompileErrors = {};
  if (!(error instanceof ApiError)) return out;
  for (const detail of error.details) {
    const field = detail.path?.replace(/^draft\./, '');
    if (field === 'subject' || field === 'html' || field === 'text' || field === 'name')
      out[field] ??= detail.message;
  }
  return out;
};

/**
 * The live preview of a template (saved or a draft) for one contact, with the missing-variable
 * counts for an audience. `request` null: nothing to preview yet (`emptyHint` says why).
 */
export function PreviewPanel({
  request,
  emptyHint,
  onCompileErrors,
}: {
  request: PreviewRequest | null;
  emptyHint?: string;
  onCompileErrors?: boolean;
}) {
  const preview = useQuery({ ...previewQuery(request ?? {}), enabled: request !== null });
  if (!request) return <p className="muted">{emptyHint}</p>;
  const refused = preview.error instanceof ApiError && preview.error.code === 'VALIDATION';
  return (
    <div className="preview-panel" aria-busy={preview.isFetching}>
      {preview.isFetching && (
        <p className="muted preview-status" aria-live="polite">
          Updating preview…
        </p>
      )}
      {preview.error &&
        (refused && onCompileErrors ? (
          <div role="alert" className="alert">
            <p>
              The template does not compile yet: see the errors beside the fields. The preview shows the last
              version that did.
            </p>
          </div>
        ) : (
          <ErrorAlert error={preview.error} />
        ))}
      {preview.isPending && !preview.error && <p aria-live="polite">Rendering preview…</p>}
      {preview.data && (
        <>
          <RenderedEmail subject={preview.data.subject} html={preview.data.html} text={preview.data.text} />
          <MissingVariables missing={preview.data.missing} audienceSize={preview.data.audienceSize} />
        </>
      )}
    </div>
  );
}

export const variableLabel = (variables: VariableDto[], name: string) =>
  variables.find((v) => v.name === name)?.label ?? name;

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useCanGoBack, useNavigate, useRouter } from '@tanstack/react-router';
import { type FormEvent, type ReactNode, useEffect, useId, useState } from 'react';
import type { ContactDto } from '../../../../functions/contacts/schema';
import { ApiError, api } from '../../lib/api';
import { ErrorAlert } from '../../lib/error-alert';
import { formatDateTime } from '../../lib/format';
import { ContactPipeline } from '../leads/contact-pipeline';
import { ContactBookingActions } from '../meetings/contact-booking-actions';
import { ContactConsent } from '../notifications/contact-consent';
import { ContactPrivacy } from '../privacy/contact-privacy';
import { Phone, TimeZone } from './columns';
import { ContactActivity } from './contact-activity';
import { ContactChats } from './contact-chats';
import { ContactDeleteDialog } from './contact-delete-dialog';
import { ContactFields, fieldId } from './contact-fields';
import { type FormField, fieldErrors, toFormValues, toPatch } from './contact-form';
import { displayName, FLAG_LABELS, SOURCE_LABELS, STATUS_LABELS } from './labels';
import { contactKeys, contactQuery } from './queries';

const viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** /contacts/{id}: every field, edited in place, the way out to the trash, and the activity. */
export function ContactPage({ contactId }: { contactId: string }) {
  const { data: contact, error, isPending } = useQuery(contactQuery(contactId));
  const router = useRouter();
  const canGoBack = useCanGoBack();
  const back = (
    <p className="back-link">
      {/* Back keeps the list's filters, order and page as the user left them. */}
      {canGoBack ? (
        <button type="button" className="link-button" onClick={() => router.history.back()}>
          ← Contacts
        </button>
      ) : (
        <Link to="/contacts">← Contacts</Link>
      )}
    </p>
  );
  if (isPending) return <p aria-live="polite">Loading contact…</p>;
  if (!contact) {
    const gone = error instanceof ApiError && error.status === 404;
    return (
      <>
        {back}
        <h1>{gone ? 'Contact not found' : 'Could not load this contact'}</h1>
        {gone ? (
          <p>
            It may have been deleted. Deleted contacts stay in the <Link to="/contacts/trash">trash</Link> for
            30 days.
          </p>
        ) : (
          <ErrorAlert error={error} />
        )}
      </>
    );
  }
  return (
    <>
      {back}
      <ContactView key={contact.id} contact={contact} />
    </>
  );
}

function ContactView({ contact }: { contact: ContactDto }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const idPrefix = useId();
  const name = displayName(contact);
  // Which field to focus when editing starts (a click on that field), or true for the Edit button.
  const [editing, setEditing] = useState<FormField | true | null>(null);
  const [values, setValues] = useState(() => toFormValues(contact));
  const [deleting, setDeleting] = useState(false);
  const save = useMutation({
    mutationFn: () => api.contacts.update(contact.id, toPatch(contact, values)),
    onSuccess: async (saved) => {
      queryClient.setQueryData(contactKeys.detail(saved.id), saved);
      setEditing(null);
      await queryClient.invalidateQueries({ queryKey: contactKeys.all });
    },
  });
  const errors =
    save.error instanceof ApiError ? fieldErrors(save.error.details) : { byField: {}, other: [] };

  useEffect(() => {
    if (editing === null) return;
    const target = document.getElementById(fieldId(idPrefix, editing === true ? 'firstName' : editing));
    target?.focus();
  }, [editing, idPrefix]);

  const startEditing = (field: FormField | true) => {
    save.reset();
    setValues(toFormValues(contact));
    setEditing(field);
  };
  const cancel = () => {
    save.reset();
    setEditing(null);
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (Object.keys(toPatch(contact, values)).length === 0) return cancel();
    save.mutate();
  };

  const subtitle = [contact.title, contact.company].filter(Boolean).join(' at ');
  return (
    <>
      <div className="page-title contact-title">
        <div>
          <h1>{name}</h1>
          {subtitle && <p className="muted">{subtitle}</p>}
          <p>
            <span className={`status status-${contact.status}`}>{STATUS_LABELS[contact.status]}</span>
            {contact.flags.map((flag) => (
              <span key={flag} className="badge warn" title={FLAG_LABELS[flag].hint}>
                {FLAG_LABELS[flag].label}
              </span>
            ))}
          </p>
        </div>
        {editing === null && (
          <div className="title-actions">
            <ContactBookingActions contactId={contact.id} name={name} />
            <button type="button" className="button" onClick={() => startEditing(true)}>
              Edit
            </button>
            <button type="button" className="button danger" onClick={() => setDeleting(true)}>
              Delete
            </button>
          </div>
        )}
      </div>

      <div className="contact-layout">
        <section className="panel" aria-labelledby="details-title">
          <h2 id="details-title">Details</h2>
          {editing !== null ? (
            <form className="form-grid" onSubmit={onSubmit} noValidate aria-label={`Edit ${name}`}>
              {save.error && (
                <div className="wide">
                  <ErrorAlert error={save.error} details={errors.other} />
                </div>
              )}
              <ContactFields
                idPrefix={idPrefix}
                values={values}
                onChange={(field, value) => setValues((v) => ({ ...v, [field]: value }))}
                errors={errors.byField}
              />
              <div className="form-actions wide">
                <button type="button" className="button" onClick={cancel}>
                  Cancel
                </button>
                <button type="submit" className="button primary" disabled={save.isPending}>
                  {save.isPending ? 'Saving…' : 'Save'}
                </button>
              </div>
            </form>
          ) : (
            <dl className="details">
              <Detail label="Name" field="firstName" onEdit={startEditing}>
                {[contact.firstName, contact.lastName].filter(Boolean).join(' ')}
              </Detail>
              <Detail label="Email" field="email" onEdit={startEditing}>
                {contact.email && <a href={`mailto:${contact.email}`}>{contact.email}</a>}
              </Detail>
              <Detail label="Phone" field="phone" onEdit={startEditing}>
                {contact.phone && <Phone phone={contact.phone} />}
              </Detail>
              <Detail label="Company" field="company" onEdit={startEditing}>
                {contact.company}
              </Detail>
              <Detail label="Title" field="title" onEdit={startEditing}>
                {contact.title}
              </Detail>
              <Detail label="LinkedIn" field="linkedinUrl" onEdit={startEditing}>
                {contact.linkedinUrl && (
                  <a href={contact.linkedinUrl} target="_blank" rel="noreferrer noopener" className="break">
                    {contact.linkedinUrl}
                  </a>
                )}
              </Detail>
              <Detail label="Location" field="location" onEdit={startEditing}>
                {contact.location}
              </Detail>
              <Detail label="City" field="city" onEdit={startEditing}>
                {contact.city}
              </Detail>
              <Detail label="Country" field="country" onEdit={startEditing}>
                {contact.country}
              </Detail>
              <Detail label="Time zone" field="timeZone" onEdit={startEditing}>
                {contact.timeZone && <TimeZone zone={contact.timeZone} />}
              </Detail>
              <Detail label="Status" field="status" onEdit={startEditing}>
                {STATUS_LABELS[contact.status]}
              </Detail>
              <Detail label="Tags" field="tags" onEdit={startEditing}>
                {contact.tags.length > 0 &&
                  contact.tags.map((tag) => (
                    <span key={tag} className="badge">
                      {tag}
                    </span>
                  ))}
              </Detail>
              <Detail label="Notes" field="notes" onEdit={startEditing}>
                {contact.notes && <span className="notes">{contact.notes}</span>}
              </Detail>
              <div className="detail">
                <dt>Source</dt>
                <dd>{SOURCE_LABELS[contact.source]}</dd>
              </div>
            </dl>
          )}
          <p className="muted small-print">
            Added {formatDateTime(contact.createdAt)} · Updated {formatDateTime(contact.updatedAt)} (
            {viewerZone.replace(/_/g, ' ')} time)
          </p>
        </section>
        <ContactActivity contactId={contact.id} name={name} />
        <ContactPipeline contactId={contact.id} />
        <ContactChats contactId={contact.id} name={name} />
        <ContactConsent contactId={contact.id} name={name} />
        <ContactPrivacy contact={contact} name={name} />
      </div>
      {deleting && (
        <ContactDeleteDialog
          contact={contact}
          onClose={() => setDeleting(false)}
          onDeleted={() => void navigate({ to: '/contacts' })}
        />
      )}
    </>
  );
}

/** One field shown as text; its pencil (or a click on "Add …") edits it in place. */
function Detail({
  label,
  field,
  onEdit,
  children,
}: {
  label: string;
  field: FormField;
  onEdit: (field: FormField) => void;
  children: ReactNode;
}) {
  const empty = children === undefined || children === '' || children === false || children === null;
  return (
    <div className="detail">
      <dt>{label}</dt>
      <dd>
        {empty ? (
          <button type="button" className="link-button add-value" onClick={() => onEdit(field)}>
            Add {/^[A-Z][a-z]/.test(label) && !/[A-Z].*[A-Z]/.test(label) ? label.toLowerCase() : label}
          </button>
        ) : (
          <>
            <span className="value">{children}</span>
            <button
              type="button"
              className="icon-button"
              aria-label={`Edit ${label}`}
              onClick={() => onEdit(field)}
            >
              ✎
            </button>
          </>
        )}
      </dd>
    </div>
  );
}

import { useMutation, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { api } from '../../lib/api';
import { ErrorAlert } from '../../lib/error-alert';
import { Modal } from '../../lib/modal';
import { meQuery } from '../auth/queries';
import { SIGN_OUT_URL } from '../auth/sign-in';
import { PrivacyTabs } from './privacy-tabs';
import { confirmError, TypedConfirmation } from './typed-confirmation';

/** /settings/privacy: download everything in the account, or delete the account. */
export function PrivacyPage() {
  const [deleting, setDeleting] = useState(false);
  const { data } = useQuery(meQuery());
  const email = data?.clientPrincipal?.userDetails ?? '';
  return (
    <>
      <div className="page-title">
        <div>
          <h1>Privacy</h1>
          <p className="muted">Your account's data: take a copy of it, or delete it.</p>
        </div>
      </div>
      <PrivacyTabs />
      <section className="panel" aria-labelledby="export-title">
        <h2 id="export-title">Download your data</h2>
        <p>
          A zip of everything in your account — contacts, campaigns and their emails, meetings, chats,
          settings, imported files and reports — as JSON files. Passwords and tokens of connected calendars
          and channels are not included.
        </p>
        <a className="button" href={api.privacy.accountExportUrl} download>
          Download all my data
        </a>
      </section>
      <section className="panel" aria-labelledby="contact-title">
        <h2 id="contact-title">A contact's data</h2>
        <p>
          To send a contact what you hold about them, or to erase them, open them in{' '}
          <Link to="/contacts">Contacts</Link> and use their Privacy section.
        </p>
      </section>
      <section className="panel danger-zone" aria-labelledby="delete-title">
        <h2 id="delete-title">Delete your account</h2>
        <p>
          Deletes every contact, campaign, meeting, chat, setting, connection and file in your account, for
          good. Meetings already on your calendars stay there. Download your data first if you may need it.
        </p>
        <button type="button" className="button danger" onClick={() => setDeleting(true)}>
          Delete my account…
        </button>
      </section>
      {deleting && <DeleteAccountDialog email={email} onClose={() => setDeleting(false)} />}
    </>
  );
}

function DeleteAccountDialog({ email, onClose }: { email: string; onClose: () => void }) {
  const [typed, setTyped] = useState('');
  const matches = email !== '' && typed.trim().toLowerCase() === email.toLowerCase();
  const remove = useMutation({
    mutationFn: () => api.privacy.deleteAccount(typed.trim()),
    // Nothing is left to show: sign out.
    onSuccess: () => window.location.assign(SIGN_OUT_URL),
  });
  const fieldError = confirmError(remove.error);
  return (
    <Modal
      title="Delete your account?"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="button danger"
            disabled={!matches || remove.isPending}
            onClick={() => remove.mutate()}
          >
            {remove.isPending ? 'Deleting…' : 'Delete my account'}
          </button>
        </>
      }
    >
      <p>Everything in your account is deleted and you are signed out. This cannot be undone.</p>
      <TypedConfirmation
        expected={email}
        typed={typed}
        onType={setTyped}
        matches={matches}
        onConfirm={() => remove.mutate()}
        error={fieldError}
      />
      {remove.error && !fieldError && <ErrorAlert error={remove.error} />}
    </Modal>
  );
}

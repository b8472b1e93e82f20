import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useId, useState } from 'react';
import type { ContactDto } from '../../../../functions/contacts/schema';
import { api } from '../../lib/api';
import { contactKeys } from '../contacts/queries';
import { EraseDialog } from './erase-dialog';

/** The contact page's Privacy section: a download of everything held about them, and erase for good. */
export function ContactPrivacy({ contact, name }: { contact: ContactDto; name: string }) {
  const id = useId();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [erasing, setErasing] = useState(false);
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Privacy</h2>
      <p className="muted small-print">
        When {name} asks what you hold about them, or asks to be forgotten (GDPR).
      </p>
      <div className="actions">
        <a className="button" href={api.privacy.contactExportUrl(contact.id)} download>
          Download everything about {name}
        </a>
        <button type="button" className="button danger" onClick={() => setErasing(true)}>
          Erase {name}…
        </button>
      </div>
      {erasing && (
        <EraseDialog
          contact={contact}
          name={name}
          onClose={() => setErasing(false)}
          onErased={() => {
            void navigate({ to: '/contacts' }).then(() =>
              queryClient.removeQueries({ queryKey: contactKeys.detail(contact.id) }),
            );
          }}
        />
      )}
    </section>
  );
}

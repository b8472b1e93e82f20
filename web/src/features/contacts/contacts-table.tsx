import type { ContactDto } from '../../../../functions/contacts/schema';
import { displayName, FLAG_LABELS, SOURCE_LABELS, STATUS_LABELS } from './labels';

interface Props {
  contacts: ContactDto[];
  onEdit: (contact: ContactDto) => void;
  onDelete: (contact: ContactDto) => void;
}

export function ContactsTable({ contacts, onEdit, onDelete }: Props) {
  return (
    <div className="table-scroll">
      <table className="data-table contacts-table">
        <caption className="visually-hidden">Contacts</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Company</th>
            <th scope="col">Title</th>
            <th scope="col">Status</th>
            <th scope="col">Tags</th>
            <th scope="col">Source</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {contacts.map((contact) => {
            const name = displayName(contact);
            return (
              <tr key={contact.id}>
                <th scope="row" className="contact-name">
                  <span className="truncate" title={name}>
                    {name}
                  </span>
                </th>
                <td className="contact-email">
                  {/* A long address is cut with an ellipsis; hovering shows it whole. */}
                  {contact.email && (
                    <span className="truncate" title={contact.email}>
                      {contact.email}
                    </span>
                  )}
                  {contact.flags.map((flag) => (
                    <span key={flag} className="badge warn" title={FLAG_LABELS[flag].hint}>
                      {FLAG_LABELS[flag].label}
                    </span>
                  ))}
                </td>
                <td className="contact-company">
                  {contact.company && (
                    <span className="truncate" title={contact.company}>
                      {contact.company}
                    </span>
                  )}
                </td>
                <td className="contact-title">
                  {contact.title && (
                    <span className="truncate" title={contact.title}>
                      {contact.title}
                    </span>
                  )}
                </td>
                <td>
                  <span className={`status status-${contact.status}`}>{STATUS_LABELS[contact.status]}</span>
                </td>
                <td>
                  {contact.tags.map((tag) => (
                    <span key={tag} className="badge">
                      {tag}
                    </span>
                  ))}
                </td>
                <td className="nowrap">{SOURCE_LABELS[contact.source]}</td>
                <td className="row-actions">
                  <button type="button" className="button small" onClick={() => onEdit(contact)}>
                    Edit<span className="visually-hidden"> {name}</span>
                  </button>
                  <button type="button" className="button small danger" onClick={() => onDelete(contact)}>
                    Delete<span className="visually-hidden"> {name}</span>
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

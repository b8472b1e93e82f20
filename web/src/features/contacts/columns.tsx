import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import type { ContactColumn, ContactDto, ContactSort } from '../../../../functions/contacts/schema';
import { formatDate, formatDateTime } from '../../lib/format';
import { formatPhone } from '../../lib/phone';
import { localTimeIn } from '../../lib/time-zone';
import { displayName, FLAG_LABELS, SOURCE_LABELS, STATUS_LABELS } from './labels';

/** What a column is called in its header and in the Columns menu. */
export const COLUMN_LABELS: Record<ContactColumn, string> = {
  name: 'Name',
  email: 'Email',
  phone: 'Phone',
  company: 'Company',
  title: 'Title',
  location: 'Location',
  city: 'City',
  country: 'Country',
  timeZone: 'Time zone',
  linkedinUrl: 'LinkedIn',
  tags: 'Tags',
  status: 'Status',
  source: 'Source',
  createdAt: 'Created',
  updatedAt: 'Updated',
};

/** Every column the list can show, in the order the Columns menu offers them. */
export const COLUMNS = Object.keys(COLUMN_LABELS) as ContactColumn[];

export const DEFAULT_COLUMNS: ContactColumn[] = [
  'name',
  'email',
  'company',
  'title',
  'tags',
  'status',
  'createdAt',
];

/** Columns whose header sorts the list. */
export const SORTABLE: Partial<Record<ContactColumn, ContactSort>> = {
  name: 'name',
  company: 'company',
  createdAt: 'createdAt',
  updatedAt: 'updatedAt',
};

/** Long text: one line, cut with an ellipsis only past a generous width; the tooltip has it whole. */
const Text = ({ value }: { value: string | undefined }) =>
  value ? (
    <span className="truncate" title={value}>
      {value}
    </span>
  ) : null;

function LinkedIn({ url }: { url: string }) {
  // Show the profile's handle rather than the whole address.
  const handle = url.replace(/^https?:\/\/(www\.)?linkedin\.com\/in\//i, '').replace(/\/$/, '');
  return (
    <a href={url} target="_blank" rel="noreferrer noopener" className="truncate" title={url}>
      {handle || url}
    </a>
  );
}

export function TimeZone({ zone }: { zone: string }) {
  const now = localTimeIn(zone);
  return (
    <span className="nowrap" title={zone}>
      {zone.split('/').pop()?.replace(/_/g, ' ')}
      {now && <span className="muted"> · {now} now</span>}
    </span>
  );
}

export function Phone({ phone }: { phone: string }) {
  const { national, international } = formatPhone(phone);
  return (
    <a href={`tel:${phone.replace(/[^\d+]/g, '')}`} className="nowrap" title={international}>
      {national}
    </a>
  );
}

/** A cell's content for each column. */
export const CELLS: Record<ContactColumn, (contact: ContactDto) => ReactNode> = {
  name: (contact) => (
    <Link to="/contacts/$contactId" params={{ contactId: contact.id }} className="truncate contact-link">
      {displayName(contact)}
    </Link>
  ),
  email: (contact) => (
    <>
      <Text value={contact.email} />
      {contact.flags.map((flag) => (
        <span key={flag} className="badge warn" title={FLAG_LABELS[flag].hint}>
          {FLAG_LABELS[flag].label}
        </span>
      ))}
    </>
  ),
  phone: (contact) => contact.phone && <Phone phone={contact.phone} />,
  company: (contact) => <Text value={contact.company} />,
  title: (contact) => <Text value={contact.title} />,
  location: (contact) => <Text value={contact.location} />,
  city: (contact) => <Text value={contact.city} />,
  country: (contact) => <Text value={contact.country} />,
  timeZone: (contact) => contact.timeZone && <TimeZone zone={contact.timeZone} />,
  linkedinUrl: (contact) => contact.linkedinUrl && <LinkedIn url={contact.linkedinUrl} />,
  tags: (contact) =>
    contact.tags.map((tag) => (
      <span key={tag} className="badge">
        {tag}
      </span>
    )),
  status: (contact) => (
    <span className={`status status-${contact.status}`}>{STATUS_LABELS[contact.status]}</span>
  ),
  source: (contact) => <span className="nowrap">{SOURCE_LABELS[contact.source]}</span>,
  createdAt: (contact) => (
    <time className="nowrap" dateTime={contact.createdAt} title={formatDateTime(contact.createdAt)}>
      {formatDate(contact.createdAt)}
    </time>
  ),
  updatedAt: (contact) => (
    <time className="nowrap" dateTime={contact.updatedAt} title={formatDateTime(contact.updatedAt)}>
      {formatDate(contact.updatedAt)}
    </time>
  ),
};

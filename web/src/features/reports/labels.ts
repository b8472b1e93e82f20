import type { ExportJobDto } from '../../lib/api';

export const KIND_LABELS: Record<ExportJobDto['kind'], string> = {
  contacts: 'Contacts',
  leads: 'Leads',
  meetings: 'Meetings',
  messages: 'Campaign messages',
};

export const FORMAT_LABELS: Record<ExportJobDto['format'], string> = {
  xlsx: 'Excel (.xlsx)',
  csv: 'CSV',
};

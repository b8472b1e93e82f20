import type { MeetingLocation } from '../../../../functions/availability/schema';
import type { MeetingStatus } from '../../../../functions/booking/schema';

export const LOCATION_LABELS: Record<MeetingLocation, string> = {
  video: 'Video call',
  phone: 'Phone call',
  'in-person': 'In person',
};

export const MEETING_STATUS_LABELS: Record<MeetingStatus, string> = {
  requested: 'Awaiting confirmation',
  booked: 'Booked',
  cancelled: 'Cancelled',
  'no-show': 'No-show',
};

export const minutes = (n: number): string => (n === 1 ? '1 minute' : `${n} minutes`);

import { z } from 'zod';
import { defineQueue } from '../_shared/queue.js';

export const MEETING_NOTICES = ['requested', 'booked', 'rescheduled', 'cancelled'] as const;
/** A reminder is a notice too, sent by the reminders timer to one recipient. */
export type MeetingNotice = (typeof MEETING_NOTICES)[number] | 'reminder';

/**
 * The notify function's queue: tell both sides that a meeting was booked, moved or cancelled.
 * `sequence` is the meeting's invitation sequence at that change: with the event and the
 * recipient it makes each message's id, so a redelivered message sends nothing twice.
 */
export const notifyQueue = defineQueue(
  'notify',
  z.object({
    ownerId: z.string().min(1),
    meetingId: z.string().min(1),
    notice: z.enum([...MEETING_NOTICES, 'reminder']),
    sequence: z.int().min(0),
    /** A reminder: how long before the meeting it is (minutes), and the one side it is for. */
    reminderMinutes: z.int().positive().optional(),
    role: z.enum(['contact', 'organizer']).optional(),
  }),
);
export type NotifyMessage = z.infer<typeof notifyQueue.schema>;

import { z } from 'zod';
import { defineQueue } from '../_shared/queue.js';

export const MEETING_NOTICES = ['requested', 'booked', 'rescheduled', 'cancelled'] as const;
export type MeetingNotice = (typeof MEETING_NOTICES)[number];

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
    notice: z.enum(MEETING_NOTICES),
    sequence: z.int().min(0),
  }),
);
export type NotifyMessage = z.infer<typeof notifyQueue.schema>;

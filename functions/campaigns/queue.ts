import { z } from 'zod';
import { defineQueue } from '../_shared/queue.js';

/**
 * The send-email function's queue: plan a started campaign (write its step-1 messages), or send
 * a batch of its messages. Both are safe to repeat: message ids are fixed per (campaign, step,
 * contact), and a message is claimed before it is sent.
 */
export const emailSendQueue = defineQueue(
  'email-send',
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('plan'), ownerId: z.string().min(1), campaignId: z.string().min(1) }),
    z.object({
      kind: z.literal('send'),
      ownerId: z.string().min(1),
      campaignId: z.string().min(1),
      messageIds: z.array(z.string().min(1)).min(1).max(100),
    }),
  ]),
);

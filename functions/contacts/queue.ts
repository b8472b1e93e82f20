import { z } from 'zod';
import { defineQueue } from '../_shared/queue.js';

/** Bulk actions on more contacts than a request should carry: which job to run (or resume). */
export const contactBulkQueue = defineQueue(
  'contact-bulk',
  z.object({ ownerId: z.string().min(1), jobId: z.string().min(1) }),
);

import { z } from 'zod';
import { defineQueue } from '../_shared/queue.js';

/** Exports larger than a request should write: which job to run (or resume). */
export const exportQueue = defineQueue(
  'export-jobs',
  z.object({ ownerId: z.string().min(1), jobId: z.string().min(1) }),
);

import { z } from 'zod';
import { defineQueue } from '../_shared/queue.js';

/** Large imports, one message per job: which import to run. Running a job twice is harmless. */
export const importJobsQueue = defineQueue(
  'import-jobs',
  z.object({ ownerId: z.string().min(1), importId: z.string().min(1) }),
);

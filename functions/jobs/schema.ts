import { z } from 'zod';

/** What a failed job was about, and where the SPA can show it (null when there is no page for it). */
export const JobTarget = z.object({
  type: z.enum(['import', 'bulk', 'campaign']),
  id: z.string(),
});
export type JobTarget = z.infer<typeof JobTarget>;

/** A background job that failed every try and waits in its queue's `-poison` twin. */
export const FailedJobDto = z.object({
  /** The message id in the poison queue; with `queue` it names the job for a retry. */
  id: z.string(),
  /** The queue the job belongs to (not its poison twin), e.g. `import-jobs`. */
  queue: z.string(),
  /** A human label per queue: "Import", "Bulk action", "Campaign sending". */
  kind: z.string(),
  what: z.object({ summary: z.string(), target: JobTarget.nullable() }),
  /** When it landed in the poison queue (after its last failed try). */
  failedAt: z.string(),
  /** How often the poison message itself has been received (0 until someone touches it). */
  dequeueCount: z.number(),
});
export type FailedJobDto = z.infer<typeof FailedJobDto>;

export const FailedJobList = z.object({
  items: z.array(FailedJobDto),
  /** A poison queue held more messages than one look reaches: some failures may not be listed. */
  partial: z.boolean(),
});
export type FailedJobList = z.infer<typeof FailedJobList>;

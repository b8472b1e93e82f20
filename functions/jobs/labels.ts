import type { QueueDefinition, QueueMessage } from '../_shared/queue.js';
import { emailSendQueue } from '../campaigns/queue.js';
import { contactBulkQueue } from '../contacts/queue.js';
import { importJobsQueue } from '../import/queue.js';
import type { FailedJobDto } from './schema.js';

export interface JobLabel {
  kind: string;
  /** The message, already parsed by its queue's schema. */
  describe(message: never): FailedJobDto['what'];
}

const label = <Q extends QueueDefinition>(
  queue: Q,
  kind: string,
  describe: (message: QueueMessage<Q>) => FailedJobDto['what'],
): [string, JobLabel] => [queue.name, { kind, describe }];

/** How the SPA names a failed message of each queue: what kind of job, and what it was about. */
export const JOB_LABELS: ReadonlyMap<string, JobLabel> = new Map([
  label(importJobsQueue, 'Import', (m) => ({
    summary: `Import ${m.importId}`,
    target: { type: 'import', id: m.importId },
  })),
  label(contactBulkQueue, 'Bulk action', (m) => ({
    summary: `Bulk action ${m.jobId} on contacts`,
    target: { type: 'bulk', id: m.jobId },
  })),
  label(emailSendQueue, 'Campaign sending', (m) => ({
    summary:
      m.kind === 'plan'
        ? `Planning the emails of campaign ${m.campaignId}`
        : `Sending ${m.messageIds.length} email${m.messageIds.length === 1 ? '' : 's'} of campaign ${m.campaignId}`,
    target: { type: 'campaign', id: m.campaignId },
  })),
]);

/** A queue without a label of its own is named by its queue. */
export const labelFor = (queue: string): JobLabel =>
  JOB_LABELS.get(queue) ?? { kind: queue, describe: () => ({ summary: `A job of ${queue}`, target: null }) };

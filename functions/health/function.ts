import { getEmailProvider } from '../_integrations/email/registry.js';
import { getContainer } from '../_shared/cosmos/client.js';
import { json, withPublic } from '../_shared/http.js';
import { createLogger } from '../_shared/log.js';
import { listRegistrations, registerHttp, registerTimer } from '../_shared/registry.js';
import { BLOB_CONTAINERS, getBlobContainer, getQueue, getQueueService } from '../_shared/storage.js';
import { recordGauge } from '../_shared/telemetry.js';
import { checkHealth, queueDepths } from './health.js';

/** Every queue a function consumes, read from the registrations table when asked (all are loaded by then). */
const allQueues = () => listRegistrations().flatMap((r) => (r.kind === 'queue' ? [r.options.queueName] : []));
const countMessages = async (queue: string) =>
  (await (await getQueue(queue)).getProperties()).approximateMessagesCount ?? 0;

registerHttp('health', {
  route: 'health',
  methods: ['GET'],
  access: 'open',
  handler: withPublic(async (req) => {
    // Liveness: the process answers. No dependency is touched, so a slow database never gets
    // the app restarted.
    if (!['1', 'true'].includes(req.query.get('deep') ?? '')) return json(200, { status: 'ok' });
    const report = await checkHealth({
      cosmos: async () => (await getContainer('contacts')).read(),
      queues: () => getQueueService().getProperties(),
      blobs: async () => (await getBlobContainer(BLOB_CONTAINERS.uploads)).getProperties(),
      // Each configured provider (calendar, email, channels) adds its credentials check here.
      email: () => getEmailProvider().health(),
    });
    const queues = report.checks.queues?.ok ? await queueDepths(allQueues(), countMessages) : {};
    return json(report.status === 'ok' ? 200 : 503, { ...report, queues });
  }),
});

// Feeds the poison-messages alert and the backlog chart (infra/modules/alerts.bicep).
registerTimer('queue-watch', {
  schedule: '0 */5 * * * *',
  handler: async (_timer, ctx) => {
    const log = createLogger(ctx);
    for (const [queue, depth] of Object.entries(await queueDepths(allQueues(), countMessages))) {
      recordGauge('queueBacklog', depth.waiting, { queue });
      recordGauge('queuePoison', depth.poison, { queue });
      if (depth.poison > 0) log.warn('queue.poison', { queue, poison: depth.poison });
    }
  },
});

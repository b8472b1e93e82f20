import { getContainer } from '../_shared/cosmos/client.js';
import { json, withPublic } from '../_shared/http.js';
import { registerHttp } from '../_shared/registry.js';
import { BLOB_CONTAINERS, getBlobContainer, getQueueService } from '../_shared/storage.js';
import { checkHealth } from './health.js';

registerHttp('health', {
  route: 'health',
  methods: ['GET'],
  access: 'open',
  handler: withPublic(async () => {
    const report = await checkHealth({
      cosmos: async () => (await getContainer('contacts')).read(),
      queues: () => getQueueService().getProperties(),
      blobs: async () => (await getBlobContainer(BLOB_CONTAINERS.uploads)).getProperties(),
    });
    return json(report.status === 'ok' ? 200 : 503, report);
  }),
});

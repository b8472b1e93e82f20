import { json, param, withUser } from '../_shared/http.js';
import { registerHttp } from '../_shared/registry.js';
import { jobsDeps } from './deps.js';
import { listFailedJobs, retryFailedJob } from './jobs.js';

/** The signed-in owner's background jobs that failed every try (the queues' poison twins). */
registerHttp('jobs-failed', {
  route: 'jobs/failed',
  methods: ['GET'],
  handler: withUser(async ({ user }) => json(200, await listFailedJobs(user.userId, jobsDeps()))),
});

/** Puts one of them back on its queue for another round of tries (202: it runs in the background). */
registerHttp('jobs-failed-retry', {
  route: 'jobs/failed/{queue}/{id}/retry',
  methods: ['POST'],
  handler: withUser(async ({ req, user }) => {
    await retryFailedJob(user.userId, param(req, 'queue'), param(req, 'id'), jobsDeps());
    return json(202, { queued: true });
  }),
});

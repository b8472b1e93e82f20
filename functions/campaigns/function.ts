import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { json, noContent, param, parseJson, parseQuery, withUser } from '../_shared/http.js';
import { registerHttp, registerQueue, registerTimer } from '../_shared/registry.js';
import { audited } from '../audit/audit.js';
import {
  countAudience,
  createCampaign,
  deleteCampaign,
  getCampaign,
  listCampaigns,
  listMessages,
  pauseCampaign,
  resumeCampaign,
  startCampaign,
  updateCampaign,
} from './campaigns.js';
import { campaignDeps, scheduleDeps, sendDeps } from './deps.js';
import { emailSendQueue } from './queue.js';
import { closeIfFinished, planAndQueue, runSchedule } from './schedule.js';
import { Audience, CampaignInput, MessageListQuery, SenderInput } from './schema.js';
import { sendBatch } from './send.js';
import { createSender, deleteSender, listSenders, updateSender } from './senders.js';
import { campaigns } from './store.js';

registerHttp('senders', {
  route: 'senders',
  methods: ['GET', 'POST'],
  handler: withUser(async ({ req, user }) => {
    if (req.method === 'POST') {
      return json(
        201,
        await createSender(user.userId, await parseJson(SenderInput, req), randomUUID(), new Date()),
      );
    }
    return json(200, { items: await listSenders(user.userId) });
  }),
});

registerHttp('senders-item', {
  route: 'senders/{id}',
  methods: ['PUT', 'DELETE'],
  handler: withUser(async ({ req, user }) => {
    const id = param(req, 'id');
    if (req.method === 'DELETE') {
      await deleteSender(user.userId, id);
      return noContent();
    }
    return json(200, await updateSender(user.userId, id, await parseJson(SenderInput, req), new Date()));
  }),
});

registerHttp('campaigns', {
  route: 'campaigns',
  methods: ['GET', 'POST'],
  handler: withUser(async ({ req, user }) => {
    if (req.method === 'POST') {
      return json(
        201,
        await createCampaign(user.userId, await parseJson(CampaignInput, req), campaignDeps()),
      );
    }
    return json(200, { items: await listCampaigns(user.userId) });
  }),
});

/** The wizard's live count of an audience: everyone, without an address, suppressed. */
registerHttp('campaigns-audience', {
  route: 'campaigns/audience',
  methods: ['POST'],
  handler: withUser(async ({ req, user }) => {
    const { audience } = await parseJson(z.object({ audience: Audience }), req);
    return json(200, await countAudience(user.userId, audience, campaignDeps()));
  }),
});

registerHttp('campaigns-item', {
  route: 'campaigns/{id}',
  methods: ['GET', 'PUT', 'DELETE'],
  handler: withUser(async ({ req, user }) => {
    const id = param(req, 'id');
    if (req.method === 'GET') return json(200, await getCampaign(user.userId, id));
    if (req.method === 'DELETE') {
      await deleteCampaign(user.userId, id);
      return noContent();
    }
    return json(
      200,
      await updateCampaign(user.userId, id, await parseJson(CampaignInput, req), campaignDeps()),
    );
  }),
});

/** Start (checks sender footer and templates, then sends), pause and resume. */
for (const [name, action] of Object.entries({
  start: startCampaign,
  pause: pauseCampaign,
  resume: resumeCampaign,
})) {
  registerHttp(`campaigns-${name}`, {
    route: `campaigns/{id}/${name}`,
    methods: ['POST'],
    handler: withUser(async ({ req, user }) => {
      const id = param(req, 'id');
      // One audit entry per campaign start, not one per email.
      if (name !== 'start') return json(200, await action(user.userId, id, campaignDeps()));
      return json(
        200,
        await audited(user, 'campaign.start', id, () => action(user.userId, id, campaignDeps())),
      );
    }),
  });
}

registerHttp('campaigns-messages', {
  route: 'campaigns/{id}/messages',
  methods: ['GET'],
  handler: withUser(async ({ req, user }) =>
    json(200, await listMessages(user.userId, param(req, 'id'), parseQuery(MessageListQuery, req))),
  ),
});

/**
 * send-email: plans a started campaign (one message per contact, then the due ones are queued at
 * once), or sends a batch — each message at most once, see send.ts.
 */
registerQueue('send-email', emailSendQueue, async (message, ctx) => {
  if (message.kind === 'plan') {
    const { queued } = await planAndQueue(message.ownerId, message.campaignId, {
      ...campaignDeps(),
      ...scheduleDeps(),
    });
    ctx.log(`Campaign ${message.campaignId}: planned, ${queued} message(s) queued`);
    return;
  }
  const outcome = await sendBatch(message.ownerId, message.campaignId, message.messageIds, sendDeps());
  ctx.log(
    `Campaign ${message.campaignId}: ${outcome.sent} sent, ${outcome.skipped} skipped, ${outcome.failed} failed, ${outcome.deferred} deferred`,
  );
  const campaign = await campaigns.find(message.ownerId, message.campaignId);
  if (campaign) await closeIfFinished(campaign, new Date());
});

/** The campaign clock: scheduled starts, follow-ups and retries as they fall due, lost work re-queued. */
registerTimer('campaign-scheduler', {
  schedule: '0 * * * * *',
  handler: async (_timer, ctx) => {
    const { queued, started, done } = await runSchedule(scheduleDeps());
    if (queued || started || done)
      ctx.log(`Campaigns: ${started} started, ${queued} message(s) queued, ${done} done`);
  },
});

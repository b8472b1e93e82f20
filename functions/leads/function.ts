import { getChannel } from '../_integrations/channels/registry.js';
import { json, param, parseJson, parseQuery, withUser } from '../_shared/http.js';
import { registerHttp, registerTimer } from '../_shared/registry.js';
import { audited } from '../audit/audit.js';
import { hostOf } from '../booking/deps.js';
import { appBaseUrl } from '../booking/links.js';
import { leadsDeps, pipelineDeps } from './deps.js';
import {
  followups,
  getLead,
  leadTimeline,
  listLeads,
  patchLead,
  putStageNames,
  readStageNames,
} from './leads.js';
import { markPassedMeetings } from './meetings-passed.js';
import { FOLLOWUPS_HOUR, ownersAtHour, sendFollowupDigest } from './morning.js';
import { LeadListQuery, LeadPatch, StageNamesPut } from './schema.js';
import { meetingsEndedBetween, ownersWithZones } from './store.js';

/** The owner's leads: filters stage, source, tag, due (today / overdue / due). */
registerHttp('leads', {
  route: 'leads',
  methods: ['GET'],
  handler: withUser(async ({ req, user }) =>
    json(200, await listLeads(user.userId, parseQuery(LeadListQuery, req), leadsDeps())),
  ),
});

/** Follow-ups due today and overdue, in the owner's zone. */
registerHttp('leads-followups', {
  route: 'leads/followups',
  methods: ['GET'],
  handler: withUser(async ({ user }) => json(200, await followups(user.userId, leadsDeps()))),
});

/** The owner's names for the fixed stages. */
registerHttp('leads-stages', {
  route: 'leads/stages',
  methods: ['GET', 'PUT'],
  handler: withUser(async ({ req, user }) => {
    const deps = leadsDeps();
    if (req.method === 'PUT') {
      const { names } = await parseJson(StageNamesPut, req);
      return json(
        200,
        await audited(user, 'settings.stages', 'stage names', () => putStageNames(user.userId, names, deps)),
      );
    }
    return json(200, await readStageNames(user.userId, deps));
  }),
});

/** One lead; PATCH sets its stage by hand and/or its next action. */
registerHttp('leads-one', {
  route: 'leads/{id}',
  methods: ['GET', 'PATCH'],
  handler: withUser(async ({ req, user }) => {
    const id = param(req, 'id');
    if (req.method === 'GET') return json(200, await getLead(user.userId, id, leadsDeps()));
    return json(200, await patchLead(user.userId, id, await parseJson(LeadPatch, req), leadsDeps()));
  }),
});

/** Stage moves, emails, replies, meetings and notes of one lead, newest first. */
registerHttp('leads-timeline', {
  route: 'leads/{id}/timeline',
  methods: ['GET'],
  handler: withUser(async ({ req, user }) =>
    json(200, await leadTimeline(user.userId, param(req, 'id'), leadsDeps())),
  ),
});

/** Meetings that ended move their leads to met (unless marked no-show). */
registerTimer('leads-meetings-passed', {
  schedule: '0 */15 * * * *',
  handler: async (_timer, ctx) => {
    const moved = await markPassedMeetings({ ...pipelineDeps(), endedBetween: meetingsEndedBetween });
    if (moved) ctx.log(`Leads moved to met: ${moved}`);
  },
});

/** Hourly: each owner whose local time is 08:xx gets today's and overdue follow-ups by email. */
registerTimer('leads-followups-morning', {
  schedule: '0 5 * * * *',
  handler: async (_timer, ctx) => {
    const deps = { ...leadsDeps(), channel: getChannel('email'), host: hostOf, appUrl: appBaseUrl() };
    for (const owner of ownersAtHour(await ownersWithZones(), new Date(), FOLLOWUPS_HOUR)) {
      const outcome = await sendFollowupDigest(owner.ownerId, deps).catch(
        (err: Error) => `failed: ${err.message}`,
      );
      if (outcome !== 'sent' && outcome !== 'nothing-due') ctx.warn(`Follow-ups email not sent: ${outcome}`);
    }
  },
});

import { registerQueue } from '../_shared/registry.js';
import { notifyDeps } from '../booking/deps.js';
import { notifyMeeting } from './notify.js';
import { notifyQueue } from './queue.js';

/** notify: confirmations, moves and cancellations to both sides of a meeting (see notify.ts). */
registerQueue('notify', notifyQueue, async (message, ctx) => {
  const outcome = await notifyMeeting(message, notifyDeps());
  ctx.log(`Meeting ${message.meetingId} ${message.notice}: ${outcome.sent} sent, ${outcome.skipped} skipped`);
});

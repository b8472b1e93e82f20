import { type AgentDeps, runTurn } from '../../bot/agent.js';
import { createPatternUnderstanding } from '../../bot/patterns.js';
import { withPublic } from '../_shared/http.js';
import { registerHttp } from '../_shared/registry.js';
import { clientAddress } from '../suggest-slots/rate-limit.js';
import { handleActivity } from './adapter.js';
import { createCosmosStorage } from './cosmos-storage.js';
import { botPorts } from './ports.js';
import { limitBotActivity } from './rate-limit.js';
import { cosmosTranscripts } from './transcripts.js';

let deps: AgentDeps | undefined;

/** Built once per process: the ports, the understanding, state storage and transcripts. */
function agentDeps(): AgentDeps {
  deps ??= {
    ports: botPorts(),
    understanding: createPatternUnderstanding(),
    storage: createCosmosStorage(),
    transcripts: cosmosTranscripts,
  };
  return deps;
}

/**
 * Who an activity is counted against: its conversation, and its client — the channel's user id
 * when Bot Service vouched for the activity (every Bot Service request comes from Bot Service's
 * own addresses), else the caller's address (the local widget).
 */
function limitKeys(activity: Record<string, unknown>, authenticated: boolean, address: string) {
  const channel = String(activity.channelId ?? '');
  const conversation = `${channel}/${String((activity.conversation as { id?: unknown } | undefined)?.id ?? '')}`;
  const user = String((activity.from as { id?: unknown } | undefined)?.id ?? '');
  return { conversation, client: authenticated && user ? `user:${channel}/${user}` : `address:${address}` };
}

/** The Bot Service endpoint (Web Chat, Direct Line, Teams) and the booking page's chat widget. */
registerHttp('bot-messages', {
  route: 'messages',
  methods: ['POST'],
  access: 'bot-jwt',
  handler: withPublic((req) =>
    handleActivity(
      req,
      (context) => runTurn(context, agentDeps()),
      ({ activity, authenticated }) =>
        limitBotActivity(limitKeys(activity, authenticated, clientAddress(req))),
    ),
  ),
});

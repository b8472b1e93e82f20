import { type AgentDeps, runTurn } from '../../bot/agent.js';
import { createPatternUnderstanding } from '../../bot/patterns.js';
import { withPublic } from '../_shared/http.js';
import { registerHttp } from '../_shared/registry.js';
import { handleActivity } from './adapter.js';
import { createCosmosStorage } from './cosmos-storage.js';
import { botPorts } from './ports.js';
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

/** The Bot Service endpoint (Web Chat, Direct Line, Teams) and the booking page's chat widget. */
registerHttp('bot-messages', {
  route: 'messages',
  methods: ['POST'],
  access: 'bot-jwt',
  handler: withPublic((req) => handleActivity(req, (context) => runTurn(context, agentDeps()))),
});

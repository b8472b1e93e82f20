import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { type AgentDeps, runTurn } from '../../bot/agent.js';
import { createLlmCommandReader } from '../../bot/assistant-llm.js';
import { createLlmUnderstanding } from '../../bot/llm-understanding.js';
import { createPatternUnderstanding } from '../../bot/patterns.js';
import type { Understanding } from '../../bot/understanding.js';
import { getConfig } from '../_shared/config.js';
import { json, param, parseJson, parseQuery, withPublic, withUser } from '../_shared/http.js';
import { registerHttp, registerTimer } from '../_shared/registry.js';
import { audited } from '../audit/audit.js';
import { appBaseUrl } from '../booking/links.js';
import { readBookingToken } from '../booking/tokens.js';
import { createCosmosContactStore } from '../contacts/cosmos-contact-store.js';
import { cosmosTrashStore } from '../contacts/trash-store.js';
import { setConversationHook } from '../notifications/conversation.js';
import { connectionDeps, ownerChannels } from '../notifications/deps.js';
import { clientAddress } from '../suggest-slots/rate-limit.js';
import { handleActivity } from './adapter.js';
import { assistantPorts } from './assistant-ports.js';
import { type AssistantRunDeps, runAssistantTurn } from './assistant-turn.js';
import { createCosmosStorage } from './cosmos-storage.js';
import {
  type BotInstructionDto,
  BotInstructionInput,
  readInstruction,
  writeInstruction,
} from './instructions.js';
import { openAiChatModel } from './llm.js';
import { runLocalTurn } from './local-turn.js';
import { botPorts } from './ports.js';
import { limitBotActivity } from './rate-limit.js';
import { AssistantMessage, type AssistantTurnDto, type ChatReplyDto, type TeamsLinkCode } from './schema.js';
import { organizerTeamsTurn, type TeamsAssistantDeps } from './teams-assistant.js';
import { cosmosTeamsLinks, saveTeamsChat } from './teams-link.js';
import {
  cosmosTranscripts,
  eraseTranscriptsOfErasedContacts,
  listTranscripts,
  purgeTranscripts,
  toTranscriptDto,
} from './transcripts.js';
import { answerChatMessage } from './whatsapp.js';

let deps: AgentDeps | undefined;

/** Incoming WhatsApp / SMS messages (the notifications webhooks) are answered by the bot. */
setConversationHook({
  receive: async (message) => {
    await answerChatMessage(message, {
      agent: agentDeps,
      now: () => new Date(),
      channel: async (ownerId, kind) => {
        const owner = await ownerChannels(ownerId, { kind: 'chat-reply' });
        const names = kind === 'whatsapp' ? ['whatsapp'] : ['sms-twilio', 'sms-acs'];
        const doc = owner.connections.find((c) => names.includes(c.name));
        return doc && owner.build(doc);
      },
    });
  },
});

/** Built once per process: the ports, the understanding, state storage and transcripts. */
function agentDeps(): AgentDeps {
  deps ??= {
    ports: botPorts(),
    understanding: understanding(),
    storage: createCosmosStorage(),
    transcripts: cosmosTranscripts,
  };
  return deps;
}

/** The deterministic understanding, with the LLM in front of it when one is configured. */
function understanding(): Understanding {
  const patterns = createPatternUnderstanding();
  const config = getConfig();
  if (!config.BOT_LLM_BASE_URL || !config.BOT_LLM_MODEL) return patterns;
  return createLlmUnderstanding({
    model: openAiChatModel(config),
    fallback: patterns,
    timeoutMs: config.BOT_LLM_TIMEOUT_MS,
    instruction: async (ownerId) => (ownerId ? (await readInstruction(ownerId)).instruction : ''),
  });
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
  handler: withPublic((req) => {
    let vouched = false;
    return handleActivity(
      req,
      async (context) => {
        // A Teams user linked to an owner talks to that owner's assistant; everyone else to the visitor's bot.
        if (await organizerTeamsTurn(context, vouched, teamsAssistantDeps())) return;
        await runTurn(context, agentDeps());
      },
      ({ activity, authenticated }) => {
        vouched = authenticated;
        return limitBotActivity(limitKeys(activity, authenticated, clientAddress(req)));
      },
    );
  }),
});

const WidgetMessage = z.object({
  /** The visitor's own random id for this chat (the page keeps it for the visit). */
  conversationId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,64}$/, 'a random id of 16 to 64 letters, digits, - or _'),
  /** Empty to open the chat (the bot greets). */
  text: z.string().max(2000),
  timeZone: z.string().max(100).optional(),
});

/**
 * The booking page's chat: the same agent, run here (no Bot Service in between), opened by the
 * page's own signed booking link — which alone says whose calendar is booked. Rate-limited like
 * the Bot Service endpoint, per conversation and per client address.
 */
registerHttp('public-booking-chat', {
  route: 'public/booking/{token}/chat',
  methods: ['POST'],
  access: 'signed-token',
  handler: withPublic(async (req) => {
    const token = param(req, 'token');
    readBookingToken(token, new Date());
    const message = await parseJson(WidgetMessage, req);
    await limitBotActivity({
      conversation: `booking-page/${message.conversationId}`,
      client: `address:${clientAddress(req)}`,
    });
    const said = await runLocalTurn(
      {
        channelId: 'booking-page',
        conversation: { id: message.conversationId },
        from: { id: message.conversationId, name: 'Visitor' },
        text: message.text,
        channelData: { bookingToken: token },
        localTimezone: message.timeZone,
      },
      agentDeps(),
    );
    const replies: ChatReplyDto[] = said
      .filter((a) => a.text || a.suggestedActions?.actions?.length)
      .map((a) => ({
        text: a.text ?? '',
        choices: (a.suggestedActions?.actions ?? []).map((c) => String(c.title ?? c.value ?? '')),
      }));
    return json(200, { replies });
  }),
});

/** The organizer's instruction for the bot's LLM: GET to read it, PUT to change it. */
registerHttp('bot-instructions', {
  route: 'bot/instructions',
  methods: ['GET', 'PUT'],
  handler: withUser(async ({ req, user }) => {
    const saved =
      req.method === 'PUT'
        ? await (async () => {
            const { instruction } = await parseJson(BotInstructionInput, req);
            return audited(user, 'settings.bot', 'bot instructions', () =>
              writeInstruction(user.userId, instruction, new Date()),
            );
          })()
        : await readInstruction(user.userId);
    const config = getConfig();
    const body: BotInstructionDto = {
      ...saved,
      llm: Boolean(config.BOT_LLM_BASE_URL && config.BOT_LLM_MODEL),
    };
    return json(200, body);
  }),
});

const TranscriptQuery = z.object({
  contactId: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
const PurgeInput = z.object({ olderThanDays: z.number().int().min(1).max(3650) }).strict();

/** The bot's transcripts: a contact's (`?contactId=`), or the latest of all, newest first. */
registerHttp('bot-transcripts', {
  route: 'bot/transcripts',
  methods: ['GET'],
  handler: withUser(async ({ req, user }) => {
    const query = parseQuery(TranscriptQuery, req);
    const items = await listTranscripts(user.userId, query);
    return json(200, { items: items.map(toTranscriptDto) });
  }),
});

/** Deletes transcripts not added to for `olderThanDays` days. */
registerHttp('bot-logs-purge', {
  route: 'bot/logs/purge',
  methods: ['POST'],
  handler: withUser(async ({ req, user }) => {
    const { olderThanDays } = await parseJson(PurgeInput, req);
    const before = new Date(Date.now() - olderThanDays * 86_400_000);
    return json(200, { deleted: await purgeTranscripts(user.userId, before) });
  }),
});

/** Every night, after the trash purge: the chats of contacts gone for good go with them. */
registerTimer('bot-transcripts-erase', {
  schedule: '0 45 3 * * *',
  handler: async (_timer, ctx) => {
    const erased = await eraseTranscriptsOfErasedContacts({
      contacts: createCosmosContactStore(),
      trash: cosmosTrashStore,
    });
    if (erased) ctx.log(`Erased the chat transcripts of ${erased} contact(s) deleted for good`);
  },
});

let assistantDeps: AssistantRunDeps | undefined;
const assistantRunDeps = () => {
  if (!assistantDeps) {
    const config = getConfig();
    const llm = config.BOT_LLM_BASE_URL && config.BOT_LLM_MODEL;
    assistantDeps = {
      ports: assistantPorts(),
      storage: createCosmosStorage(),
      ...(llm && {
        read: createLlmCommandReader({
          model: openAiChatModel(config),
          timeoutMs: config.BOT_LLM_TIMEOUT_MS,
        }),
      }),
    };
  }
  return assistantDeps;
};
const teamsAssistantDeps = (): TeamsAssistantDeps => ({
  links: cosmosTeamsLinks,
  linkChat: (ownerId, activity) => saveTeamsChat(ownerId, activity, connectionDeps()),
  now: () => new Date(),
  baseUrl: appBaseUrl(),
  run: (ownerId, conversationId, text) => runAssistantTurn(ownerId, conversationId, text, assistantRunDeps()),
});

/**
 * The signed-in organizer's assistant (the SPA's Assistant panel): the organizer conversation
 * run here, for the signed-in owner only — its state is keyed by owner and conversation, and
 * every use case it calls names that owner. Rate-limited like the bot's other channels.
 */
registerHttp('bot-assistant', {
  route: 'bot/assistant',
  methods: ['POST'],
  handler: withUser(async ({ req, user }) => {
    const message = await parseJson(AssistantMessage, req);
    const conversationId = message.conversationId ?? randomUUID().replaceAll('-', '');
    await limitBotActivity({
      conversation: `assistant/${user.userId}/${conversationId}`,
      client: `user:assistant/${user.userId}`,
    });
    const replies = await runAssistantTurn(user.userId, conversationId, message.text, assistantRunDeps());
    const body: AssistantTurnDto = {
      conversationId,
      replies: replies.map((r) => ({ text: r.text, choices: r.choices ?? [], links: r.links ?? [] })),
    };
    return json(200, body);
  }),
});

/**
 * A one-time code (10 minutes) the organizer sends the bot in their own Teams chat ("link CODE"):
 * the assistant answers them there, and that chat becomes their Teams chat notifications channel.
 * A deep link opens the chat with it typed in when the bot has an app id.
 */
registerHttp('bot-teams-link', {
  route: 'bot/teams-link',
  methods: ['POST'],
  handler: withUser(async ({ user }) => {
    const { code, expiresAt } = await cosmosTeamsLinks.issue(user.userId, new Date());
    const command = `link ${code}`;
    const appId = getConfig().BOT_APP_ID;
    const body: TeamsLinkCode = {
      code,
      command,
      expiresAt,
      deepLink: appId
        ? `https://teams.microsoft.com/l/chat/0/0?users=28:${encodeURIComponent(appId)}&message=${encodeURIComponent(command)}`
        : null,
    };
    return json(201, body);
  }),
});

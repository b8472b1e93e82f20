import { Activity } from '@microsoft/agents-activity';
import {
  type AttachmentData,
  type AttachmentInfo,
  BaseAdapter,
  type ResourceResponse,
  TurnContext,
} from '@microsoft/agents-hosting';
import { type AgentDeps, runTurn } from '../../bot/agent.js';

/**
 * One turn of the agent run here, without Bot Service: for the channels Momentum Meet receives
 * itself (WhatsApp and SMS through the notifications webhooks, the booking page's chat). What the
 * turn says is returned instead of being posted anywhere.
 */

/** Collects what a turn says instead of posting it anywhere. */
class CollectingAdapter extends BaseAdapter {
  said: Activity[] = [];
  async sendActivities(_context: TurnContext, activities: Activity[]): Promise<ResourceResponse[]> {
    this.said.push(...activities);
    return activities.map((_, i) => ({ id: String(i) }));
  }
  async updateActivity(): Promise<void> {}
  async deleteActivity(): Promise<void> {}
  async continueConversation(): Promise<void> {}
  uploadAttachment(_c: TurnContext, _id: string, _d: AttachmentData): Promise<ResourceResponse> {
    throw new Error('Attachments are not sent on WhatsApp from here.');
  }
  getAttachmentInfo(): Promise<AttachmentInfo> {
    throw new Error('Attachments are not read on WhatsApp from here.');
  }
  getAttachment(): Promise<NodeJS.ReadableStream> {
    throw new Error('Attachments are not read on WhatsApp from here.');
  }
}

/**
 * A reply as a chat message: its text, then its buttons as a numbered list (the bot reads numbers)
 * — unless the text already lists them, as the bot's offers do.
 */
export function chatText(activity: Activity): string {
  const text = activity.text ?? '';
  const choices = (activity.suggestedActions?.actions ?? []).map((a) => String(a.title ?? a.value ?? ''));
  const listed = choices.every((c) => text.includes(c));
  return [text, ...(listed ? [] : choices.map((c, i) => `${i + 1}. ${c}`))].filter(Boolean).join('\n');
}

/** Runs one message activity through the agent; what it answered. */
export async function runLocalTurn(
  activity: {
    id?: string;
    channelId: string;
    conversation: { id: string };
    from: { id: string; name?: string };
    text: string;
    channelData?: Record<string, unknown>;
    localTimezone?: string | undefined;
  },
  agent: AgentDeps,
): Promise<Activity[]> {
  const adapter = new CollectingAdapter();
  const incoming = Activity.fromObject({
    type: 'message',
    recipient: { id: 'momentum-meet', name: 'Momentum Meet' },
    ...activity,
  });
  await runTurn(new TurnContext(adapter, incoming), agent);
  return adapter.said;
}

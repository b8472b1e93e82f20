import { Activity, ActivityTypes } from '@microsoft/agents-activity';
import {
  type AttachmentData,
  type AttachmentInfo,
  BaseAdapter,
  MemoryStorage,
  type ResourceResponse,
  type Storage,
  TurnContext,
} from '@microsoft/agents-hosting';
import { describe, expect, it } from 'vitest';
import { type AgentDeps, NO_LINK, runTurn, stateKey } from './agent.js';
import { fakePorts, SESSION, understanding } from './conversation.test-support.js';
import { SayError } from './ports.js';
import type { TranscriptEntry, TranscriptRef } from './transcript.js';

/** The SDK exports no TestAdapter: this one keeps what the bot sends. */
class RecordingAdapter extends BaseAdapter {
  sent: Activity[] = [];
  async sendActivities(_context: TurnContext, activities: Activity[]): Promise<ResourceResponse[]> {
    this.sent.push(...activities);
    return activities.map((_, i) => ({ id: String(i) }));
  }
  async updateActivity(): Promise<void> {}
  async deleteActivity(): Promise<void> {}
  async continueConversation(): Promise<void> {}
  uploadAttachment(_c: TurnContext, _id: string, _d: AttachmentData): Promise<ResourceResponse> {
    throw new Error('not used');
  }
  getAttachmentInfo(): Promise<AttachmentInfo> {
    throw new Error('not used');
  }
  getAttachment(): Promise<NodeJS.ReadableStream> {
    throw new Error('not used');
  }
}

function harness(storage: Storage = new MemoryStorage()) {
  const ports = fakePorts();
  const transcript: { ref: TranscriptRef; entries: TranscriptEntry[] }[] = [];
  const deps: AgentDeps = {
    ports,
    understanding,
    storage,
    transcripts: { append: async (ref, entries) => void transcript.push({ ref, entries }) },
  };
  const adapter = new RecordingAdapter();
  const post = async (fields: Record<string, unknown>) => {
    adapter.sent = [];
    const activity = Activity.fromObject({
      channelId: 'webchat',
      conversation: { id: 'conv-1' },
      from: { id: 'visitor' },
      recipient: { id: 'bot' },
      ...fields,
    });
    await runTurn(new TurnContext(adapter, activity), deps);
    return adapter.sent.map((a) => a.text);
  };
  const say = (text: string, channelData?: unknown) =>
    post({ type: ActivityTypes.Message, text, ...(channelData ? { channelData } : {}) });
  return { ports, deps, storage, transcript, adapter, post, say };
}

const TOKEN = { bookingToken: 'signed-link' };

describe('a turn of the agent', () => {
  it('without a booking link, asks for one and keeps nothing', async () => {
    const h = harness();
    expect(await h.say('hi')).toEqual([NO_LINK]);
    expect(await h.storage.read([stateKey('webchat', 'conv-1')])).toEqual({});
    expect(h.transcript).toEqual([]);
  });

  it('a link that does not verify is refused with its reason, and nothing starts', async () => {
    const h = harness();
    h.ports.openSession = async () => {
      throw new SayError('This booking link has expired — ask for a new one.');
    };
    expect(await h.say('hi', TOKEN)).toEqual(['This booking link has expired — ask for a new one.']);
    expect(await h.storage.read([stateKey('webchat', 'conv-1')])).toEqual({});
  });

  it('greets when the visitor joins with the link, in the zone their client reports', async () => {
    const h = harness();
    const replies = await h.post({
      type: ActivityTypes.ConversationUpdate,
      membersAdded: [{ id: 'visitor' }],
      channelData: TOKEN,
      localTimezone: 'Europe/Berlin',
    });
    expect(replies).toEqual(['Hi! I can book you a 30-minute intro call with Olivia.', 'What is your name?']);
    const stored = await h.storage.read([stateKey('webchat', 'conv-1')]);
    expect(stored[stateKey('webchat', 'conv-1')].conversation).toMatchObject({
      step: 'name',
      zone: 'Europe/Berlin',
      session: SESSION,
    });
  });

  it('remembers the conversation between turns: later messages need no link', async () => {
    const h = harness();
    await h.say('hello', TOKEN);
    expect(await h.say('Jane Doe')).toEqual(['What is your email address? The invitation goes there.']);
    expect(await h.say('jane@acme.com')).toEqual([
      'Which company are you with? (Say "none" if it is just you.)',
    ]);
  });

  it('a first message with content is answered after the greeting', async () => {
    const h = harness();
    expect(await h.say("I'm Jane Doe", TOKEN)).toEqual([
      'Hi! I can book you a 30-minute intro call with Olivia.',
      'What is your name?',
      'What is your email address? The invitation goes there.',
    ]);
  });

  it('offers times as buttons', async () => {
    const h = harness();
    await h.say('Jane Doe', TOKEN);
    await h.say('jane@acme.com');
    await h.say('none');
    await h.say('a demo');
    const offer = h.adapter.sent[0]!;
    expect(offer.suggestedActions?.actions.map((a) => a.value)).toEqual([
      '1. Thu 3 Dec, 09:00',
      '2. Thu 3 Dec, 09:30',
      '3. Thu 3 Dec, 10:00',
    ]);
    // A button press sends its text back: it books that time.
    await h.say('2. Thu 3 Dec, 09:30');
    expect(h.ports.booked.map((b) => b.start)).toEqual(['2026-12-03T14:30:00.000Z']);
  });

  it('keeps a transcript of both sides, tied to the contact once the lead is saved', async () => {
    const h = harness();
    await h.say('Jane Doe', TOKEN);
    await h.say('jane@acme.com');
    await h.say('none');
    await h.say('a demo');
    expect(h.transcript[0]!.ref).toEqual({
      ownerId: 'owner-1',
      channelId: 'webchat',
      conversationId: 'conv-1',
    });
    expect(h.transcript[0]!.entries.map((e) => [e.from, e.text])).toEqual([
      ['visitor', 'Jane Doe'],
      ['bot', 'Hi! I can book you a 30-minute intro call with Olivia.'],
      ['bot', 'What is your name?'],
      ['bot', 'What is your email address? The invitation goes there.'],
    ]);
    expect(h.transcript.at(-1)!.ref.contactId).toBe('contact-1');
  });

  it('a state written meanwhile by another turn is not overwritten; the visitor is asked to repeat', async () => {
    const memory = new MemoryStorage();
    const h = harness(memory);
    await h.say('hello', TOKEN);
    const key = stateKey('webchat', 'conv-1');
    // Another instance answers a message in between: the stored eTag moves on.
    const racing: Storage = {
      read: async (keys) => {
        const items = await memory.read(keys);
        await memory.write({ [key]: { ...items[key], eTag: '*' } });
        return items;
      },
      write: (changes) => memory.write(changes),
      delete: (keys) => memory.delete(keys),
    };
    h.deps.storage = racing;
    expect(await h.say('Jane Doe')).toEqual([
      'I was still answering your previous message — could you send that again?',
    ]);
    expect((await memory.read([key]))[key].conversation.step).toBe('name');
  });

  it('a different booking link in the same conversation starts over for that link', async () => {
    const h = harness();
    await h.say('Jane Doe', TOKEN);
    h.ports.openSession = async () => ({ ...SESSION, ownerId: 'owner-2' });
    const replies = await h.say('hi', { bookingToken: 'another-link' });
    expect(replies[1]).toBe('What is your name?');
    const stored = await h.storage.read([stateKey('webchat', 'conv-1')]);
    expect(stored[stateKey('webchat', 'conv-1')].conversation.session.ownerId).toBe('owner-2');
  });

  it('a failure on our side is said plainly, without its details', async () => {
    const h = harness();
    await h.say('Jane Doe', TOKEN);
    await h.say('jane@acme.com');
    await h.say('none');
    h.ports.saveLead = async () => {
      throw new Error('cosmos: connection reset at 10.0.0.4');
    };
    expect(await h.say('a demo')).toEqual([
      'Something went wrong on my side — please try again in a moment.',
    ]);
  });
});

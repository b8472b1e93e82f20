import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type {
  ChannelConnectionDto,
  NotificationPreferences,
  NotificationRecordDto,
} from '../../../../functions/notifications/schema';
import { apiError, contact, json, stubFetch } from '../../test/fake-api';
import { renderApp } from '../../test/render-app';

const PREFERENCES: NotificationPreferences = {
  events: {
    booked: ['email'],
    cancelled: ['email'],
    rescheduled: ['email'],
    reminder: ['email'],
    requested: ['email'],
    'calendar-broken': ['email'],
  },
  phone: null,
  reminders: [1440, 60],
};

const twilio: ChannelConnectionDto = {
  name: 'sms-twilio',
  settings: { accountSid: 'AC0123456789abcdef0123456789abcdef', from: '+14155550100' },
  callbackUrl: 'https://app.example/api/webhooks/twilio/owner-1',
  secrets: ['authToken'],
  lastTest: null,
  createdAt: '2026-03-01T09:00:00.000Z',
  updatedAt: '2026-03-01T09:00:00.000Z',
};

const record = (overrides: Partial<NotificationRecordDto>): NotificationRecordDto => ({
  id: 'rec-1',
  channel: 'sms-twilio',
  kind: 'booked',
  role: 'organizer',
  recipient: { name: 'Ada Organizer', phone: '+14155550123' },
  subject: 'New meeting: Intro call with Grace — Tue 10 Mar 2026, 14:00–14:30',
  meetingId: 'm-1',
  contactId: 'c-1',
  status: 'sent',
  steps: { queued: '2026-03-01T09:00:00.000Z', sent: '2026-03-01T09:00:01.000Z' },
  providerMessageId: 'SM123',
  error: null,
  attempts: 1,
  canRetry: false,
  createdAt: '2026-03-01T09:00:00.000Z',
  updatedAt: '2026-03-01T09:00:01.000Z',
  ...overrides,
});

describe('notification settings', () => {
  it('connects Twilio (the error named beside its field), then sends booked notices by SMS too', async () => {
    let channels: ChannelConnectionDto[] = [];
    let preferences = PREFERENCES;
    const calls = stubFetch(({ method, path, body }) => {
      if (path === '/api/notifications/channels') return json({ items: channels });
      if (path === '/api/notifications/channels/sms-twilio' && method === 'PUT') {
        const input = body as { accountSid?: string };
        if (!input.accountSid?.startsWith('AC'))
          return apiError(400, 'VALIDATION', 'Check the highlighted fields.', [
            { path: 'accountSid', message: 'a Twilio account SID (AC + 32 hex)' },
          ]);
        channels = [twilio];
        return json(twilio);
      }
      if (path === '/api/notifications/preferences') {
        if (method === 'PUT') preferences = body as NotificationPreferences;
        return json(preferences);
      }
      return json({ items: [] });
    });
    const { user } = renderApp('/notifications/settings');
    const sms = (await screen.findByRole('heading', { name: 'SMS through Twilio' })).closest('section')!;
    // SMS cannot be chosen before a connection exists.
    const bookedBySms = (await screen.findByRole('checkbox', {
      name: 'Meeting booked: SMS',
    })) as HTMLInputElement;
    expect(bookedBySms.disabled).toBe(true);

    await user.type(within(sms).getByLabelText('Account SID'), 'wrong');
    await user.type(within(sms).getByLabelText('Auth token'), 'secret-token-1234567890');
    await user.type(within(sms).getByLabelText('Sending number'), '+14155550100');
    await user.click(within(sms).getByRole('button', { name: 'Connect SMS' }));
    expect(await within(sms).findByText('a Twilio account SID (AC + 32 hex)')).toBeTruthy();
    expect(within(sms).getByLabelText('Account SID').getAttribute('aria-invalid')).toBe('true');

    await user.clear(within(sms).getByLabelText('Account SID'));
    await user.type(within(sms).getByLabelText('Account SID'), 'AC0123456789abcdef0123456789abcdef');
    await user.click(within(sms).getByRole('button', { name: 'Connect SMS' }));
    expect(await screen.findByText('SMS through Twilio connected.')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'PUT').at(-1)?.body).toEqual({
      accountSid: 'AC0123456789abcdef0123456789abcdef',
      authToken: 'secret-token-1234567890',
      from: '+14155550100',
    });
    expect(await within(sms).findByText('Connected')).toBeTruthy();
    expect(within(sms).getByText('+14155550100')).toBeTruthy();
    expect(sms.textContent).not.toContain('secret-token');

    await waitFor(() =>
      expect(
        (screen.getByRole('checkbox', { name: 'Meeting booked: SMS' }) as HTMLInputElement).disabled,
      ).toBe(false),
    );
    await user.click(screen.getByRole('checkbox', { name: 'Meeting booked: SMS' }));
    await user.type(screen.getByLabelText(/Your mobile/), '+14155550123');
    await user.click(screen.getByRole('checkbox', { name: 'An hour before' }));
    await user.click(screen.getByRole('button', { name: 'Save notification settings' }));
    expect(await screen.findByText('Notification settings saved.')).toBeTruthy();
    expect(
      calls.find((c) => c.path === '/api/notifications/preferences' && c.method === 'PUT')?.body,
    ).toMatchObject({
      events: { booked: ['email', 'sms'] },
      phone: '+14155550123',
      reminders: [1440],
    });
  });
  it('connects Slack with an incoming webhook instead of an app', async () => {
    let channels: ChannelConnectionDto[] = [];
    const calls = stubFetch(({ method, path }) => {
      if (path === '/api/notifications/channels') return json({ items: channels });
      if (path === '/api/notifications/channels/slack' && method === 'PUT') {
        channels = [{ ...twilio, name: 'slack', settings: {}, callbackUrl: null, secrets: ['webhookUrl'] }];
        return json(channels[0]);
      }
      if (path === '/api/notifications/preferences') return json(PREFERENCES);
      return json({ items: [] });
    });
    const { user } = renderApp('/notifications/settings');
    const slack = (await screen.findByRole('heading', { name: 'Slack' })).closest('section')!;
    expect(within(slack).getByLabelText('Bot token')).toBeTruthy();
    await user.click(within(slack).getByRole('radio', { name: 'An incoming webhook' }));
    expect(within(slack).queryByLabelText('Bot token')).toBeNull();
    await user.type(
      within(slack).getByLabelText('Incoming webhook address'),
      'https://hooks.slack.com/services/T0/B0/abc',
    );
    await user.click(within(slack).getByRole('button', { name: 'Connect Slack' }));
    expect(await screen.findByText('Slack connected.')).toBeTruthy();
    expect(calls.find((c) => c.path === '/api/notifications/channels/slack')?.body).toEqual({
      webhookUrl: 'https://hooks.slack.com/services/T0/B0/abc',
    });
    expect(await within(slack).findByText(/Posts through the webhook address you saved/)).toBeTruthy();
    expect(slack.textContent).not.toContain('hooks.slack.com');
  });
  it('links Teams chat with a code sent to the app in Teams, and turns Connected once the app has it', async () => {
    let channels: ChannelConnectionDto[] = [];
    stubFetch(({ method, path }) => {
      if (path === '/api/notifications/channels') return json({ items: channels });
      if (path === '/api/bot/teams-link' && method === 'POST')
        return json({ command: 'link k1.abc.def', expiresAt: '2026-03-01T09:15:00.000Z', deepLink: null });
      if (path === '/api/notifications/preferences') return json(PREFERENCES);
      return json({ items: [] });
    });
    const { user } = renderApp('/notifications/settings');
    const teams = (await screen.findByRole('heading', { name: 'Microsoft Teams chat with you' })).closest(
      'section',
    )!;
    expect(within(teams).queryByRole('textbox')).toBeNull(); // nothing to type in here
    expect(
      ((await screen.findByRole('checkbox', { name: 'Meeting booked: Teams chat' })) as HTMLInputElement)
        .disabled,
    ).toBe(true);
    await user.click(within(teams).getByRole('button', { name: 'Get a link code' }));
    expect(await within(teams).findByText('link k1.abc.def')).toBeTruthy();
    expect(within(teams).queryByRole('link', { name: 'Open the chat in Teams' })).toBeNull();

    // The app in Teams gets the code: the panel re-reads the connections and shows it linked.
    channels = [
      { ...twilio, name: 'teams-chat', settings: { userName: 'Hana Host' }, callbackUrl: null, secrets: [] },
    ];
    expect(await within(teams).findByText('Connected', {}, { timeout: 6000 })).toBeTruthy();
    expect(within(teams).getByText('Linked by')).toBeTruthy();
    expect(within(teams).getByText('Hana Host')).toBeTruthy();
    await waitFor(() =>
      expect(
        (screen.getByRole('checkbox', { name: 'Meeting booked: Teams chat' }) as HTMLInputElement).disabled,
      ).toBe(false),
    );
  }, 10_000);
});

describe('notifications log', () => {
  it('shows each notice with its channel and steps, filters by status, and sends a failed one again', async () => {
    const calls = stubFetch(({ method, path, params }) => {
      if (path === '/api/notifications' && method === 'GET') {
        const failed = record({
          id: 'rec-2',
          channel: 'slack',
          recipient: { name: 'Ada Organizer', slackChannel: '#sales' },
          status: 'failed',
          steps: { queued: '2026-03-01T09:00:00.000Z', failed: '2026-03-01T09:00:02.000Z' },
          error: 'Slack: channel_not_found — invite the app to #sales',
          canRetry: true,
        });
        const items = params.get('status') === 'failed' ? [failed] : [record({}), failed];
        return json({ items, continuationToken: null });
      }
      if (path === '/api/notifications/rec-2/retry') return json({ queued: true }, 202);
      return json({ items: [] });
    });
    const { user } = renderApp('/notifications');
    const sent = (await screen.findAllByRole('rowheader', { name: /Intro call with Grace/ }))[0]!.closest(
      'tr',
    )!;
    expect(within(sent).getByText('Sent')).toBeTruthy();
    expect(sent.textContent).toContain('SMS (Twilio) · +14155550123');
    expect(within(sent).queryByRole('button', { name: /Send again/ })).toBeNull();

    await user.selectOptions(screen.getByLabelText('Status'), 'failed');
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(2)); // the header and the failed one
    expect(calls.at(-1)?.params.get('status')).toBe('failed');
    const failedRow = screen.getByText(/channel_not_found/).closest('tr')!;
    expect(within(failedRow).getByText('Failed')).toBeTruthy();
    await user.click(within(failedRow).getByRole('button', { name: 'Send again to Ada Organizer' }));
    expect(await screen.findByText('Sending again to Ada Organizer.')).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST' && c.path === '/api/notifications/rec-2/retry')).toBe(true);
  });
});

describe('contact consent', () => {
  it('records how a contact agreed to SMS; a channel they opted out of cannot be ticked', async () => {
    const calls = stubFetch(({ method, path, body }) => {
      if (path === '/api/notifications/consent/c-ada') {
        if (method === 'PUT')
          return json({
            contactId: 'c-ada',
            sms: {
              granted: true,
              at: '2026-03-01T09:00:00.000Z',
              source: (body as { sms: { source: string } }).sms.source,
            },
            whatsapp: null,
            optedOut: ['whatsapp'],
          });
        return json({ contactId: 'c-ada', sms: null, whatsapp: null, optedOut: ['whatsapp'] });
      }
      return json(contact({ id: 'c-ada', firstName: 'Ada', lastName: 'Lovelace', phone: '+14155550199' }));
    });
    const { user } = renderApp('/contacts/c-ada');
    const panel = (await screen.findByRole('heading', { name: 'Text messages' })).closest('section')!;
    expect(
      (within(panel).getByRole('checkbox', { name: 'May receive WhatsApp' }) as HTMLInputElement).disabled,
    ).toBe(true);
    expect(panel.textContent).toContain('Ada Lovelace opted out of WhatsApp');
    await user.click(within(panel).getByRole('checkbox', { name: 'May receive SMS' }));
    await user.type(within(panel).getByLabelText('How they agreed'), 'told me on the phone');
    await user.click(within(panel).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved what Ada Lovelace agreed to.')).toBeTruthy();
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({
      sms: { granted: true, source: 'told me on the phone' },
    });
    expect(within(panel).getByText(/Agreed .* · told me on the phone/)).toBeTruthy();
  });
});

describe('contact chats', () => {
  it('shows the conversations with the assistant on the contact page, each downloadable as text', async () => {
    stubFetch(({ path, params }) => {
      if (path === '/api/bot/transcripts') {
        expect(params.get('contactId')).toBe('c-ada');
        return json({
          items: [
            {
              id: 't-1',
              channelId: 'whatsapp',
              contactId: 'c-ada',
              entries: [
                { from: 'visitor', text: 'Hi, can we talk pricing?', at: '2026-03-01T09:00:00.000Z' },
                { from: 'bot', text: 'What is your email address?', at: '2026-03-01T09:00:01.000Z' },
              ],
              createdAt: '2026-03-01T09:00:00.000Z',
              updatedAt: '2026-03-01T09:00:01.000Z',
            },
          ],
        });
      }
      return json(contact({ id: 'c-ada', firstName: 'Ada', lastName: 'Lovelace' }));
    });
    const { user } = renderApp('/contacts/c-ada');
    const panel = (await screen.findByRole('heading', { name: 'Chats' })).closest('section')!;
    await user.click(within(panel).getByText(/WhatsApp · 2 messages/));
    const log = within(panel).getByRole('list', { name: /^Chat of/ });
    expect(log.textContent).toContain('Ada Lovelace: Hi, can we talk pricing?');
    expect(log.textContent).toContain('Assistant: What is your email address?');
    const download = within(panel).getByRole('link', { name: 'Download as text' });
    expect(decodeURIComponent(download.getAttribute('href')!)).toContain(
      'Ada Lovelace: Hi, can we talk pricing?\n[2026-03-01T09:00:01.000Z] Assistant: What is your email address?',
    );
  });
});

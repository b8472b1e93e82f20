import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import {
  type ChannelConnectionDto,
  CONNECTION_NAMES,
  type ConnectionName,
  DELIVERY_CHANNELS,
  type DeliveryChannel,
  NOTIFICATION_EVENTS,
  type NotificationPreferences,
} from '../../../../functions/notifications/schema';
import { ApiError, api } from '../../lib/api';
import { ErrorAlert } from '../../lib/error-alert';
import { formatDateTime } from '../../lib/format';
import { useToast } from '../../lib/toast';
import { CHANNEL_LABELS, CONNECTION_CHANNEL, CONNECTION_TITLES, EVENT_LABELS } from './labels';
import { NotificationsTabs, notificationKeys } from './notifications-page';

const channelsKey = [...notificationKeys.all, 'channels'] as const;
const preferencesKey = [...notificationKeys.all, 'preferences'] as const;

/** /notifications/settings: which events reach you on which channels, and the channels' connections. */
export function NotificationSettingsPage() {
  const channels = useQuery({ queryKey: channelsKey, queryFn: api.notifications.channels });
  const connected = new Set<DeliveryChannel>([
    'email',
    ...(channels.data?.items ?? []).map((c) => CONNECTION_CHANNEL[c.name]),
  ]);
  return (
    <>
      <div className="page-title">
        <div>
          <h1>Notifications</h1>
          <p className="muted">
            Contacts always get their confirmation by email; by SMS or WhatsApp too when they agreed to it.
          </p>
        </div>
      </div>
      <NotificationsTabs />
      {channels.error && <ErrorAlert error={channels.error} />}
      {channels.data && <Preferences connected={connected} />}
      <h2 className="section-title">Channels</h2>
      {channels.data &&
        CONNECTION_NAMES.map((name) => (
          <Connection key={name} name={name} connection={channels.data.items.find((c) => c.name === name)} />
        ))}
    </>
  );
}

const REMINDER_CHOICES = [
  { minutes: 1440, label: 'A day before' },
  { minutes: 60, label: 'An hour before' },
  { minutes: 15, label: '15 minutes before' },
];

function Preferences({ connected }: { connected: Set<DeliveryChannel> }) {
  const id = useId();
  const toast = useToast();
  const queryClient = useQueryClient();
  const { data, error } = useQuery({ queryKey: preferencesKey, queryFn: api.notifications.preferences });
  const [draft, setDraft] = useState<NotificationPreferences | null>(null);
  const save = useMutation({
    mutationFn: api.notifications.savePreferences,
    onSuccess: (saved) => {
      queryClient.setQueryData(preferencesKey, saved);
      setDraft(null);
      toast({ message: 'Notification settings saved.' });
    },
  });
  if (error) return <ErrorAlert error={error} />;
  if (!data) return null;
  const current = draft ?? data;
  const toggle = (event: (typeof NOTIFICATION_EVENTS)[number], channel: DeliveryChannel) => {
    const chosen = current.events[event] ?? [];
    const next = chosen.includes(channel)
      ? chosen.filter((c) => c !== channel)
      : DELIVERY_CHANNELS.filter((c) => c === channel || chosen.includes(c));
    setDraft({ ...current, events: { ...current.events, [event]: next } });
  };
  const phoneError =
    save.error instanceof ApiError ? save.error.details.find((d) => d.path === 'phone')?.message : undefined;
  return (
    <form
      className="panel"
      aria-labelledby={`${id}-title`}
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        save.mutate(current);
      }}
    >
      <h2 id={`${id}-title`}>What you hear about, and where</h2>
      {save.error && <ErrorAlert error={save.error} />}
      <div className="table-scroll">
        <table className="data-table preference-matrix">
          <caption className="visually-hidden">Channels for each event</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              {DELIVERY_CHANNELS.map((channel) => (
                <th key={channel} scope="col">
                  {CHANNEL_LABELS[channel]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {NOTIFICATION_EVENTS.map((event) => (
              <tr key={event}>
                <th scope="row">{EVENT_LABELS[event]}</th>
                {DELIVERY_CHANNELS.map((channel) => (
                  <td key={channel} className="cell-check">
                    <input
                      type="checkbox"
                      aria-label={`${EVENT_LABELS[event]}: ${CHANNEL_LABELS[channel]}`}
                      checked={(current.events[event] ?? []).includes(channel)}
                      disabled={!connected.has(channel)}
                      title={
                        connected.has(channel) ? undefined : `Connect ${CHANNEL_LABELS[channel]} below first`
                      }
                      onChange={() => toggle(event, channel)}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small-print">
        A channel that cannot deliver (a wrong number, a removed webhook) falls back to the next one ticked,
        in this order. Channels not connected yet are greyed out.
      </p>
      <div className="field">
        <label htmlFor={`${id}-phone`}>Your mobile (for SMS and WhatsApp to you)</label>
        <input
          id={`${id}-phone`}
          type="tel"
          autoComplete="tel"
          value={current.phone ?? ''}
          onChange={(e) => setDraft({ ...current, phone: e.target.value || null })}
          aria-invalid={phoneError ? true : undefined}
        />
        {phoneError && <span className="field-error">{phoneError}</span>}
      </div>
      <fieldset className="choices">
        <legend>Reminders to both sides before each meeting</legend>
        {REMINDER_CHOICES.map(({ minutes, label }) => (
          <label key={minutes} className="check">
            <input
              type="checkbox"
              checked={current.reminders.includes(minutes)}
              onChange={(e) =>
                setDraft({
                  ...current,
                  reminders: e.target.checked
                    ? [...current.reminders, minutes].sort((a, b) => b - a)
                    : current.reminders.filter((m) => m !== minutes),
                })
              }
            />
            {label}
          </label>
        ))}
      </fieldset>
      <p className="muted small-print">
        Reminders never arrive at night in the recipient’s zone: they come the evening before.
      </p>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={save.isPending || !draft}>
          {save.isPending ? 'Saving…' : 'Save notification settings'}
        </button>
      </div>
    </form>
  );
}

interface FieldDef {
  key: string;
  label: string;
  type?: 'password' | 'url' | 'tel';
  hint?: string;
  optional?: boolean;
}

const FIELDS: Record<ConnectionName, FieldDef[]> = {
  'sms-twilio': [
    {
      key: 'accountSid',
      label: 'Account SID',
      hint: 'AC followed by 32 characters, from the Twilio console.',
    },
    { key: 'authToken', label: 'Auth token', type: 'password' },
    { key: 'from', label: 'Sending number', type: 'tel', hint: 'A Twilio number, such as +14155550100.' },
  ],
  'sms-acs': [
    { key: 'endpoint', label: 'Endpoint', type: 'url', hint: 'https://<resource>.communication.azure.com' },
    { key: 'accessKey', label: 'Access key', type: 'password' },
    { key: 'from', label: 'Sending number', type: 'tel' },
  ],
  whatsapp: [
    { key: 'phoneNumberId', label: 'Phone number id', hint: 'From WhatsApp Manager (digits).' },
    { key: 'accessToken', label: 'Access token', type: 'password' },
    {
      key: 'template.name',
      label: 'Approved template name',
      hint: 'Sent when the contact has not written in 24 hours.',
    },
    { key: 'template.language', label: 'Template language', hint: 'Such as en_US.' },
  ],
  slack: [
    { key: 'botToken', label: 'Bot token', type: 'password', hint: 'xoxb-…, from your Slack app.' },
    { key: 'channel', label: 'Channel', hint: 'Such as #sales or a channel id.' },
  ],
  teams: [
    {
      key: 'webhookUrl',
      label: 'Workflows webhook address',
      type: 'password',
      hint: 'From the channel’s “Post to a channel when a webhook request is received” workflow.',
    },
  ],
  // Linked from Teams (TeamsChatLink), never typed in: only labels what the connection shows.
  'teams-chat': [{ key: 'userName', label: 'Linked by' }],
};

/**
 * Slack connects either as an app (a bot token and the channel to post in: failures name the
 * channel, and the message can be threaded later) or, simpler, with an incoming webhook that
 * already points at one channel.
 */
const SLACK_WEBHOOK_FIELDS: FieldDef[] = [
  {
    key: 'webhookUrl',
    label: 'Incoming webhook address',
    type: 'password',
    hint: 'https://hooks.slack.com/services/…, from your Slack app’s Incoming Webhooks page.',
  },
];

/** The form's flat fields as the API's body ("template.name" → { template: { name } }). */
function bodyOf(values: Record<string, string>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (!value.trim()) continue;
    const [head, tail] = key.split('.') as [string, string | undefined];
    if (tail) body[head] = { ...((body[head] as object) ?? {}), [tail]: value.trim() };
    else body[head] = value.trim();
  }
  return body;
}

function Connection({ name, connection }: { name: ConnectionName; connection?: ChannelConnectionDto }) {
  const id = useId();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [values, setValues] = useState<Record<string, string>>({});
  const [slackBy, setSlackBy] = useState<'app' | 'webhook'>('app');
  const fields = name === 'slack' && slackBy === 'webhook' ? SLACK_WEBHOOK_FIELDS : FIELDS[name];
  const [testPhone, setTestPhone] = useState('');
  const refresh = () => queryClient.invalidateQueries({ queryKey: channelsKey });
  const save = useMutation({
    mutationFn: () => api.notifications.saveChannel(name, bodyOf(values)),
    onSuccess: async () => {
      setEditing(false);
      setValues({});
      toast({ message: `${CONNECTION_TITLES[name]} connected.` });
      await refresh();
    },
  });
  const test = useMutation({
    mutationFn: () => api.notifications.testChannel(name, testPhone || undefined),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: () => api.notifications.removeChannel(name),
    onSuccess: async () => {
      toast({ message: `${CONNECTION_TITLES[name]} disconnected.` });
      await refresh();
    },
  });
  const details = save.error instanceof ApiError ? save.error.details : [];
  const errorOf = (key: string) => details.find((d) => d.path === key)?.message;
  const phoneTest = name === 'sms-twilio' || name === 'sms-acs' || name === 'whatsapp';
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <div className="panel-heading">
        <h3 id={`${id}-title`}>{CONNECTION_TITLES[name]}</h3>
        <span className={connection ? 'badge ok' : 'badge'}>
          {connection ? 'Connected' : 'Not connected'}
        </span>
      </div>
      {connection && !editing && (
        <>
          <dl className="details">
            {Object.entries(connection.settings).map(([key, value]) => (
              <div key={key} className="detail">
                <dt>
                  {FIELDS[name].find((f) => f.key === key || f.key.startsWith(`${key}.`))?.label ?? key}
                </dt>
                <dd className="break">
                  {typeof value === 'object' ? Object.values(value ?? {}).join(' · ') : String(value)}
                </dd>
              </div>
            ))}
          </dl>
          {connection.secrets.includes('webhookUrl') && (
            <p className="muted small-print">Posts through the webhook address you saved (kept encrypted).</p>
          )}
          {connection.callbackUrl && (
            <p className="muted small-print break">
              Delivery reports and replies: point the provider at <code>{connection.callbackUrl}</code>
            </p>
          )}
          {connection.lastTest && (
            <p className={connection.lastTest.status === 'sent' ? 'muted small-print' : 'field-error'}>
              Last test {formatDateTime(connection.lastTest.at)}:{' '}
              {connection.lastTest.status === 'sent' ? 'sent' : `failed — ${connection.lastTest.error ?? ''}`}
            </p>
          )}
          {test.error && <ErrorAlert error={test.error} />}
          {test.data && (
            <p role="status" className={test.data.status === 'sent' ? 'notice' : 'notice warn'}>
              {test.data.status === 'sent'
                ? 'Test sent.'
                : `The test failed: ${test.data.error ?? 'no reason given'}`}
            </p>
          )}
          {phoneTest && (
            <div className="field">
              <label htmlFor={`${id}-test-phone`}>Send a test to</label>
              <input
                id={`${id}-test-phone`}
                type="tel"
                placeholder="your mobile, such as +14155550123"
                value={testPhone}
                onChange={(e) => setTestPhone(e.target.value)}
              />
            </div>
          )}
          <div className="form-actions">
            <button type="button" className="button" onClick={() => test.mutate()} disabled={test.isPending}>
              {test.isPending ? 'Sending…' : 'Send test'}
            </button>
            <button type="button" className="button" onClick={() => setEditing(true)}>
              {name === 'teams-chat' ? 'Link another chat' : 'Replace settings'}
            </button>
            <button
              type="button"
              className="button danger"
              onClick={() => remove.mutate()}
              disabled={remove.isPending}
            >
              Disconnect
            </button>
          </div>
        </>
      )}
      {(!connection || editing) && name === 'teams-chat' && (
        <TeamsChatLink onCancel={editing ? () => setEditing(false) : undefined} />
      )}
      {(!connection || editing) && name !== 'teams-chat' && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate();
          }}
        >
          {save.error && <ErrorAlert error={save.error} />}
          {name === 'slack' && (
            <fieldset className="choices">
              <legend>Post with</legend>
              {(
                [
                  ['app', 'A Slack app'],
                  ['webhook', 'An incoming webhook'],
                ] as const
              ).map(([value, label]) => (
                <label key={value} className="check">
                  <input
                    type="radio"
                    name={`${id}-slack-by`}
                    value={value}
                    checked={slackBy === value}
                    onChange={() => {
                      setSlackBy(value);
                      setValues({});
                    }}
                  />
                  {label}
                </label>
              ))}
            </fieldset>
          )}
          <div className="form-grid">
            {fields.map((field) => (
              <div className="field" key={field.key}>
                <label htmlFor={`${id}-${field.key}`}>{field.label}</label>
                <input
                  id={`${id}-${field.key}`}
                  type={field.type ?? 'text'}
                  autoComplete="off"
                  value={values[field.key] ?? ''}
                  onChange={(e) => setValues({ ...values, [field.key]: e.target.value })}
                  aria-invalid={errorOf(field.key) ? true : undefined}
                />
                {field.hint && <span className="muted small-print">{field.hint}</span>}
                {errorOf(field.key) && <span className="field-error">{errorOf(field.key)}</span>}
              </div>
            ))}
          </div>
          <div className="form-actions">
            {editing && (
              <button type="button" className="button" onClick={() => setEditing(false)}>
                Keep the current settings
              </button>
            )}
            <button type="submit" className="button primary" disabled={save.isPending}>
              {save.isPending ? 'Connecting…' : `Connect ${CHANNEL_LABELS[CONNECTION_CHANNEL[name]]}`}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

/**
 * Teams chat is linked from Teams: a short-lived code the organizer sends the Momentum Meet bot in
 * their own chat with it (Teams does not tell the bot who they are here). While a code is shown,
 * the connections are re-read, so the panel turns "Connected" as soon as the bot has it.
 */
function TeamsChatLink({ onCancel }: { onCancel?: (() => void) | undefined }) {
  const code = useMutation({ mutationFn: api.bot.teamsLinkCode });
  const [copied, setCopied] = useState(false);
  // The page's own list of connections, re-read while a code waits to be sent.
  useQuery({
    queryKey: channelsKey,
    queryFn: api.notifications.channels,
    refetchInterval: code.data ? 4000 : false,
  });
  return (
    <div>
      <p>
        Get your notices in your own chat with the Momentum Meet app in Teams. Once the app is installed in
        your Teams, get a code here and send it to the app in a chat.
      </p>
      {code.error && <ErrorAlert error={code.error} />}
      {code.data && (
        <div className="notice" role="status">
          <p>Send this to Momentum Meet in Teams before {formatDateTime(code.data.expiresAt)}:</p>
          <p className="break">
            <code>{code.data.command}</code>
          </p>
          <div className="form-actions">
            <button
              type="button"
              className="button"
              onClick={async () => {
                await navigator.clipboard?.writeText(code.data.command);
                setCopied(true);
              }}
            >
              {copied ? 'Copied' : 'Copy'}
            </button>
            {code.data.deepLink && (
              <a className="button primary" href={code.data.deepLink} target="_blank" rel="noreferrer">
                Open the chat in Teams
              </a>
            )}
          </div>
          <p className="muted small-print">This page updates by itself once the app has the code.</p>
        </div>
      )}
      <div className="form-actions">
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            Keep the current chat
          </button>
        )}
        <button
          type="button"
          className={code.data ? 'button' : 'button primary'}
          onClick={() => {
            setCopied(false);
            code.mutate();
          }}
          disabled={code.isPending}
        >
          {code.isPending ? 'Getting a code…' : code.data ? 'Get a new code' : 'Get a link code'}
        </button>
      </div>
    </div>
  );
}

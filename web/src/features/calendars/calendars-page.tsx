import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useId, useState } from 'react';
import type {
  CalendarConnectionDto,
  CalendarSettingsDto,
  ConnectionKind,
  ConnectionStatus,
} from '../../../../functions/calendars/schema';
import type { VideoChoice } from '../../../../functions/video/schema';
import { ApiError, api } from '../../lib/api';
import { ErrorAlert } from '../../lib/error-alert';
import { formatDateTime } from '../../lib/format';
import { useToast } from '../../lib/toast';
import { availabilityKeys } from '../availability/queries';
import { meetingKeys } from '../meetings/queries';
import { VIDEO_LABELS, videoSettingsKey } from './labels';

const calendarsKey = ['calendars'] as const;

/** A calendar connected, changed or removed changes which times are free: slot lists read again. */
const refreshAfterChange = (queryClient: QueryClient) =>
  Promise.all([
    queryClient.invalidateQueries({ queryKey: calendarsKey }),
    queryClient.invalidateQueries({ queryKey: availabilityKeys.all }),
    queryClient.invalidateQueries({ queryKey: meetingKeys.all }),
  ]);

const KIND_LABELS: Record<ConnectionKind, string> = {
  caldav: 'CalDAV',
  icloud: 'iCloud',
  google: 'Google Calendar',
  microsoft: 'Microsoft 365',
};

const STATUS: Record<ConnectionStatus, { label: string; className: string }> = {
  ok: { label: 'Connected', className: 'badge ok' },
  failing: { label: 'Not working', className: 'badge warn' },
  expired: { label: 'Password refused', className: 'badge warn' },
};

/** /calendars: connect CalDAV / iCloud calendars, whose busy time is kept free, and choose where meetings go. */
export function CalendarsPage() {
  const { data, error, isPending } = useQuery({ queryKey: calendarsKey, queryFn: api.calendars.list });
  return (
    <>
      <p className="back-link">
        <Link to="/availability">← Availability</Link>
      </p>
      <div className="page-title">
        <h1>Calendars</h1>
      </div>
      <p className="muted">
        Times that are busy in any calendar you connect are never offered to contacts. New meetings are added
        to the calendar you choose — or to Momentum Meet’s own calendar until you pick one.
      </p>
      {error && <ErrorAlert error={error} />}
      {isPending && <p aria-live="polite">Loading calendars…</p>}
      {data && (
        <p data-testid="writes-to">
          New meetings go to:{' '}
          <strong>
            {data.writesTo === 'local'
              ? 'Momentum Meet’s own calendar'
              : (data.items
                  .find((c) => c.id === data.writesTo)
                  ?.calendars.find(
                    (cal) => cal.url === data.items.find((c) => c.id === data.writesTo)?.writeCalendarUrl,
                  )?.name ?? 'your chosen calendar')}
          </strong>
        </p>
      )}
      <OAuthOutcome />
      {data?.items.map((connection) => (
        <Connection key={connection.id} connection={connection} />
      ))}
      <SignInToConnect />
      <ConnectForm />
      <WhenUnreadablePanel />
      <VideoChoicePanel />
      <CalendarAudit />
    </>
  );
}

function Connection({ connection }: { connection: CalendarConnectionDto }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const id = useId();
  const refresh = () => refreshAfterChange(queryClient);
  const update = useMutation({
    mutationFn: (body: Parameters<typeof api.calendars.update>[1]) =>
      api.calendars.update(connection.id, body),
    onSuccess: refresh,
  });
  const check = useMutation({ mutationFn: () => api.calendars.check(connection.id), onSuccess: refresh });
  const disconnect = useMutation({
    mutationFn: () => api.calendars.disconnect(connection.id),
    onSuccess: async () => {
      await refresh();
      toast({ message: `${connection.label} disconnected.` });
    },
  });
  const status = STATUS[connection.status];
  const reading = new Set(connection.readCalendarUrls);
  const toggleRead = (url: string, on: boolean) =>
    update.mutate({
      readCalendarUrls: on ? [...reading, url] : [...reading].filter((u) => u !== url),
    });
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <div className="panel-header">
        <h2 id={`${id}-title`} className="break">
          {KIND_LABELS[connection.kind]} · {connection.label}
        </h2>
        <span className={status.className}>{status.label}</span>
      </div>
      {connection.status !== 'ok' && (
        <div role="alert" className="alert">
          <p>
            {connection.status === 'expired'
              ? 'The server refused the password. Disconnect and connect again with the current one.'
              : 'This calendar cannot be read, so no times are offered until it works again.'}
          </p>
          {connection.lastError && <p className="muted break">{connection.lastError}</p>}
        </div>
      )}
      {connection.checkedAt && (
        <p className="muted small-print">Checked {formatDateTime(connection.checkedAt)}</p>
      )}
      {(update.error || check.error || disconnect.error) && (
        <ErrorAlert error={update.error ?? check.error ?? disconnect.error} />
      )}
      <fieldset className="choices">
        <legend>Its calendars</legend>
        {connection.calendars.length === 0 && <p className="muted">No calendars found in this account.</p>}
        {connection.calendars.map((calendar) => (
          <div key={calendar.url} className="calendar-choice">
            <label className="check">
              <input
                type="checkbox"
                checked={reading.has(calendar.url)}
                disabled={update.isPending}
                onChange={(e) => toggleRead(calendar.url, e.target.checked)}
              />
              {calendar.name} <span className="muted">— busy time counts</span>
            </label>
            {calendar.canWrite && (
              <label className="check">
                <input
                  type="radio"
                  name={`${id}-write`}
                  checked={connection.writeCalendarUrl === calendar.url}
                  disabled={update.isPending}
                  onChange={() => update.mutate({ writeCalendarUrl: calendar.url })}
                />
                Add new meetings here
              </label>
            )}
          </div>
        ))}
      </fieldset>
      <div className="actions">
        <button type="button" className="button" onClick={() => check.mutate()} disabled={check.isPending}>
          {check.isPending ? 'Checking…' : 'Check again'}
        </button>
        {connection.writeCalendarUrl && (
          <button
            type="button"
            className="button"
            onClick={() => update.mutate({ writeCalendarUrl: null })}
            disabled={update.isPending}
          >
            Add new meetings to Momentum Meet instead
          </button>
        )}
        <button
          type="button"
          className="button danger"
          onClick={() => disconnect.mutate()}
          disabled={disconnect.isPending}
          aria-label={`Disconnect ${connection.label}`}
        >
          Disconnect
        </button>
      </div>
    </section>
  );
}

/** What the provider's sign-in came back with (the callback redirects here with ?connected= or ?error=). */
function OAuthOutcome() {
  const params = new URLSearchParams(globalThis.location?.search ?? '');
  const error = params.get('error');
  if (params.get('connected')) {
    return (
      <p className="notice" role="status">
        Your calendar is connected. Its busy times now count.
      </p>
    );
  }
  return error ? (
    <div role="alert" className="alert">
      <p>{error}</p>
    </div>
  ) : null;
}

/** Google, Microsoft 365: sign in there and grant access; the callback keeps the connection. */
function SignInToConnect() {
  const start = useMutation({
    mutationFn: (kind: 'google' | 'microsoft') => api.calendars.startOAuth(kind),
    onSuccess: ({ url }) => {
      globalThis.location.assign(url);
    },
  });
  return (
    <section className="panel" aria-labelledby="oauth-title">
      <h2 id="oauth-title">Connect by signing in</h2>
      {start.error && <ErrorAlert error={start.error} />}
      <div className="actions">
        <button
          type="button"
          className="button"
          onClick={() => start.mutate('google')}
          disabled={start.isPending}
        >
          Connect Google Calendar
        </button>
        <button
          type="button"
          className="button"
          onClick={() => start.mutate('microsoft')}
          disabled={start.isPending}
        >
          Connect Microsoft 365 (Outlook)
        </button>
      </div>
    </section>
  );
}

/** Where video meetings happen: a default for every video meeting type. */
const UNREADABLE_LABELS: Record<
  CalendarSettingsDto['whenUnreadable'],
  { label: string; hint: string; saved: string }
> = {
  withhold: {
    label: 'Offer no times',
    saved: 'Saved: while a calendar is down, contacts see no times.',
    hint: 'Safest: contacts see no times until the calendar works again.',
  },
  tentative: {
    label: 'Offer tentative times that I confirm',
    saved: 'Saved: while a calendar is down, contacts can request tentative times you confirm.',
    hint: 'Around what the calendar last showed. Contacts can request a time; it is held, and you confirm or decline it in Meetings.',
  },
};

/** What contacts see while a connected calendar cannot be read. */
function WhenUnreadablePanel() {
  const queryClient = useQueryClient();
  const toast = useToast();
  const id = useId();
  const key = [...calendarsKey, 'settings'];
  const { data } = useQuery({ queryKey: key, queryFn: api.calendars.settings });
  // The radio moves at once; it goes back if the save is refused.
  const [choice, setChoice] = useState<CalendarSettingsDto['whenUnreadable'] | null>(null);
  const save = useMutation({
    mutationFn: api.calendars.saveSettings,
    onError: () => setChoice(null),
    onSuccess: async (saved) => {
      queryClient.setQueryData(key, saved);
      toast({ message: UNREADABLE_LABELS[saved.whenUnreadable].saved });
    },
  });
  if (!data) return null;
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>When a calendar cannot be read</h2>
      {save.error && <ErrorAlert error={save.error} />}
      <fieldset className="choices">
        <legend>While one of your calendars cannot be checked</legend>
        {(['withhold', 'tentative'] as const).map((option) => (
          <label key={option} className="check">
            <input
              type="radio"
              name={`${id}-unreadable`}
              checked={(choice ?? data.whenUnreadable) === option}
              onChange={() => {
                setChoice(option);
                save.mutate({ whenUnreadable: option });
              }}
            />
            <span>
              {UNREADABLE_LABELS[option].label}
              <span className="block muted small-print">{UNREADABLE_LABELS[option].hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
    </section>
  );
}

function VideoChoicePanel() {
  const queryClient = useQueryClient();
  const toast = useToast();
  const id = useId();
  const { data } = useQuery({ queryKey: videoSettingsKey, queryFn: api.calendars.video });
  const [choice, setChoice] = useState<VideoChoice | null>(null);
  const [template, setTemplate] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () =>
      api.calendars.saveVideo({
        provider: choice ?? data!.provider,
        urlTemplate: (template ?? data?.urlTemplate ?? '') || null,
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: videoSettingsKey });
      toast({ message: 'Video meetings saved.' });
    },
  });
  if (!data) return null;
  const current = choice ?? data.provider;
  const details = save.error instanceof ApiError ? save.error.details : [];
  const templateError = details.find((d) => d.path === 'urlTemplate')?.message;
  return (
    <form
      className="panel"
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <h2 id={`${id}-title`}>Video meetings</h2>
      {save.error && <ErrorAlert error={save.error} />}
      <fieldset className="choices">
        <legend>Video meetings happen in</legend>
        {data.available.map((option) => (
          <label key={option} className="check">
            <input
              type="radio"
              name={`${id}-video`}
              checked={current === option}
              onChange={() => setChoice(option)}
            />
            {VIDEO_LABELS[option]}
          </label>
        ))}
      </fieldset>
      {current === 'custom' && (
        <div className="field">
          <label htmlFor={`${id}-template`}>Meeting room address</label>
          <input
            id={`${id}-template`}
            className="full-width"
            type="url"
            value={template ?? data.urlTemplate ?? ''}
            onChange={(e) => setTemplate(e.target.value)}
            aria-invalid={templateError ? true : undefined}
            aria-describedby={`${id}-template-hint`}
          />
          <span id={`${id}-template-hint`} className="muted small-print">
            A fixed room (https://whereby.com/acme) or a pattern with {'{room}'} for a new room each time.
          </span>
          {templateError && <span className="field-error">{templateError}</span>}
        </div>
      )}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save video meetings'}
        </button>
      </div>
    </form>
  );
}

const ACTION_LABELS = { create: 'Added', update: 'Moved', delete: 'Cancelled' } as const;
const BY_LABELS = {
  contact: 'by the contact',
  organizer: 'by you',
  system: 'undoing a failed booking',
} as const;

/** The last changes Momentum Meet made to your calendars, and any that failed. */
function CalendarAudit() {
  const { data } = useQuery({ queryKey: [...calendarsKey, 'audit'], queryFn: api.calendars.audit });
  if (!data?.items.length) return null;
  return (
    <section className="panel" aria-labelledby="audit-title">
      <h2 id="audit-title">Recent changes to your calendars</h2>
      <ul className="activity-list" aria-label="Recent changes to your calendars">
        {data.items.slice(0, 20).map((entry) => (
          <li key={entry.id} className="activity-item">
            <span className="block">
              {ACTION_LABELS[entry.action]} a meeting in{' '}
              {entry.calendar === 'local' ? 'Momentum Meet' : entry.calendar} {BY_LABELS[entry.by]}
            </span>
            <span className="muted small-print">{formatDateTime(entry.at)}</span>{' '}
            {entry.result === 'error' ? (
              <span className="badge warn">Failed: {entry.error}</span>
            ) : (
              <span className="badge ok">Done</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

type Kind = 'caldav' | 'icloud';

function ConnectForm() {
  const queryClient = useQueryClient();
  const toast = useToast();
  const id = useId();
  const [kind, setKind] = useState<Kind>('caldav');
  const [serverUrl, setServerUrl] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const connect = useMutation({
    mutationFn: () =>
      api.calendars.connect(
        kind === 'icloud'
          ? { kind, username, password }
          : { kind, serverUrl: serverUrl.trim(), username, password },
      ),
    onSuccess: async (connection) => {
      setServerUrl('');
      setUsername('');
      setPassword('');
      await refreshAfterChange(queryClient);
      toast({ message: `${connection.label} connected.` });
    },
  });
  const details = connect.error instanceof ApiError ? connect.error.details : [];
  const errorAt = (path: string) => details.find((d) => d.path === path)?.message;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    connect.mutate();
  };
  const field = (
    name: string,
    label: string,
    value: string,
    set: (v: string) => void,
    type = 'text',
    hint?: string,
  ) => (
    <div className="field">
      <label htmlFor={`${id}-${name}`}>{label}</label>
      <input
        id={`${id}-${name}`}
        className="full-width"
        type={type}
        value={value}
        autoComplete={type === 'password' ? 'new-password' : 'off'}
        onChange={(e) => set(e.target.value)}
        aria-invalid={errorAt(name) ? true : undefined}
        aria-describedby={hint ? `${id}-${name}-hint` : undefined}
      />
      {hint && (
        <span id={`${id}-${name}-hint`} className="muted small-print">
          {hint}
        </span>
      )}
      {errorAt(name) && <span className="field-error">{errorAt(name)}</span>}
    </div>
  );
  return (
    <form className="panel" onSubmit={onSubmit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Connect a calendar</h2>
      {connect.error && <ErrorAlert error={connect.error} />}
      <div className="field">
        <label htmlFor={`${id}-kind`}>Calendar</label>
        <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
          <option value="caldav">CalDAV server (Nextcloud, Fastmail, Radicale…)</option>
          <option value="icloud">iCloud</option>
        </select>
      </div>
      {kind === 'caldav' &&
        field(
          'serverUrl',
          'Server address',
          serverUrl,
          setServerUrl,
          'url',
          'The CalDAV address your provider gives, such as https://cloud.example.com/remote.php/dav',
        )}
      {field(
        'username',
        kind === 'icloud' ? 'Apple ID' : 'User name',
        username,
        setUsername,
        kind === 'icloud' ? 'email' : 'text',
      )}
      {field(
        'password',
        kind === 'icloud' ? 'App-specific password' : 'Password',
        password,
        setPassword,
        'password',
        kind === 'icloud'
          ? 'Make one at appleid.apple.com → Sign-In and Security → App-Specific Passwords.'
          : 'Kept encrypted; used only to read busy times and add your meetings.',
      )}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={connect.isPending}>
          {connect.isPending ? 'Connecting…' : 'Connect'}
        </button>
      </div>
    </form>
  );
}

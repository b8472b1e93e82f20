import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { ConsentChannel } from '../../../../functions/notifications/schema';
import { ApiError, api } from '../../lib/api';
import { ErrorAlert } from '../../lib/error-alert';
import { formatDateTime } from '../../lib/format';
import { useToast } from '../../lib/toast';
import { CHANNEL_LABELS } from './labels';

const CONSENT_CHANNELS: ConsentChannel[] = ['sms', 'whatsapp'];

/**
 * A contact's consent to SMS and WhatsApp (when and how they agreed) and the channels they opted out
 * of: booking notices reach them by text only with consent, and never on an opted-out channel.
 */
export function ContactConsent({ contactId, name }: { contactId: string; name: string }) {
  const id = useId();
  const toast = useToast();
  const queryClient = useQueryClient();
  const key = ['notifications', 'consent', contactId];
  const { data, error } = useQuery({ queryKey: key, queryFn: () => api.notifications.consent(contactId) });
  const [ticked, setTicked] = useState<Partial<Record<ConsentChannel, boolean>>>({});
  const [source, setSource] = useState('');
  const save = useMutation({
    mutationFn: () =>
      api.notifications.saveConsent(
        contactId,
        Object.fromEntries(
          Object.entries(ticked).map(([channel, granted]) => [
            channel,
            { granted, source: source.trim() || 'recorded in Momentum Meet' },
          ]),
        ),
      ),
    onSuccess: (saved) => {
      queryClient.setQueryData(key, saved);
      setTicked({});
      setSource('');
      toast({ message: `Saved what ${name} agreed to.` });
    },
  });
  if (error) return <ErrorAlert error={error} />;
  if (!data?.optedOut) return null;
  const changed = Object.keys(ticked).length > 0;
  const granting = Object.values(ticked).some(Boolean);
  const sourceError =
    save.error instanceof ApiError
      ? save.error.details.find((d) => /source/.test(d.path ?? ''))?.message
      : undefined;
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Text messages</h2>
      <p className="muted small-print">
        Meeting confirmations and reminders reach {name} by SMS or WhatsApp only once they agreed to it; tick
        what they agreed to and say how.
      </p>
      {save.error && <ErrorAlert error={save.error} />}
      <fieldset className="choices">
        <legend className="visually-hidden">Channels {name} agreed to</legend>
        {CONSENT_CHANNELS.map((channel) => {
          const entry = data[channel];
          const checked = ticked[channel] ?? entry?.granted ?? false;
          return (
            <label key={channel} className="check">
              <input
                type="checkbox"
                checked={checked}
                disabled={data.optedOut.includes(channel)}
                onChange={(e) => setTicked({ ...ticked, [channel]: e.target.checked })}
              />
              <span>
                May receive {CHANNEL_LABELS[channel]}
                {entry && (
                  <span className="block muted small-print">
                    {entry.granted ? 'Agreed' : 'Withdrawn'} {formatDateTime(entry.at)} · {entry.source}
                  </span>
                )}
              </span>
            </label>
          );
        })}
      </fieldset>
      {granting && (
        <div className="field">
          <label htmlFor={`${id}-source`}>How they agreed</label>
          <input
            id={`${id}-source`}
            value={source}
            placeholder="such as: ticked the box on the booking page, told me on the phone"
            onChange={(e) => setSource(e.target.value)}
            aria-invalid={sourceError ? true : undefined}
          />
          {sourceError && <span className="field-error">{sourceError}</span>}
        </div>
      )}
      {data.optedOut.length > 0 && (
        <p className="notice warn" role="status">
          {name} opted out of {data.optedOut.map((c) => CHANNEL_LABELS[c]).join(' and ')}: nothing goes there
          until they opt in again themselves.
        </p>
      )}
      {changed && (
        <div className="form-actions">
          <button
            type="button"
            className="button primary"
            onClick={() => save.mutate()}
            disabled={save.isPending}
          >
            {save.isPending ? 'Saving…' : 'Save'}
          </button>
        </div>
      )}
    </section>
  );
}

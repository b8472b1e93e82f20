import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useId, useState } from 'react';
import type { LeadDto, LeadPatch, TimelineItem } from '../../../../functions/leads/schema';
import type { LeadStage } from '../../../../functions/leads/stages';
import { api } from '../../lib/api';
import { ErrorAlert } from '../../lib/error-alert';
import { formatDateTime } from '../../lib/format';
import { useToast } from '../../lib/toast';
import { contactKeys } from '../contacts/queries';
import { formatDay, localToday, NextActionLine } from './next-action-line';
import { leadKeys, STAGES, stageNamesOf, stagesQuery, timelineQuery } from './queries';

/** Saves a stage or next action, then refreshes the lead everywhere it is shown. */
function useUpdateLead(lead: LeadDto) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: LeadPatch) => api.leads.update(lead.id, patch),
    onSuccess: async (saved) => {
      queryClient.setQueryData(leadKeys.detail(lead.id), saved);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: leadKeys.all }),
        queryClient.invalidateQueries({ queryKey: contactKeys.detail(lead.id) }),
      ]);
    },
  });
}

/** The lead's stage (changeable by hand) and when it got there. */
export function LeadStagePanel({ lead }: { lead: LeadDto }) {
  const names = stageNamesOf(useQuery(stagesQuery()).data);
  const toast = useToast();
  const update = useUpdateLead(lead);
  const id = useId();
  return (
    <div className="lead-stage">
      <div className="field">
        <label htmlFor={id}>Current stage</label>
        <select
          id={id}
          value={lead.stage}
          disabled={update.isPending}
          onChange={(e) => {
            const stage = e.target.value as LeadStage;
            update.mutate(
              { stage },
              { onSuccess: () => toast({ message: `${lead.name} moved to ${names[stage]}.` }) },
            );
          }}
        >
          {STAGES.map((s) => (
            <option key={s} value={s}>
              {names[s]}
            </option>
          ))}
        </select>
      </div>
      {lead.stageSince && (
        <p className="muted small-print">
          Since {formatDateTime(lead.stageSince)}
          {lead.stageBy === 'manual'
            ? ', set by hand'
            : lead.stageBy === 'event'
              ? ', moved by what happened'
              : ''}
        </p>
      )}
      {update.error && <ErrorAlert error={update.error} />}
    </div>
  );
}

/** The next action: a day and a note, saved with the lead; cleared when done. */
export function NextActionForm({ lead }: { lead: LeadDto }) {
  const toast = useToast();
  const update = useUpdateLead(lead);
  const [editing, setEditing] = useState(false);
  const [on, setOn] = useState(lead.nextAction?.on ?? '');
  const [note, setNote] = useState(lead.nextAction?.note ?? '');
  const ids = { on: useId(), note: useId() };
  const start = () => {
    setOn(lead.nextAction?.on ?? localToday());
    setNote(lead.nextAction?.note ?? '');
    setEditing(true);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      { nextAction: { on, note: note.trim() } },
      {
        onSuccess: () => {
          setEditing(false);
          toast({ message: `Next action saved for ${formatDay(on)}.` });
        },
      },
    );
  };
  if (!editing)
    return (
      <div className="next-action-view">
        <NextActionLine nextAction={lead.nextAction} today={localToday()} />
        <div className="form-actions">
          <button type="button" className="button small" onClick={start}>
            {lead.nextAction ? 'Change next action' : 'Set next action'}
          </button>
          {lead.nextAction && (
            <button
              type="button"
              className="button small"
              disabled={update.isPending}
              onClick={() =>
                update.mutate(
                  { nextAction: null },
                  { onSuccess: () => toast({ message: 'Next action cleared.' }) },
                )
              }
            >
              Mark done
            </button>
          )}
        </div>
        {update.error && <ErrorAlert error={update.error} />}
      </div>
    );
  return (
    <form className="next-action-form" onSubmit={submit} aria-label="Next action">
      <div className="field">
        <label htmlFor={ids.on}>Date</label>
        <input id={ids.on} type="date" required value={on} onChange={(e) => setOn(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={ids.note}>What to do</label>
        <textarea
          id={ids.note}
          rows={2}
          maxLength={500}
          value={note}
          placeholder="e.g. Call about pricing"
          onChange={(e) => setNote(e.target.value)}
        />
      </div>
      {update.error && <ErrorAlert error={update.error} />}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={update.isPending || !on}>
          {update.isPending ? 'Saving…' : 'Save next action'}
        </button>
        <button type="button" className="button" onClick={() => setEditing(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

const KIND_LABELS: Record<TimelineItem['kind'], string> = {
  stage: 'Stage',
  email: 'Email',
  reply: 'Reply',
  meeting: 'Meeting',
  note: 'Follow-up',
};

const INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z/g;
const DAY = /\b(\d{4}-\d{2}-\d{2})\b/g;

/** A timeline line as a person reads it: instants in the viewer's zone, dates as they write them. */
export const plainTitle = (title: string): string =>
  title.replace(INSTANT, (iso) => formatDateTime(iso)).replace(DAY, (on) => formatDay(on));

/** Everything that happened to the lead, newest first, in plain words. */
export function LeadTimeline({ leadId, limit }: { leadId: string; limit?: number }) {
  const query = useQuery(timelineQuery(leadId));
  if (query.error) return <ErrorAlert error={query.error} />;
  if (!query.data) return <p className="muted">Loading the timeline…</p>;
  const all = query.data.items ?? [];
  const items = limit ? all.slice(0, limit) : all;
  if (all.length === 0)
    return <p className="muted">Nothing yet. Emails, replies, meetings and stage moves appear here.</p>;
  return (
    <ol className="timeline">
      {items.map((item) => (
        <li key={`${item.kind}-${item.ref}-${item.at}`} className={`timeline-item timeline-${item.kind}`}>
          <span className="timeline-kind">{KIND_LABELS[item.kind] ?? item.kind}</span>
          <span className="timeline-title">{plainTitle(item.title)}</span>
          <time className="muted small-print" dateTime={item.at}>
            {formatDateTime(item.at)}
          </time>
        </li>
      ))}
      {items.length < all.length && (
        <li className="timeline-more">
          <Link to="/leads/$contactId" params={{ contactId: leadId }}>
            See all {all.length} entries
          </Link>
        </li>
      )}
    </ol>
  );
}

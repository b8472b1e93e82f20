import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useEffect, useState } from 'react';
import type { TranscriptDto } from '../../../../functions/bot/schema';
import { api } from '../../lib/api';
import { ErrorAlert } from '../../lib/error-alert';
import { formatDateTime, plural } from '../../lib/format';
import { useToast } from '../../lib/toast';

const MAX_INSTRUCTION = 4000;

const CHANNEL_NAMES: Record<string, string> = {
  'booking-page': 'Booking page chat',
  whatsapp: 'WhatsApp',
  sms: 'SMS',
  webchat: 'Web chat',
  msteams: 'Teams',
};

export const instructionQuery = () => ({
  queryKey: ['bot', 'instruction'],
  queryFn: () => api.bot.instruction(),
});
export const latestTranscriptsQuery = () => ({
  queryKey: ['bot', 'transcripts', 'latest'],
  queryFn: () => api.bot.latestTranscripts(),
});

const asText = (t: TranscriptDto) =>
  t.entries.map((e) => `[${e.at}] ${e.from === 'bot' ? 'Assistant' : 'Visitor'}: ${e.text}`).join('\n');

const download = (type: string, body: string) => `data:${type};charset=utf-8,${encodeURIComponent(body)}`;

/** /settings/assistant: what the bot's AI is told, whether one is on, and the chat transcripts. */
export function AssistantSettingsPage() {
  return (
    <>
      <div className="page-title">
        <div>
          <h1>Assistant settings</h1>
          <p className="muted">
            The chat assistant on your booking page, WhatsApp and Teams, and the one in this app.
          </p>
        </div>
      </div>
      <InstructionSection />
      <TeamsSection />
      <TranscriptsSection />
    </>
  );
}

function InstructionSection() {
  const queryClient = useQueryClient();
  const toast = useToast();
  const { data, error, isPending } = useQuery(instructionQuery());
  const [draft, setDraft] = useState('');
  useEffect(() => {
    if (data) setDraft(data.instruction);
  }, [data]);
  const save = useMutation({
    mutationFn: (instruction: string) => api.bot.saveInstruction(instruction),
    onSuccess: (saved) => {
      queryClient.setQueryData(instructionQuery().queryKey, saved);
      toast({ message: 'Instruction saved.' });
    },
  });
  return (
    <section className="panel" aria-labelledby="instruction-title">
      <h2 id="instruction-title">Instruction for the AI</h2>
      {error && <ErrorAlert error={error} />}
      {isPending && <p className="muted">Loading…</p>}
      {data && (
        <>
          <p className={data.llm ? 'notice' : 'muted'}>
            {data.llm
              ? 'An AI model is switched on: it reads your visitors’ messages with this instruction. It only suggests what they meant — the assistant still asks before anything is booked.'
              : 'No AI model is switched on, so the assistant reads messages by fixed patterns and this instruction is kept for later. The AI is switched on by the app’s configuration (the BOT_LLM_BASE_URL and BOT_LLM_MODEL settings), not here — ask whoever runs your deployment.'}
          </p>
          <form
            onSubmit={(e: FormEvent) => {
              e.preventDefault();
              save.mutate(draft);
            }}
          >
            <div className="field">
              <label htmlFor="instruction">What your meetings are about, and the tone to use</label>
              <textarea
                id="instruction"
                rows={6}
                maxLength={MAX_INSTRUCTION}
                value={draft}
                placeholder="e.g. We sell payroll software to restaurants. Keep it short and friendly."
                onChange={(e) => setDraft(e.target.value)}
              />
              <p className="muted">
                {draft.length} / {MAX_INSTRUCTION} characters
                {data.updatedAt && ` · saved ${formatDateTime(data.updatedAt)}`}
              </p>
            </div>
            {save.error && <ErrorAlert error={save.error} />}
            <button
              type="submit"
              className="button primary"
              disabled={save.isPending || draft.trim() === data.instruction}
            >
              {save.isPending ? 'Saving…' : 'Save instruction'}
            </button>
          </form>
        </>
      )}
    </section>
  );
}

/** A one-time code the organizer types to the bot in Teams, so Teams knows whose assistant it is. */
function TeamsSection() {
  const issue = useMutation({ mutationFn: () => api.bot.teamsLinkCode() });
  return (
    <section className="panel" aria-labelledby="teams-title">
      <h2 id="teams-title">Use the assistant in Teams</h2>
      <p className="muted">
        Ask “what’s on tomorrow” or “find 30 minutes with Jane” in Microsoft Teams too. Get a code, then send
        it to the Momentum Meet bot in your own chat with it within 10 minutes. The same chat can then get
        your meeting notices: choose them under Notifications (the Teams chat column).
      </p>
      {issue.data ? (
        <>
          <p role="status">
            In Teams, send: <code className="teams-code">{issue.data.command}</code> (valid until{' '}
            {formatDateTime(issue.data.expiresAt)})
          </p>
          {issue.data.deepLink && (
            <p>
              <a href={issue.data.deepLink} target="_blank" rel="noreferrer">
                Open the chat in Teams
              </a>
            </p>
          )}
        </>
      ) : null}
      {issue.error && <ErrorAlert error={issue.error} />}
      <button type="button" className="button" disabled={issue.isPending} onClick={() => issue.mutate()}>
        {issue.data ? 'Get a new code' : 'Get a Teams code'}
      </button>
    </section>
  );
}

function TranscriptsSection() {
  const queryClient = useQueryClient();
  const { data, error, isPending } = useQuery(latestTranscriptsQuery());
  const [days, setDays] = useState(90);
  const [confirming, setConfirming] = useState(false);
  const purge = useMutation({
    mutationFn: (olderThanDays: number) => api.bot.purgeTranscripts(olderThanDays),
    onSuccess: () => {
      setConfirming(false);
      return queryClient.invalidateQueries({ queryKey: ['bot', 'transcripts'] });
    },
  });
  const items = (data?.items ?? []).filter((t) => t.entries.length > 0);
  return (
    <section className="panel" aria-labelledby="transcripts-title">
      <h2 id="transcripts-title">Chat transcripts</h2>
      {error && <ErrorAlert error={error} />}
      {isPending && <p className="muted">Loading…</p>}
      {data && items.length === 0 && (
        <p className="muted">
          No chats yet. When someone chats with the assistant on your booking page, WhatsApp or Teams, the
          conversation shows here and on their contact page.
        </p>
      )}
      {items.length > 0 && (
        <>
          <p>
            <a
              className="button small"
              download="chat-transcripts.json"
              href={download('application/json', JSON.stringify(items, null, 2))}
            >
              Export all as JSON
            </a>
          </p>
          <ul className="transcript-list">
            {items.map((t) => (
              <li key={t.id} className="transcript-row">
                <span>
                  {formatDateTime(t.updatedAt)} · {CHANNEL_NAMES[t.channelId] ?? t.channelId} ·{' '}
                  {plural(t.entries.length, 'message', 'messages')}
                  {t.contactId && (
                    <>
                      {' · '}
                      <Link to="/contacts/$contactId" params={{ contactId: t.contactId }}>
                        Contact
                      </Link>
                    </>
                  )}
                </span>
                <a
                  className="button small"
                  download={`chat-${t.createdAt.slice(0, 10)}.txt`}
                  href={download('text/plain', asText(t))}
                >
                  Download as text
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
      <form
        className="purge-form"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          if (confirming) purge.mutate(days);
          else setConfirming(true);
        }}
      >
        <label htmlFor="purge-days">Delete chats with no new message for</label>
        <input
          id="purge-days"
          className="purge-days"
          type="number"
          min={1}
          max={3650}
          required
          value={days}
          onChange={(e) => {
            setDays(Number(e.target.value));
            setConfirming(false);
          }}
        />
        <span>days</span>
        <button type="submit" className={`button${confirming ? ' danger' : ''}`} disabled={purge.isPending}>
          {confirming ? 'Yes, delete them for good' : 'Delete old chats'}
        </button>
        {confirming && (
          <button type="button" className="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        )}
      </form>
      {confirming && (
        <p className="muted" role="status">
          Chats with no message in the last {plural(days, 'day', 'days')} will be deleted. This cannot be
          undone.
        </p>
      )}
      {purge.data && !confirming && (
        <p role="status">Deleted {plural(purge.data.deleted, 'chat', 'chats')}.</p>
      )}
      {purge.error && <ErrorAlert error={purge.error} />}
    </section>
  );
}

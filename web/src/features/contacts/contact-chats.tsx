import { useQuery } from '@tanstack/react-query';
import type { TranscriptDto } from '../../../../functions/bot/schema';
import { api } from '../../lib/api';
import { ErrorAlert } from '../../lib/error-alert';
import { formatDateTime } from '../../lib/format';

const CHANNEL_NAMES: Record<string, string> = {
  'booking-page': 'booking page chat',
  whatsapp: 'WhatsApp',
  sms: 'SMS',
  webchat: 'web chat',
  msteams: 'Teams',
};

/** The transcript as plain text, for the download. */
const asText = (t: TranscriptDto, name: string) =>
  t.entries.map((e) => `[${e.at}] ${e.from === 'bot' ? 'Assistant' : name}: ${e.text}`).join('\n');

/** The contact's conversations with the assistant: each one readable here and downloadable as text. */
export function ContactChats({ contactId, name }: { contactId: string; name: string }) {
  const { data, error } = useQuery({
    queryKey: ['bot', 'transcripts', contactId],
    queryFn: () => api.bot.transcripts(contactId),
  });
  if (error) return <ErrorAlert error={error} />;
  const items = Array.isArray(data?.items) ? data.items.filter((t) => t.entries?.length) : [];
  if (items.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="chats-title">
      <h2 id="chats-title">Chats</h2>
      {items.map((t) => (
        <details key={t.id} className="chat-transcript">
          <summary>
            {formatDateTime(t.createdAt)} · {CHANNEL_NAMES[t.channelId] ?? t.channelId} · {t.entries.length}{' '}
            messages
          </summary>
          <ol className="chat-log" aria-label={`Chat of ${formatDateTime(t.createdAt)}`}>
            {t.entries.map((e, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a transcript only grows at its end
              <li key={i} className={`chat-line ${e.from === 'bot' ? 'chat-bot' : 'chat-you'}`}>
                <span className="visually-hidden">{e.from === 'bot' ? 'Assistant: ' : `${name}: `}</span>
                {e.text}
              </li>
            ))}
          </ol>
          <a
            className="button small"
            download={`chat-${t.createdAt.slice(0, 10)}.txt`}
            href={`data:text/plain;charset=utf-8,${encodeURIComponent(asText(t, name))}`}
          >
            Download as text
          </a>
        </details>
      ))}
    </section>
  );
}

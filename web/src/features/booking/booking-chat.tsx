import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import type { ChatReplyDto } from '../../../../functions/bot/schema';
import { api } from '../../lib/api';
import { ErrorAlert } from '../../lib/error-alert';

interface Line {
  from: 'bot' | 'you';
  text: string;
}

/**
 * "Prefer to chat?": the booking assistant on the public page — the same conversation the bot has
 * on WhatsApp or Teams (name, email, company, what about, three times, booked), opened with this
 * page's link. Its buttons answer for the visitor; typing works too ("tomorrow at 3").
 */
export function BookingChat({ token, zone }: { token: string; zone: string }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [lines, setLines] = useState<Line[]>([]);
  const [choices, setChoices] = useState<string[]>([]);
  const [text, setText] = useState('');
  const conversationId = useRef(crypto.randomUUID());
  const input = useRef<HTMLInputElement>(null);
  const send = useMutation({
    mutationFn: (message: string) =>
      api.publicBooking.chat(token, {
        conversationId: conversationId.current,
        text: message,
        timeZone: zone,
      }),
    onSuccess: ({ replies }: { replies: ChatReplyDto[] }) => {
      setLines((all) => [
        ...all,
        ...replies.filter((r) => r.text).map((r) => ({ from: 'bot' as const, text: r.text })),
      ]);
      setChoices(replies.at(-1)?.choices ?? []);
      input.current?.focus();
    },
  });
  const say = (message: string) => {
    if (message) setLines((all) => [...all, { from: 'you', text: message }]);
    setChoices([]);
    setText('');
    send.mutate(message);
  };
  // Opening greets: the bot says who it books with and asks the first question.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the panel opens
  useEffect(() => {
    if (open && lines.length === 0 && !send.isPending) say('');
  }, [open]);
  if (!open) {
    return (
      <p className="chat-offer">
        Prefer to chat?{' '}
        <button type="button" className="button small" onClick={() => setOpen(true)}>
          Book in a chat
        </button>
      </p>
    );
  }
  return (
    <section className="panel booking-chat" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Book in a chat</h2>
      <ol className="chat-log" role="log" aria-live="polite" aria-label="Conversation">
        {lines.map((line, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: lines are only ever appended
          <li key={i} className={`chat-line chat-${line.from}`}>
            <span className="visually-hidden">{line.from === 'bot' ? 'Assistant: ' : 'You: '}</span>
            {line.text}
          </li>
        ))}
        {send.isPending && <li className="chat-line chat-bot muted">…</li>}
      </ol>
      {send.error && <ErrorAlert error={send.error} />}
      {choices.length > 0 && (
        <fieldset className="chat-choices">
          <legend className="visually-hidden">Answers</legend>
          {choices.map((choice) => (
            <button key={choice} type="button" className="button small" onClick={() => say(choice)}>
              {choice}
            </button>
          ))}
        </fieldset>
      )}
      <form
        className="chat-form"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          if (text.trim()) say(text.trim());
        }}
      >
        <label htmlFor={`${id}-message`} className="visually-hidden">
          Your message
        </label>
        <input
          id={`${id}-message`}
          ref={input}
          className="chat-input"
          value={text}
          maxLength={2000}
          autoComplete="off"
          placeholder="Type your answer"
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit" className="button primary" disabled={send.isPending || !text.trim()}>
          Send
        </button>
      </form>
    </section>
  );
}

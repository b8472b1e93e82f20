import { useMutation } from '@tanstack/react-query';
import { Link, useRouter } from '@tanstack/react-router';
import { type FormEvent, type MouseEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import type { AssistantLinkDto, AssistantReplyDto } from '../../../../functions/bot/schema';
import { api } from '../../lib/api';
import { ErrorAlert } from '../../lib/error-alert';

interface Line {
  from: 'assistant' | 'you';
  text: string;
  links?: AssistantLinkDto[];
}

/** What a new user can ask; one ending in "…" is put in the box to finish, the others are sent. */
export const SUGGESTED_PROMPTS = [
  "What's on tomorrow?",
  "Who hasn't replied?",
  'Find 30 minutes with …',
  'Move my 3pm to Friday',
];

// The conversation continues across pages and reloads of this tab, not across tabs.
const CONVERSATION_KEY = 'momentum.assistant.conversation';

/**
 * The signed-in organizer's assistant: a side panel (a full-screen sheet on a phone) with the
 * conversation. Offered times and Yes/No come as buttons; what it booked or moved comes with links
 * to the meeting and the contact. It asks before it books or moves anything.
 */
export function AssistantPanel({ open: shown, onClose }: { open: boolean; onClose: () => void }) {
  const id = useId();
  const router = useRouter();
  const [lines, setLines] = useState<Line[]>([]);
  const [choices, setChoices] = useState<string[]>([]);
  const [text, setText] = useState('');
  const conversationId = useRef<string | undefined>(sessionStorage.getItem(CONVERSATION_KEY) ?? undefined);
  const input = useRef<HTMLInputElement>(null);
  const log = useRef<HTMLOListElement>(null);
  const send = useMutation({
    mutationFn: (message: string) =>
      api.bot.assistant({ text: message, conversationId: conversationId.current }),
    onSuccess: ({
      conversationId: next,
      replies,
    }: {
      conversationId: string;
      replies: AssistantReplyDto[];
    }) => {
      conversationId.current = next;
      sessionStorage.setItem(CONVERSATION_KEY, next);
      setLines((all) => [
        ...all,
        ...replies.map((r) => ({ from: 'assistant' as const, text: r.text, links: r.links })),
      ]);
      setChoices(replies.at(-1)?.choices ?? []);
      input.current?.focus();
    },
  });
  const say = (message: string) => {
    setLines((all) => [...all, { from: 'you', text: message }]);
    setChoices([]);
    setText('');
    send.mutate(message);
  };
  const suggest = (prompt: string) => {
    if (!prompt.endsWith('…')) return say(prompt);
    setText(prompt.replace('…', ''));
    input.current?.focus();
  };
  const open = (event: MouseEvent, href: string) => {
    event.preventDefault();
    router.history.push(href);
    // On a phone the sheet covers the page it opened.
    if (window.matchMedia('(max-width: 720px)').matches) onClose();
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: scrolls when a line is added
  useEffect(() => {
    log.current?.lastElementChild?.scrollIntoView?.({ block: 'nearest' });
  }, [lines.length, send.isPending]);
  useEffect(() => {
    if (!shown) return;
    input.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [shown, onClose]);

  const fresh = lines.length === 0;
  // Times, candidates or Yes/No to answer; otherwise what one can ask.
  const answering = choices.length > 0;
  return (
    <aside
      id="assistant-panel"
      className="assistant-panel"
      role="dialog"
      aria-modal="false"
      aria-labelledby={`${id}-title`}
      hidden={!shown}
    >
      <header className="assistant-head">
        <h2 id={`${id}-title`} className="assistant-title">
          Assistant
        </h2>
        <Link to="/settings/assistant" className="button small" onClick={onClose}>
          Settings
        </Link>
        <button type="button" className="button small" onClick={onClose} aria-label="Close the assistant">
          Close
        </button>
      </header>
      <div className="assistant-body">
        {fresh && (
          <p className="muted">
            Ask me about your day, find a time with a contact, or move a meeting. I always ask before I book
            or move anything.
          </p>
        )}
        <ol
          ref={log}
          className="chat-log assistant-log"
          role="log"
          aria-live="polite"
          aria-label="Conversation"
        >
          {lines.map((line, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: lines are only ever appended
            <li key={i} className={`chat-line ${line.from === 'you' ? 'chat-you' : 'chat-bot'}`}>
              <span className="visually-hidden">{line.from === 'you' ? 'You: ' : 'Assistant: '}</span>
              {line.text}
              {line.links && line.links.length > 0 && (
                <span className="assistant-links">
                  {line.links.map((link) => (
                    <a key={link.href} href={link.href} onClick={(e) => open(e, link.href)}>
                      {link.label}
                    </a>
                  ))}
                </span>
              )}
            </li>
          ))}
          {send.isPending && <li className="chat-line chat-bot muted">…</li>}
        </ol>
        {send.error && <ErrorAlert error={send.error} />}
      </div>
      {!send.isPending && (
        <fieldset className="chat-choices assistant-choices">
          <legend className="visually-hidden">{answering ? 'Answers' : 'Suggested questions'}</legend>
          {(answering ? choices : SUGGESTED_PROMPTS).map((choice) => (
            <button
              key={choice}
              type="button"
              className={`button small${choice === 'Yes' ? ' primary' : ''}`}
              onClick={() => (answering ? say(choice) : suggest(choice))}
            >
              {choice}
            </button>
          ))}
        </fieldset>
      )}
      <form
        className="chat-form assistant-form"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          if (text.trim()) say(text.trim());
        }}
      >
        <label htmlFor={`${id}-message`} className="visually-hidden">
          Message to the assistant
        </label>
        <input
          id={`${id}-message`}
          ref={input}
          className="chat-input"
          value={text}
          maxLength={2000}
          autoComplete="off"
          placeholder="Ask, e.g. what's on tomorrow"
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit" className="button primary" disabled={send.isPending || !text.trim()}>
          Send
        </button>
      </form>
    </aside>
  );
}

/** The header's "Assistant" button and the panel it opens. */
export function AssistantToggle() {
  const [open, setOpen] = useState(false);
  // Once opened, the panel stays mounted (hidden when closed), so the conversation is still there.
  const [used, setUsed] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => {
    setOpen(false);
    button.current?.focus();
  }, []);
  return (
    <>
      <button
        ref={button}
        type="button"
        className="button"
        aria-expanded={open}
        aria-controls={used ? 'assistant-panel' : undefined}
        onClick={() => {
          setUsed(true);
          setOpen((o) => !o);
        }}
      >
        Assistant
      </button>
      {used && <AssistantPanel open={open} onClose={close} />}
    </>
  );
}

import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { ApiError, api } from '../../lib/api';
import { EmailFrame } from '../../lib/email-frame';
import { ErrorAlert } from '../../lib/error-alert';
import { formatBytes, formatDateTime } from '../../lib/format';
import { TokenPager, useTokenPages } from '../../lib/token-pager';

export const outboxKeys = {
  all: ['outbox'] as const,
  page: (token: string | undefined) => [...outboxKeys.all, 'page', token ?? 'first'] as const,
  detail: (id: string) => [...outboxKeys.all, 'detail', id] as const,
};

export const outboxPageQuery = (token: string | undefined) =>
  queryOptions({
    queryKey: outboxKeys.page(token),
    queryFn: () => api.outbox.list(token),
    placeholderData: keepPreviousData,
  });

export const outboxEmailQuery = (id: string) =>
  queryOptions({
    queryKey: outboxKeys.detail(id),
    queryFn: () => api.outbox.get(id),
    staleTime: Number.POSITIVE_INFINITY,
  });

/** /outbox: every email the outbox provider kept instead of sending, newest first. */
export function OutboxPage() {
  const pages = useTokenPages();
  const query = useQuery(outboxPageQuery(pages.token));
  const items = query.data?.items ?? [];
  const next = query.data?.continuationToken ?? null;
  return (
    <>
      <div className="page-title">
        <div>
          <h1>Outbox</h1>
          <p className="muted">
            Emails are kept here instead of being sent, exactly as each recipient would get them.
          </p>
        </div>
      </div>
      {query.error && <ErrorAlert error={query.error} />}
      {query.isPending && <p aria-live="polite">Loading the outbox…</p>}
      {query.data && items.length === 0 && (
        <div className="empty-state">
          <p>Nothing here yet. Send yourself a test from a template, or start a campaign.</p>
          <Link to="/templates" className="button">
            Templates
          </Link>
        </div>
      )}
      {items.length > 0 && (
        <div className="table-scroll">
          <table className="data-table card-table">
            <caption className="visually-hidden">Outbox</caption>
            <thead>
              <tr>
                <th scope="col">To</th>
                <th scope="col">Subject</th>
                <th scope="col">When</th>
              </tr>
            </thead>
            <tbody>
              {items.map((email) => (
                <tr key={email.id}>
                  <td data-label="To" className="break">
                    {email.to}
                  </td>
                  <th scope="row" data-label="Subject">
                    <Link to="/outbox/$emailId" params={{ emailId: email.id }}>
                      {email.subject || '(no subject)'}
                    </Link>
                  </th>
                  <td data-label="When" className="nowrap">
                    {formatDateTime(email.sentAt)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <TokenPager pages={pages} next={next} waiting={query.isPlaceholderData} label="Pages" />
    </>
  );
}

/** The web addresses in a List-Unsubscribe header (`<https://…>, <mailto:…>`). */
export const unsubscribeLinks = (header: string | undefined): string[] =>
  [...(header ?? '').matchAll(/<([^>]+)>/g)]
    .map((m) => m[1] ?? '')
    .filter((url) => /^https?:\/\//i.test(url));

const header = (headers: Record<string, string>, name: string): string | undefined =>
  Object.entries(headers).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];

/** /outbox/{id}: the email as its recipient would see it. */
export function OutboxEmailPage({ emailId }: { emailId: string }) {
  const query = useQuery(outboxEmailQuery(emailId));
  const [part, setPart] = useState<'html' | 'text'>('html');
  const back = (
    <p className="back-link">
      <Link to="/outbox">← Outbox</Link>
    </p>
  );
  if (query.isPending) return <p aria-live="polite">Loading email…</p>;
  const email = query.data;
  if (!email) {
    const gone = query.error instanceof ApiError && query.error.status === 404;
    return (
      <>
        {back}
        <h1>{gone ? 'Email not found' : 'Could not load this email'}</h1>
        {gone ? <p>It may have been cleared from the outbox.</p> : <ErrorAlert error={query.error} />}
      </>
    );
  }
  const listUnsubscribe = header(email.headers, 'List-Unsubscribe');
  const links = unsubscribeLinks(listUnsubscribe);
  return (
    <>
      {back}
      <div className="page-title">
        <h1 className="break">{email.subject || '(no subject)'}</h1>
        {email.campaignId && (
          <Link to="/campaigns/$campaignId" params={{ campaignId: email.campaignId }} className="button">
            Open the campaign
          </Link>
        )}
      </div>
      <section className="panel" aria-labelledby="headers-title">
        <h2 id="headers-title" className="visually-hidden">
          Headers
        </h2>
        <dl className="details email-headers">
          <div className="detail">
            <dt>From</dt>
            <dd className="break">{email.from}</dd>
          </div>
          <div className="detail">
            <dt>To</dt>
            <dd className="break">{email.to}</dd>
          </div>
          {email.replyTo && (
            <div className="detail">
              <dt>Reply-To</dt>
              <dd className="break">{email.replyTo}</dd>
            </div>
          )}
          <div className="detail">
            <dt>Subject</dt>
            <dd className="break">{email.subject}</dd>
          </div>
          <div className="detail">
            <dt>Date</dt>
            <dd>{formatDateTime(email.sentAt)}</dd>
          </div>
          <div className="detail">
            <dt>List-Unsubscribe</dt>
            <dd className="break" data-testid="list-unsubscribe">
              {listUnsubscribe ? (
                <>
                  <code>{listUnsubscribe}</code>
                  {links.map((url) => (
                    <span key={url} className="block">
                      <a href={url} target="_blank" rel="noreferrer noopener">
                        Open the unsubscribe page
                      </a>{' '}
                      <span className="muted">(new tab; what the recipient sees)</span>
                    </span>
                  ))}
                </>
              ) : email.campaignId ? (
                <span className="badge warn">missing</span>
              ) : (
                // Meeting invitations and test sends are one-to-one mail: no unsubscribe needed.
                <span className="muted">none (not bulk mail)</span>
              )}
            </dd>
          </div>
        </dl>
      </section>
      <section aria-labelledby="body-title" className="panel">
        <div className="section-bar">
          <h2 id="body-title">Message</h2>
          <fieldset className="segmented">
            <legend className="visually-hidden">Part of the email</legend>
            <button type="button" aria-pressed={part === 'html'} onClick={() => setPart('html')}>
              HTML
            </button>
            <button type="button" aria-pressed={part === 'text'} onClick={() => setPart('text')}>
              Plain text
            </button>
          </fieldset>
        </div>
        {part === 'html' ? (
          <EmailFrame html={email.html} title={`Email to ${email.to}`} />
        ) : (
          <pre className="email-text" data-testid="email-text">
            {email.text}
          </pre>
        )}
      </section>
      {email.attachments.length > 0 && (
        <section aria-labelledby="attachments-title" className="panel">
          <h2 id="attachments-title">Attachments</h2>
          <ul className="plain-list">
            {email.attachments.map((a) => (
              <li key={a.filename}>
                {a.filename}{' '}
                <span className="muted">
                  ({a.contentType}, {formatBytes(a.size)})
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <details className="panel all-headers">
        <summary>All headers</summary>
        <dl className="details">
          {Object.entries(email.headers).map(([key, value]) => (
            <div key={key} className="detail">
              <dt>{key}</dt>
              <dd className="break">{value}</dd>
            </div>
          ))}
        </dl>
      </details>
    </>
  );
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import type {
  Audience,
  CampaignDto,
  CampaignInput,
  StopReason,
} from '../../../../functions/campaigns/schema';
import type { ContactDto, ContactSource, ContactStatus } from '../../../../functions/contacts/schema';
import type { ContactFilter } from '../../lib/api';
import { api } from '../../lib/api';
import { ErrorAlert } from '../../lib/error-alert';
import { formatCount, formatDateTime, plural } from '../../lib/format';
import { useToast } from '../../lib/toast';
import { useDebounced } from '../../lib/use-debounced';
import { displayName, FILTER_SOURCES, SOURCE_LABELS, STATUS_LABELS, STATUSES } from '../contacts/labels';
import { contactsQuery } from '../contacts/queries';
import { PreviewPanel } from '../templates/preview-panel';
import { templatesQuery } from '../templates/queries';
import { describeAudience, STOP_LABELS, STOP_REASONS } from './labels';
import { audienceCountQuery, campaignKeys, sendersQuery } from './queries';
import { SenderDialog } from './sender-dialog';
import { StartError } from './start-error';

const STEPS = ['Audience', 'Template', 'Sender', 'Steps', 'Schedule', 'Review'] as const;
const ALL_STOPS: StopReason[] = [...STOP_REASONS];
export const COUNT_DEBOUNCE_MS = 300;

interface FollowUp {
  key: number;
  templateId: string;
  delayDays: number;
  stopOn: StopReason[];
}

const viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** `2026-12-01T09:30` (a datetime-local value, the viewer's zone) as UTC ISO, or null if unreadable. */
export const localToUtcIso = (value: string): string | null => {
  const date = new Date(value);
  return value && !Number.isNaN(date.getTime()) ? date.toISOString() : null;
};

/** /campaigns/new: audience → template → sender → steps → schedule → review, then Start. */
export function CampaignWizard() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const toast = useToast();
  const [step, setStep] = useState(0);
  const [reached, setReached] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);

  // Audience
  const [mode, setMode] = useState<'filter' | 'ids'>('filter');
  const [filter, setFilter] = useState<ContactFilter>({});
  const [chosen, setChosen] = useState<Map<string, ContactDto>>(new Map());
  const settledFilter = useDebounced(filter, COUNT_DEBOUNCE_MS);
  const cleanFilter: ContactFilter = Object.fromEntries(
    Object.entries(settledFilter)
      .filter(([, v]) => typeof v === 'string' && v.trim() !== '')
      .map(([k, v]) => [k, (v as string).trim()]),
  );
  const audience: Audience | null =
    mode === 'filter' ? { filter: cleanFilter } : chosen.size > 0 ? { ids: [...chosen.keys()] } : null;
  const count = useQuery({ ...audienceCountQuery(audience ?? { ids: [] }), enabled: audience !== null });

  // Template, sender, steps, schedule
  const [templateId, setTemplateId] = useState('');
  const [senderId, setSenderId] = useState('');
  const [followUps, setFollowUps] = useState<FollowUp[]>([]);
  const [when, setWhen] = useState<'now' | 'later'>('now');
  const [startLocal, setStartLocal] = useState('');
  const [name, setName] = useState('');
  const [draft, setDraft] = useState<CampaignDto | null>(null);
  const templates = useQuery(templatesQuery());
  const senders = useQuery(sendersQuery());
  const template = templates.data?.items.find((t) => t.id === templateId);
  const sender = senders.data?.items.find((s) => s.id === senderId);
  const templateName = (id: string) => templates.data?.items.find((t) => t.id === id)?.name ?? 'a template';

  const startAt = when === 'later' ? localToUtcIso(startLocal) : null;
  const input = (): CampaignInput => ({
    name: name.trim() || `${template?.name ?? 'Campaign'} — ${new Date().toLocaleDateString()}`,
    audience: audience ?? { filter: {} },
    senderId,
    startAt,
    steps: [
      { templateId, delayDays: 0, stopOn: ALL_STOPS },
      ...followUps.map((f) => ({ templateId: f.templateId, delayDays: f.delayDays, stopOn: f.stopOn })),
    ],
  });

  const saveDraft = async () => {
    const body = input();
    const saved = draft ? await api.campaigns.update(draft.id, body) : await api.campaigns.create(body);
    setDraft(saved);
    await queryClient.invalidateQueries({ queryKey: campaignKeys.list() });
    return saved;
  };
  const save = useMutation({ mutationFn: saveDraft });
  const start = useMutation({
    mutationFn: async () => {
      const saved = await save.mutateAsync();
      return api.campaigns.start(saved.id);
    },
    onSuccess: async (started) => {
      queryClient.setQueryData(campaignKeys.detail(started.id), started);
      await queryClient.invalidateQueries({ queryKey: campaignKeys.list() });
      toast({
        message: `Campaign “${started.name}” ${started.status === 'scheduled' ? 'scheduled' : 'started'}.`,
      });
      void navigate({ to: '/campaigns/$campaignId', params: { campaignId: started.id } });
    },
  });

  /** Why the current step cannot be left forwards yet, or null. */
  const blocker = (): string | null => {
    switch (step) {
      case 0:
        if (mode === 'ids' && chosen.size === 0) return 'Choose at least one contact.';
        if (count.data && count.data.count === 0) return 'No contacts match: change the filters.';
        return null;
      case 1:
        return templateId ? null : 'Choose a template.';
      case 2:
        return senderId ? null : 'Choose a sender, or add one.';
      case 3:
        return followUps.some((f) => !f.templateId || !(f.delayDays >= 1))
          ? 'Each follow-up needs a template and a wait of at least 1 day.'
          : null;
      case 4:
        if (when === 'now') return null;
        if (!startAt) return 'Pick a date and time.';
        return new Date(startAt).getTime() < Date.now() ? 'Pick a time in the future.' : null;
      default:
        return null;
    }
  };
  const next = () => {
    const why = blocker();
    setProblem(why);
    if (why) return;
    const to = step + 1;
    if (to === STEPS.length - 1 && !name) setName(input().name);
    setStep(to);
    setReached((r) => Math.max(r, to));
  };
  const goTo = (to: number) => {
    setProblem(null);
    setStep(to);
  };

  return (
    <>
      <p className="back-link">
        <Link to="/campaigns">← Campaigns</Link>
      </p>
      <div className="page-title">
        <h1>New campaign</h1>
      </div>
      <ol className="wizard-steps campaign-steps" aria-label="Campaign steps">
        {STEPS.map((label, i) => (
          <li
            key={label}
            aria-current={i === step ? 'step' : undefined}
            className={i < step ? 'done' : undefined}
          >
            {i <= reached && i !== step ? (
              <button type="button" className="link-button" onClick={() => goTo(i)}>
                {label}
              </button>
            ) : (
              label
            )}
          </li>
        ))}
      </ol>
      {/* Not a form: the sender dialog (a form of its own) opens inside a step. */}
      <section className="wizard-form" aria-label={`Step ${step + 1} of ${STEPS.length}: ${STEPS[step]}`}>
        {step === 0 && (
          <section aria-labelledby="audience-title">
            <h2 id="audience-title">Who gets it?</h2>
            <fieldset className="choice">
              <legend className="visually-hidden">Audience</legend>
              <label className="check">
                <input
                  type="radio"
                  name="audience-mode"
                  checked={mode === 'filter'}
                  onChange={() => setMode('filter')}
                />
                Contacts that match filters
              </label>
              <label className="check">
                <input
                  type="radio"
                  name="audience-mode"
                  checked={mode === 'ids'}
                  onChange={() => setMode('ids')}
                />
                The contacts I select
              </label>
            </fieldset>
            {mode === 'filter' ? (
              <AudienceFilters filter={filter} onChange={setFilter} />
            ) : (
              <ContactChooser chosen={chosen} onChange={setChosen} />
            )}
            <AudienceCount query={count} enabled={audience !== null} />
          </section>
        )}
        {step === 1 && (
          <section aria-labelledby="template-title">
            <h2 id="template-title">Which email?</h2>
            {templates.error && <ErrorAlert error={templates.error} />}
            {templates.isPending && <p>Loading templates…</p>}
            <div className="pick-grid">
              <fieldset className="choice pick-column">
                <legend className="visually-hidden">Template</legend>
                {templates.data?.items.map((t) => (
                  <label key={t.id} className="check option">
                    <input
                      type="radio"
                      name="template"
                      checked={templateId === t.id}
                      onChange={() => setTemplateId(t.id)}
                    />
                    <span>
                      <strong>{t.name}</strong>
                      <span className="muted block">{t.subject}</span>
                    </span>
                  </label>
                ))}
                <p>
                  <Link to="/templates/new" target="_blank">
                    Write a new template
                  </Link>{' '}
                  <span className="hint">(opens a new tab; come back and it is listed)</span>
                </p>
              </fieldset>
              <div className="panel">
                <PreviewPanel
                  request={templateId ? { templateId, ...(audience ? { audience } : {}) } : null}
                  emptyHint="Choose a template to preview it."
                />
              </div>
            </div>
          </section>
        )}
        {step === 2 && <SenderStep senderId={senderId} onChange={setSenderId} />}
        {step === 3 && (
          <section aria-labelledby="steps-title">
            <h2 id="steps-title">Steps</h2>
            <ol className="step-list">
              <li className="panel">
                <strong>Step 1:</strong> {templateName(templateId)}, at the start.
              </li>
              {followUps.map((f, i) => (
                <li key={f.key} className="panel follow-up">
                  <fieldset>
                    <legend>Step {i + 2}: follow-up</legend>
                    <div className="follow-up-fields">
                      <div className="field">
                        <label htmlFor={`follow-${f.key}-template`}>Template</label>
                        <select
                          id={`follow-${f.key}-template`}
                          value={f.templateId}
                          onChange={(e) =>
                            setFollowUps((all) =>
                              all.map((x) => (x.key === f.key ? { ...x, templateId: e.target.value } : x)),
                            )
                          }
                        >
                          <option value="">Choose…</option>
                          {templates.data?.items.map((t) => (
                            <option key={t.id} value={t.id}>
                              {t.name}
                            </option>
                          ))}
                        </select>
                      </div>
                      <div className="field">
                        <label htmlFor={`follow-${f.key}-delay`}>After (days)</label>
                        <input
                          id={`follow-${f.key}-delay`}
                          type="number"
                          min={1}
                          max={90}
                          inputMode="numeric"
                          value={Number.isNaN(f.delayDays) ? '' : f.delayDays}
                          onChange={(e) =>
                            setFollowUps((all) =>
                              all.map((x) =>
                                x.key === f.key ? { ...x, delayDays: e.target.valueAsNumber } : x,
                              ),
                            )
                          }
                        />
                      </div>
                    </div>
                    <fieldset className="stop-rules">
                      <legend>Don’t send if, since the step before, the contact…</legend>
                      {STOP_REASONS.map((reason) => (
                        <label key={reason} className="check">
                          <input
                            type="checkbox"
                            checked={f.stopOn.includes(reason)}
                            onChange={(e) =>
                              setFollowUps((all) =>
                                all.map((x) =>
                                  x.key === f.key
                                    ? {
                                        ...x,
                                        stopOn: e.target.checked
                                          ? STOP_REASONS.filter((r) => r === reason || x.stopOn.includes(r))
                                          : x.stopOn.filter((r) => r !== reason),
                                      }
                                    : x,
                                ),
                              )
                            }
                          />
                          {STOP_LABELS[reason]}
                        </label>
                      ))}
                    </fieldset>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => setFollowUps((all) => all.filter((x) => x.key !== f.key))}
                    >
                      Remove step {i + 2}
                    </button>
                  </fieldset>
                </li>
              ))}
            </ol>
            {followUps.length < 9 && (
              <button
                type="button"
                className="button"
                onClick={() =>
                  setFollowUps((all) => [
                    ...all,
                    { key: Date.now() + all.length, templateId: '', delayDays: 3, stopOn: ALL_STOPS },
                  ])
                }
              >
                Add follow-up
              </button>
            )}
          </section>
        )}
        {step === 4 && (
          <section aria-labelledby="schedule-title">
            <h2 id="schedule-title">When?</h2>
            <fieldset className="choice">
              <legend className="visually-hidden">Start</legend>
              <label className="check">
                <input type="radio" name="when" checked={when === 'now'} onChange={() => setWhen('now')} />
                As soon as I press Start
              </label>
              <label className="check">
                <input
                  type="radio"
                  name="when"
                  checked={when === 'later'}
                  onChange={() => setWhen('later')}
                />
                At a date and time
              </label>
            </fieldset>
            {when === 'later' && (
              <div className="field narrow">
                <label htmlFor="campaign-start">Start at ({viewerZone.replace(/_/g, ' ')} time)</label>
                <input
                  id="campaign-start"
                  type="datetime-local"
                  value={startLocal}
                  onChange={(e) => setStartLocal(e.target.value)}
                />
              </div>
            )}
          </section>
        )}
        {step === 5 && (
          <section aria-labelledby="review-title">
            <h2 id="review-title">Review</h2>
            <div className="field narrow">
              <label htmlFor="campaign-name">Campaign name</label>
              <input id="campaign-name" value={name} onChange={(e) => setName(e.target.value)} />
            </div>
            <dl className="details review">
              <div className="detail">
                <dt>Audience</dt>
                <dd>
                  {audience ? describeAudience(audience) : ''}
                  {count.data && ` — ${plural(count.data.count, 'contact', 'contacts')}`}
                </dd>
              </div>
              <div className="detail">
                <dt>Sender</dt>
                <dd>
                  {sender ? `${sender.name} <${sender.email}>` : ''}
                  {sender && !sender.postalAddress && <span className="badge warn">no postal address</span>}
                </dd>
              </div>
              <div className="detail">
                <dt>Steps</dt>
                <dd>
                  <ol className="plain-list">
                    <li>{templateName(templateId)}, at the start</li>
                    {followUps.map((f) => (
                      <li key={f.key}>
                        {templateName(f.templateId)}, {plural(f.delayDays, 'day', 'days')} later
                        {f.stopOn.length > 0
                          ? ` unless they ${f.stopOn.map((r) => STOP_LABELS[r]).join(', ')}`
                          : ''}
                      </li>
                    ))}
                  </ol>
                </dd>
              </div>
              <div className="detail">
                <dt>Start</dt>
                <dd>
                  {startAt
                    ? `${formatDateTime(startAt)} (${viewerZone.replace(/_/g, ' ')} time)`
                    : 'As soon as you press Start'}
                </dd>
              </div>
            </dl>
            {save.error && !start.isPending && !draft && <ErrorAlert error={save.error} />}
            {start.error && draft && (
              <StartError error={start.error} senderId={senderId} onFixed={() => start.reset()} />
            )}
            {start.error && !draft && !save.error && <ErrorAlert error={start.error} />}
          </section>
        )}
        {problem && (
          <p role="alert" className="field-error wizard-problem">
            {problem}
          </p>
        )}
        <div className="wizard-nav">
          {step > 0 && (
            <button type="button" className="button" onClick={() => goTo(step - 1)}>
              Back
            </button>
          )}
          {step < STEPS.length - 1 ? (
            <button type="button" className="button primary" onClick={next}>
              Next: {STEPS[step + 1]}
            </button>
          ) : (
            <>
              <button
                type="button"
                className="button"
                disabled={save.isPending}
                onClick={() => save.mutate()}
              >
                {draft ? 'Save draft' : 'Save as draft'}
              </button>
              <button
                type="button"
                className="button primary"
                disabled={start.isPending}
                onClick={() => start.mutate()}
              >
                {start.isPending ? 'Starting…' : when === 'later' ? 'Schedule campaign' : 'Start campaign'}
              </button>
            </>
          )}
        </div>
        {draft && save.isSuccess && !start.isPending && !start.error && (
          <p className="muted" role="status">
            Saved as a draft.{' '}
            <Link to="/campaigns/$campaignId" params={{ campaignId: draft.id }}>
              Open it
            </Link>{' '}
            any time.
          </p>
        )}
      </section>
    </>
  );
}

function AudienceFilters({
  filter,
  onChange,
}: {
  filter: ContactFilter;
  onChange: (f: ContactFilter) => void;
}) {
  const set = (key: keyof ContactFilter, value: string) => onChange({ ...filter, [key]: value || undefined });
  return (
    <div className="filters">
      <div className="field">
        <label htmlFor="audience-tag">Tag</label>
        <input id="audience-tag" value={filter.tag ?? ''} onChange={(e) => set('tag', e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="audience-status">Status</label>
        <select
          id="audience-status"
          value={filter.status ?? ''}
          onChange={(e) => set('status', e.target.value as ContactStatus)}
        >
          <option value="">Any status</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="audience-source">Source</label>
        <select
          id="audience-source"
          value={filter.source ?? ''}
          onChange={(e) => set('source', e.target.value as ContactSource)}
        >
          <option value="">Any source</option>
          {FILTER_SOURCES.map((s) => (
            <option key={s} value={s}>
              {SOURCE_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      <div className="field grow">
        <label htmlFor="audience-search">Matching</label>
        <input
          id="audience-search"
          type="search"
          placeholder="Name, email, company, title or place"
          value={filter.search ?? ''}
          onChange={(e) => set('search', e.target.value)}
        />
      </div>
    </div>
  );
}

function ContactChooser({
  chosen,
  onChange,
}: {
  chosen: Map<string, ContactDto>;
  onChange: (chosen: Map<string, ContactDto>) => void;
}) {
  const [search, setSearch] = useState('');
  const settled = useDebounced(search.trim(), COUNT_DEBOUNCE_MS);
  const results = useQuery(contactsQuery({ ...(settled ? { search: settled } : {}), limit: 10 }));
  const toggle = (c: ContactDto, on: boolean) => {
    const next = new Map(chosen);
    on ? next.set(c.id, c) : next.delete(c.id);
    onChange(next);
  };
  return (
    <div className="chooser">
      <div className="field">
        <label htmlFor="audience-pick-search">Find contacts</label>
        <input
          id="audience-pick-search"
          type="search"
          placeholder="Name, email or company"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
      </div>
      {results.error && <ErrorAlert error={results.error} />}
      <fieldset className="choice">
        <legend className="visually-hidden">Matching contacts</legend>
        {results.data?.items.map((c) => (
          <label key={c.id} className="check option">
            <input type="checkbox" checked={chosen.has(c.id)} onChange={(e) => toggle(c, e.target.checked)} />
            <span>
              {displayName(c)} <span className="muted">{c.email ?? 'no email'}</span>
            </span>
          </label>
        ))}
        {results.data?.items.length === 0 && <p className="muted">No contacts match.</p>}
      </fieldset>
      {chosen.size > 0 && (
        <p>
          <strong>{plural(chosen.size, 'contact', 'contacts')} chosen:</strong>{' '}
          {[...chosen.values()].map((c) => (
            <span key={c.id} className="badge">
              {displayName(c)}{' '}
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove ${displayName(c)}`}
                onClick={() => toggle(c, false)}
              >
                ×
              </button>
            </span>
          ))}
        </p>
      )}
    </div>
  );
}

function AudienceCount({
  query,
  enabled,
}: {
  query: ReturnType<typeof useQuery<{ count: number; withoutEmail: number; suppressed: number }>>;
  enabled: boolean;
}) {
  if (!enabled) return null;
  return (
    <div className="audience-count" role="status" aria-live="polite" data-testid="audience-count">
      {query.error && <ErrorAlert error={query.error} />}
      {query.isPending && <p>Counting contacts…</p>}
      {query.data && (
        <>
          <p className="count-line">
            <strong>{plural(query.data.count, 'contact', 'contacts')}</strong> match
            {query.isFetching && <span className="muted"> (updating…)</span>}
          </p>
          {(query.data.withoutEmail > 0 || query.data.suppressed > 0) && (
            <p className="muted">
              Skipped when sending: {formatCount(query.data.withoutEmail)} without an email address,{' '}
              {formatCount(query.data.suppressed)} on the suppression list (unsubscribed or bounced).
            </p>
          )}
        </>
      )}
    </div>
  );
}

function SenderStep({ senderId, onChange }: { senderId: string; onChange: (id: string) => void }) {
  const senders = useQuery(sendersQuery());
  const [dialog, setDialog] = useState<'new' | 'address' | null>(null);
  const selected = senders.data?.items.find((s) => s.id === senderId);
  return (
    <section aria-labelledby="sender-title">
      <h2 id="sender-title">From whom?</h2>
      {senders.error && <ErrorAlert error={senders.error} />}
      {senders.isPending && <p>Loading senders…</p>}
      {senders.data?.items.length === 0 && (
        <p>No senders yet: add the mailbox this campaign goes out from.</p>
      )}
      <fieldset className="choice">
        <legend className="visually-hidden">Sender</legend>
        {senders.data?.items.map((s) => (
          <label key={s.id} className="check option">
            <input type="radio" name="sender" checked={senderId === s.id} onChange={() => onChange(s.id)} />
            <span>
              <strong>{s.name}</strong> <span className="muted">&lt;{s.email}&gt;</span>
              <span className="muted block">
                Up to {formatCount(s.dailyCap)} a day
                {s.postalAddress ? '' : ' · '}
                {!s.postalAddress && <span className="badge warn">no postal address</span>}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      {selected && !selected.postalAddress && (
        <div className="notice warn">
          <p>
            {selected.name} has no postal address yet. Every outreach email carries one in its footer, so the
            campaign cannot start without it.{' '}
            <button type="button" className="link-button" onClick={() => setDialog('address')}>
              Add postal address
            </button>
          </p>
        </div>
      )}
      <button type="button" className="button" onClick={() => setDialog('new')}>
        New sender
      </button>
      {dialog === 'new' && <SenderDialog onClose={() => setDialog(null)} onSaved={(s) => onChange(s.id)} />}
      {dialog === 'address' && selected && (
        <SenderDialog sender={selected} focus="postalAddress" onClose={() => setDialog(null)} />
      )}
    </section>
  );
}

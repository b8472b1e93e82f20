import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import type { CounterKind } from '../../../../functions/dashboard/counters';
import type { DashboardDto, RatesDto } from '../../../../functions/dashboard/schema';
import { ErrorAlert } from '../../lib/error-alert';
import { formatCount } from '../../lib/format';
import { campaignsQuery } from '../campaigns/queries';
import { ChartFigure } from './chart-figure';
import { DailyChart, FunnelChart, SendHourChart } from './charts';
import './dashboard.css';
import { formatDay, formatHour, formatRate, KIND_LABELS, WEEKDAY_LABELS } from './labels';
import { PRESETS, type Preset, periodProblem, presetRange } from './period';
import { dashboardQuery } from './queries';

/** Each tile's rate and what it is a share of. */
const TILE_RATES: Partial<Record<CounterKind, { rate: keyof RatesDto; of: string; none: string }>> = {
  delivered: { rate: 'delivered', of: 'of sent', none: 'No emails sent' },
  opened: { rate: 'opened', of: 'of delivered', none: 'None delivered' },
  clicked: { rate: 'clicked', of: 'of delivered', none: 'None delivered' },
  replied: { rate: 'replied', of: 'of sent', none: 'No emails sent' },
  booked: { rate: 'booked', of: 'of sent', none: 'No emails sent' },
  held: { rate: 'held', of: 'of booked', none: 'None booked' },
  won: { rate: 'won', of: 'of held', none: 'No meetings held' },
};

/** "12% of sent", or why there is no rate ("No emails sent"). */
const rateText = (data: DashboardDto, kind: CounterKind): string => {
  const r = TILE_RATES[kind];
  if (!r) return '';
  const rate = data.rates[r.rate];
  return rate === null ? r.none : `${formatRate(rate)} ${r.of}`;
};

/** /dashboard: counts and rates over a period, per campaign, from the daily counters. */
export function DashboardPage() {
  const [preset, setPreset] = useState<Preset>('30');
  const [custom, setCustom] = useState(() => presetRange('30', new Date()));
  const [campaign, setCampaign] = useState('');
  const campaigns = useQuery(campaignsQuery());
  const problem = preset === 'custom' ? periodProblem(custom.from, custom.to) : null;
  const range = useMemo(
    () => (preset === 'custom' ? custom : presetRange(preset, new Date())),
    [preset, custom],
  );
  const query = useQuery({
    ...dashboardQuery({ ...range, campaign: campaign || undefined }),
    enabled: !problem,
  });
  const data = query.data;
  const empty = data && Object.values(data.totals).every((n) => n === 0);
  return (
    <>
      <div className="page-title">
        <div>
          <h1>Dashboard</h1>
          <p className="muted">How your outreach turns into replies, meetings and wins.</p>
        </div>
      </div>
      <div className="filters dash-filters">
        <fieldset className="dash-periods">
          <legend className="visually-hidden">Period</legend>
          {PRESETS.map((p) => (
            <label key={p.value} className={preset === p.value ? 'dash-period selected' : 'dash-period'}>
              <input
                type="radio"
                name="period"
                value={p.value}
                checked={preset === p.value}
                onChange={() => {
                  if (p.value === 'custom' && preset !== 'custom') setCustom(range);
                  setPreset(p.value);
                }}
              />
              {p.label}
            </label>
          ))}
        </fieldset>
        {preset === 'custom' && (
          <>
            <div className="field">
              <label htmlFor="dash-from">From</label>
              <input
                id="dash-from"
                type="date"
                value={custom.from}
                max={custom.to || undefined}
                aria-invalid={problem ? true : undefined}
                onChange={(e) => setCustom((c) => ({ ...c, from: e.target.value }))}
              />
            </div>
            <div className="field">
              <label htmlFor="dash-to">To</label>
              <input
                id="dash-to"
                type="date"
                value={custom.to}
                min={custom.from || undefined}
                aria-invalid={problem ? true : undefined}
                onChange={(e) => setCustom((c) => ({ ...c, to: e.target.value }))}
              />
            </div>
          </>
        )}
        <div className="field">
          <label htmlFor="dash-campaign">Campaign</label>
          <select id="dash-campaign" value={campaign} onChange={(e) => setCampaign(e.target.value)}>
            <option value="">All campaigns</option>
            {campaigns.data?.items.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      {problem && (
        <p role="alert" className="field-error">
          {problem}
        </p>
      )}
      {query.error && <ErrorAlert error={query.error} />}
      {query.isPending && !problem && <p aria-live="polite">Loading your numbers…</p>}
      {data && (
        <div aria-busy={query.isFetching} className={query.isFetching ? 'dash-body refreshing' : 'dash-body'}>
          <p className="dash-summary" aria-live="polite">
            {formatDay(data.from, true)} – {formatDay(data.to, true)}: {formatCount(data.totals.sent)} sent ·{' '}
            {formatCount(data.totals.replied)} replied · {formatCount(data.totals.booked)} booked ·{' '}
            {formatCount(data.totals.won)} won
          </p>
          {empty ? <EmptyDashboard filtered={Boolean(campaign)} /> : <DashboardBody data={data} />}
        </div>
      )}
    </>
  );
}

function EmptyDashboard({ filtered }: { filtered: boolean }) {
  return (
    <div className="empty-state">
      <p>
        {filtered
          ? 'Nothing happened in this campaign in this period.'
          : 'Nothing to count in this period yet.'}{' '}
        Send a campaign or share your booking link to see numbers here.
      </p>
      <div className="dash-empty-actions">
        <Link to="/campaigns/new" className="button primary">
          New campaign
        </Link>
        <Link to="/contacts" className="button">
          Copy a booking link from a contact
        </Link>
      </div>
    </div>
  );
}

function DashboardBody({ data }: { data: DashboardDto }) {
  return (
    <>
      <ul className="dash-tiles" aria-label="Totals">
        {data.funnel.map(({ stage, count }) => {
          const r = TILE_RATES[stage];
          return (
            <li key={stage} className="dash-tile">
              <span className="dash-tile-label">{KIND_LABELS[stage]}</span>
              <span className="dash-tile-value">{formatCount(count)}</span>
              {r && <span className="dash-tile-rate">{rateText(data, stage)}</span>}
            </li>
          );
        })}
      </ul>
      <div className="dash-grid">
        <ChartFigure
          title="Funnel"
          description="From email sent to deal won, in this period."
          chart={<FunnelChart funnel={data.funnel} />}
          table={<FunnelTable data={data} />}
        />
        <ChartFigure
          title="Per day"
          description={`Days in your zone (${data.timeZone}).`}
          chart={<DailyChart series={data.series} />}
          table={<DailyTable data={data} />}
        />
      </div>
      <BestTemplates data={data} />
      <SendTimes data={data} />
    </>
  );
}

function FunnelTable({ data }: { data: DashboardDto }) {
  return (
    <table className="data-table">
      <caption>Funnel</caption>
      <thead>
        <tr>
          <th scope="col">Stage</th>
          <th scope="col">Count</th>
          <th scope="col">Rate</th>
        </tr>
      </thead>
      <tbody>
        {data.funnel.map(({ stage, count }) => {
          return (
            <tr key={stage}>
              <th scope="row">{KIND_LABELS[stage]}</th>
              <td>{formatCount(count)}</td>
              <td>{rateText(data, stage) || '—'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

const DAILY_KINDS: CounterKind[] = [
  'sent',
  'delivered',
  'opened',
  'clicked',
  'replied',
  'booked',
  'held',
  'won',
];

function DailyTable({ data }: { data: DashboardDto }) {
  return (
    <table className="data-table">
      <caption>Per day</caption>
      <thead>
        <tr>
          <th scope="col">Day</th>
          {DAILY_KINDS.map((k) => (
            <th key={k} scope="col">
              {KIND_LABELS[k]}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {data.series.map((d) => (
          <tr key={d.day}>
            <th scope="row">{formatDay(d.day, true)}</th>
            {DAILY_KINDS.map((k) => (
              <td key={k}>{formatCount(d[k])}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function BestTemplates({ data }: { data: DashboardDto }) {
  return (
    <section className="panel dash-section" aria-labelledby="dash-templates">
      <h2 id="dash-templates">Best templates</h2>
      <p className="hint">
        By reply rate, then booking rate. A template is ranked once it has {data.minSample} sends in the
        period.
      </p>
      {data.templates.length === 0 ? (
        <p className="muted">
          No template has {data.minSample} sends in this period yet
          {data.templatesUnranked > 0 ? ` (${data.templatesUnranked} used, with fewer)` : ''}.
        </p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">Best templates</caption>
            <thead>
              <tr>
                <th scope="col">Template</th>
                <th scope="col">Sent</th>
                <th scope="col">Replied</th>
                <th scope="col">Reply rate</th>
                <th scope="col">Booked</th>
                <th scope="col">Booking rate</th>
              </tr>
            </thead>
            <tbody>
              {data.templates.slice(0, 10).map((t) => (
                <tr key={t.templateId}>
                  <th scope="row">
                    <Link to="/templates/$templateId" params={{ templateId: t.templateId }}>
                      {t.name}
                    </Link>
                  </th>
                  <td>{formatCount(t.sent)}</td>
                  <td>{formatCount(t.replied)}</td>
                  <td>{formatRate(t.replyRate)}</td>
                  <td>{formatCount(t.booked)}</td>
                  <td>{formatRate(t.bookRate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function SendTimes({ data }: { data: DashboardDto }) {
  const { byHour, byWeekday, bestHour, bestWeekday } = data.sendTimes;
  const hours = byHour.filter((h) => h.sent > 0);
  const best =
    bestHour === null
      ? `Not enough sends yet: an hour or a weekday is ranked once it has ${data.minSample} sends.`
      : `Most replies per email when sent at ${formatHour(bestHour)}${
          bestWeekday === null ? '' : ` and on ${WEEKDAY_LABELS[bestWeekday - 1]}s`
        } (your zone, ${data.timeZone}).`;
  return (
    <ChartFigure
      title="Best send times"
      description={best}
      chart={
        hours.length ? (
          <SendHourChart byHour={byHour} />
        ) : (
          <p className="muted">No emails sent in this period.</p>
        )
      }
      table={
        <>
          <table className="data-table">
            <caption>Reply rate by the hour emails were sent</caption>
            <thead>
              <tr>
                <th scope="col">Hour</th>
                <th scope="col">Sent</th>
                <th scope="col">Opened</th>
                <th scope="col">Replied</th>
                <th scope="col">Reply rate</th>
              </tr>
            </thead>
            <tbody>
              {hours.length === 0 && (
                <tr>
                  <td colSpan={5}>No emails sent in this period.</td>
                </tr>
              )}
              {hours.map((h) => (
                <tr key={h.hour}>
                  <th scope="row">{formatHour(h.hour)}</th>
                  <td>{formatCount(h.sent)}</td>
                  <td>{formatCount(h.opened)}</td>
                  <td>{formatCount(h.replied)}</td>
                  <td>{formatRate(h.replyRate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table className="data-table">
            <caption>Reply rate by the weekday emails were sent</caption>
            <thead>
              <tr>
                <th scope="col">Weekday</th>
                <th scope="col">Sent</th>
                <th scope="col">Replied</th>
                <th scope="col">Reply rate</th>
              </tr>
            </thead>
            <tbody>
              {byWeekday.map((w) => (
                <tr key={w.weekday}>
                  <th scope="row">{WEEKDAY_LABELS[w.weekday - 1]}</th>
                  <td>{formatCount(w.sent)}</td>
                  <td>{formatCount(w.replied)}</td>
                  <td>{formatRate(w.replyRate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      }
    />
  );
}

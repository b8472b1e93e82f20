import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../lib/api';
import { ErrorAlert } from '../../lib/error-alert';
import { formatBytes, formatDate, formatDateTime } from '../../lib/format';
import { useToast } from '../../lib/toast';
import { ExportBuilder } from './export-builder';
import { reportKeys, reportSettingsQuery, reportsQuery } from './queries';
import { RecentExports } from './recent-exports';

/** /reports: the daily Excel reports, and exports of contacts, leads, meetings and campaign emails. */
export function ReportsPage() {
  return (
    <>
      <div className="page-title">
        <div>
          <h1>Reports</h1>
          <p className="muted">Your daily report each morning, and exports of your data to Excel or CSV.</p>
        </div>
      </div>
      <DailyReports />
      <ExportBuilder />
      <RecentExports />
    </>
  );
}

function DailyReports() {
  const queryClient = useQueryClient();
  const toast = useToast();
  const reports = useQuery(reportsQuery());
  const settings = useQuery(reportSettingsQuery());
  const make = useMutation({
    mutationFn: () => api.reports.make('today'),
    onSuccess: (report) => {
      toast({ message: `Today’s report so far is ready (${report.fileName}).` });
      return queryClient.invalidateQueries({ queryKey: reportKeys.list() });
    },
  });
  const email = useMutation({
    mutationFn: (on: boolean) => api.reports.saveSettings({ emailDailyReport: on }),
    onSuccess: (saved) => queryClient.setQueryData(reportKeys.settings(), saved),
    // The switch shows the choice at once; when saving fails it goes back to what is saved.
    onSettled: () => setChosen(null),
  });
  const [chosen, setChosen] = useState<boolean | null>(null);
  const emailOn = chosen ?? settings.data?.emailDailyReport ?? false;
  const items = reports.data?.items ?? [];
  return (
    <section className="panel" aria-labelledby="daily-reports">
      <h2 id="daily-reports">Daily reports</h2>
      <p className="muted">
        Every morning at 7:00 your time, yesterday’s report is made: new leads, stage changes, meetings
        booked, held and missed, follow-ups due and campaign results, one sheet each.
      </p>
      <div className="actions">
        <button
          type="button"
          className="button primary"
          onClick={() => make.mutate()}
          disabled={make.isPending}
        >
          {make.isPending ? 'Generating…' : 'Generate today’s report now'}
        </button>
        <label className="check">
          <input
            type="checkbox"
            role="switch"
            checked={emailOn}
            disabled={!settings.data}
            aria-checked={emailOn}
            onChange={(e) => {
              setChosen(e.target.checked);
              email.mutate(e.target.checked);
            }}
          />
          Email me the daily report
        </label>
      </div>
      <p className="muted small-print">
        The email goes to the address you send from, with the .xlsx attached, when the morning’s report is
        made.
      </p>
      {make.error && <ErrorAlert error={make.error} />}
      {(email.error || settings.error) && <ErrorAlert error={email.error ?? settings.error} />}
      {reports.error && <ErrorAlert error={reports.error} />}
      {reports.isPending && <p aria-live="polite">Loading reports…</p>}
      {reports.data && items.length === 0 && (
        <div className="empty-state">
          <p>No reports yet. The first one arrives tomorrow morning — or generate today’s now.</p>
        </div>
      )}
      {items.length > 0 && (
        <div className="table-scroll">
          <table className="data-table card-table">
            <caption className="visually-hidden">Daily reports</caption>
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col">Size</th>
                <th scope="col">Made</th>
                <th scope="col">
                  <span className="visually-hidden">Download</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.id}>
                  <th scope="row" data-label="Day">
                    {formatDate(`${r.date}T12:00:00`)}
                  </th>
                  <td data-label="Size">{formatBytes(r.size)}</td>
                  <td data-label="Made" className="nowrap">
                    {formatDateTime(r.createdAt)}
                  </td>
                  <td className="row-actions">
                    <a className="button" href={api.reports.fileUrl(r.date)} download={r.fileName}>
                      Download<span className="visually-hidden"> the report of {r.date}</span>
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

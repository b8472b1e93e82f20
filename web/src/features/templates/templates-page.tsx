import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { ErrorAlert } from '../../lib/error-alert';
import { formatDate, formatDateTime } from '../../lib/format';
import { templatesQuery } from './queries';

/** /templates: every template, most recently edited first. */
export function TemplatesPage() {
  const { data, error, isPending } = useQuery(templatesQuery());
  const items = [...(data?.items ?? [])].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  return (
    <>
      <div className="page-title">
        <h1>Templates</h1>
        <div className="title-actions">
          <Link to="/templates/new" className="button primary">
            New template
          </Link>
        </div>
      </div>
      {error && <ErrorAlert error={error} />}
      {isPending && <p aria-live="polite">Loading templates…</p>}
      {data && items.length === 0 && (
        <div className="empty-state">
          <p>No templates yet. Write the email once, with variables such as {'{{firstName}}'}.</p>
          <Link to="/templates/new" className="button primary">
            New template
          </Link>
        </div>
      )}
      {items.length > 0 && (
        <div className="table-scroll">
          <table className="data-table card-table">
            <caption className="visually-hidden">Templates</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Subject</th>
                <th scope="col">Updated</th>
              </tr>
            </thead>
            <tbody>
              {items.map((template) => (
                <tr key={template.id}>
                  <th scope="row" data-label="Name">
                    <Link to="/templates/$templateId" params={{ templateId: template.id }}>
                      {template.name}
                    </Link>
                  </th>
                  <td data-label="Subject">{template.subject}</td>
                  <td data-label="Updated" className="nowrap" title={formatDateTime(template.updatedAt)}>
                    {formatDate(template.updatedAt)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

import { useQuery } from '@tanstack/react-query';
import { Link, Outlet, useRouterState } from '@tanstack/react-router';
import { principalName } from '../../lib/api';
import { ToastProvider } from '../../lib/toast';
import { AssistantToggle } from '../assistant/assistant-panel';
import { meQuery } from '../auth/queries';
import { SIGN_OUT_URL } from '../auth/sign-in';

export function AppLayout() {
  const { data } = useQuery(meQuery());
  const user = data?.clientPrincipal;
  const name = user ? principalName(user) : '';
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  // Each area owns a path prefix, so "Import" stays marked on /imports/<id> and /imports too.
  const current = (prefix: string) => (pathname.startsWith(prefix) ? ('page' as const) : undefined);
  return (
    <ToastProvider>
      <a className="skip-link" href="#content">
        Skip to content
      </a>
      <header className="app-header">
        <Link to="/contacts" className="brand">
          <img src="/favicon.svg" alt="" width={22} height={22} />
          Momentum Meet
        </Link>
        <nav aria-label="Main">
          <Link to="/contacts" aria-current={current('/contacts')}>
            Contacts
          </Link>
          <Link to="/leads" aria-current={current('/leads')}>
            Pipeline
          </Link>
          <Link to="/meetings" aria-current={current('/meetings')}>
            Meetings
          </Link>
          <Link to="/imports/new" aria-current={current('/imports')}>
            Import
          </Link>
          <Link to="/templates" aria-current={current('/templates')}>
            Templates
          </Link>
          <Link to="/campaigns" aria-current={current('/campaigns')}>
            Campaigns
          </Link>
          <Link to="/outbox" aria-current={current('/outbox')}>
            Outbox
          </Link>
          <Link to="/reports" aria-current={current('/reports')}>
            Reports
          </Link>
          <Link to="/dashboard" aria-current={current('/dashboard')}>
            Dashboard
          </Link>
        </nav>
        <div className="user">
          {user && (
            <span className="user-name" title={user.userDetails}>
              <span className="user-display">{name}</span>
              {name !== user.userDetails && <span className="user-email">{user.userDetails}</span>}
            </span>
          )}
          <AssistantToggle />
          {/* The account's own things sit with the account: its data, its deletion, its audit log. */}
          <Link
            to="/settings/privacy"
            className="user-link"
            aria-current={current('/settings/privacy') ?? current('/audit')}
          >
            Privacy
          </Link>
          <button type="button" className="button" onClick={() => window.location.assign(SIGN_OUT_URL)}>
            Sign out
          </button>
        </div>
      </header>
      <main id="content" className="page">
        <Outlet />
      </main>
    </ToastProvider>
  );
}

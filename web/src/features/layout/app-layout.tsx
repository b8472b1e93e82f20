import { useQuery } from '@tanstack/react-query';
import { Link, Outlet, useRouterState } from '@tanstack/react-router';
import { meQuery } from '../auth/queries';
import { SIGN_OUT_URL } from '../auth/sign-in';

export function AppLayout() {
  const { data } = useQuery(meQuery());
  const user = data?.clientPrincipal;
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  // Each area owns a path prefix, so "Import" stays marked on /imports/<id> and /imports too.
  const current = (prefix: string) => (pathname.startsWith(prefix) ? ('page' as const) : undefined);
  return (
    <>
      <a className="skip-link" href="#content">
        Skip to content
      </a>
      <header className="app-header">
        <Link to="/contacts" className="brand">
          Momentum Meet
        </Link>
        <nav aria-label="Main">
          <Link to="/contacts" aria-current={current('/contacts')}>
            Contacts
          </Link>
          <Link to="/imports/new" aria-current={current('/imports')}>
            Import
          </Link>
        </nav>
        <div className="user">
          {user && <span className="user-name">{user.userDetails}</span>}
          <button type="button" className="button" onClick={() => window.location.assign(SIGN_OUT_URL)}>
            Sign out
          </button>
        </div>
      </header>
      <main id="content" className="page">
        <Outlet />
      </main>
    </>
  );
}

import { Outlet } from '@tanstack/react-router';
import { ToastProvider } from '../../lib/toast';

/** The pages a signed link opens (booking, manage): no sign-in, no app navigation, narrow and calm. */
export function PublicLayout() {
  return (
    <ToastProvider>
      <a className="skip-link" href="#content">
        Skip to content
      </a>
      <header className="public-header">
        <span className="brand">
          <img src="/favicon.svg" alt="" width={22} height={22} />
          Momentum Meet
        </span>
      </header>
      <main id="content" className="page public-page">
        <Outlet />
      </main>
    </ToastProvider>
  );
}

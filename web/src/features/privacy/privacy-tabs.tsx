import { Link } from '@tanstack/react-router';

/** Privacy (the account's data) and the Audit log, side by side. */
export function PrivacyTabs() {
  return (
    <nav className="tabs" aria-label="Privacy">
      <Link to="/settings/privacy" className="tab">
        Your data
      </Link>
      <Link to="/audit" className="tab">
        Audit log
      </Link>
    </nav>
  );
}

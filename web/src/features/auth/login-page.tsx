import { signInUrl } from './sign-in';

// Locally the host's dev sign-in; on Azure, Entra ID first (the local host redirects providers it
// does not know to its dev page, so "Sign in" works against a production build too).
const PROVIDERS = import.meta.env.DEV
  ? [{ id: 'dev', label: 'Sign in' }]
  : [
      { id: 'aad', label: 'Sign in' },
      { id: 'github', label: 'Sign in with GitHub' },
    ];

export function LoginPage() {
  return (
    <main id="content" className="login">
      <h1>Momentum Meet</h1>
      <p className="lead">
        Import your contacts, send personal emails with live, bookable times, and watch replies turn into
        meetings on your calendar.
      </p>
      <div className="sign-in-buttons">
        {PROVIDERS.map((provider, i) => (
          <button
            key={provider.id}
            type="button"
            className={i === 0 ? 'button primary' : 'button'}
            onClick={() => window.location.assign(signInUrl(provider.id))}
          >
            {provider.label}
          </button>
        ))}
      </div>
    </main>
  );
}

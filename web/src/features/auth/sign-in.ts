/** Static Web Apps sign-in and sign-out addresses (the local host emulates the same contract). */
export const signInUrl = (provider: string) =>
  `/.auth/login/${provider}?post_login_redirect_uri=${encodeURIComponent('/contacts')}`;

export const SIGN_OUT_URL = `/.auth/logout?post_logout_redirect_uri=${encodeURIComponent('/')}`;

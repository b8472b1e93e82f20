import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePrincipal } from '../../functions/_shared/auth.js';
import { startTestApp, type TestApp, useEmulators } from './support/app.js';

let app: TestApp;
beforeAll(async () => {
  useEmulators();
  app = await startTestApp();
});
afterAll(() => app.close());

describe('health', () => {
  it('answers liveness without sign-in and without touching a dependency', async () => {
    const res = await app.anonymous.fetch('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('checks each dependency and reports queue backlogs and poison counts with ?deep=1', async () => {
    const res = await app.anonymous.fetch('/api/health?deep=1');
    expect(res.status, await res.clone().text()).toBe(200);
    const body = await res.json();
    expect(body.status).toBe('ok');
    expect(Object.keys(body.checks).sort()).toEqual(['blobs', 'cosmos', 'email', 'queues']);
    expect(body.queues['import-jobs']).toEqual({ waiting: expect.any(Number), poison: expect.any(Number) });
  });
});

describe('Static Web Apps rules from staticwebapp.config.json', () => {
  it('stops a signed-out request to /api/* with 401 before any function runs', async () => {
    const res = await app.anonymous.fetch('/api/contacts');
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
  });

  it('ignores a principal header forged by the browser', async () => {
    const forged = encodePrincipal({
      identityProvider: 'aad',
      userId: 'someone-else',
      userDetails: 'x@y.z',
      userRoles: ['anonymous', 'authenticated'],
    });
    const res = await app.anonymous.fetch('/api/contacts', { headers: { 'x-ms-client-principal': forged } });
    expect(res.status).toBe(401);
  });

  it('honours a route that switches a sign-in provider off', async () => {
    const res = await app.anonymous.fetch('/.auth/login/twitter');
    expect(res.status).toBe(404);
  });

  it('adds the security headers of staticwebapp.config.json to API and page responses', async () => {
    for (const pathname of ['/api/health', '/contacts']) {
      const res = await app.anonymous.fetch(pathname);
      expect(res.headers.get('x-content-type-options'), pathname).toBe('nosniff');
      expect(res.headers.get('x-frame-options'), pathname).toBe('DENY');
      expect(res.headers.get('strict-transport-security'), pathname).toMatch(/^max-age=31536000/);
      expect(res.headers.get('referrer-policy'), pathname).toBe('strict-origin-when-cross-origin');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, pathname).toContain("script-src 'self';");
      expect(csp, pathname).toContain("frame-ancestors 'none'");
    }
  });

  it('lets the public booking page be framed by https sites (the booking widget) and nothing else', async () => {
    const res = await app.anonymous.fetch('/book/some-link');
    expect(res.status).not.toBe(401);
    expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors https:$/);
  });

  it('keeps a POST to the health route behind sign-in (only GET is public)', async () => {
    const res = await app.anonymous.fetch('/api/health', { method: 'POST' });
    expect(res.status).toBe(401);
  });
});

describe('dev sign-in (the Static Web Apps auth contract)', () => {
  it('signs in, shows the user at /.auth/me and signs out', async () => {
    const me0 = await (await app.anonymous.fetch('/.auth/me')).json();
    expect(me0.clientPrincipal).toBeNull();

    const session = await app.signIn('Ada@Example.com', 'Ada Lovelace');
    const me = await (await session.fetch('/.auth/me')).json();
    expect(me.clientPrincipal).toMatchObject({
      identityProvider: 'dev',
      userDetails: 'ada@example.com',
      userRoles: ['anonymous', 'authenticated'],
    });
    expect(me.clientPrincipal.claims).toContainEqual({ typ: 'name', val: 'Ada Lovelace' });
    expect((await session.fetch('/api/contacts')).status).toBe(200);

    const out = await session.fetch('/.auth/logout?post_logout_redirect_uri=/login');
    expect(out.status).toBe(302);
    expect(out.headers.get('location')).toBe('/login');
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/);
  });

  it('gives the same email the same user id on every sign-in', async () => {
    const a = await (await (await app.signIn('same@example.com')).fetch('/.auth/me')).json();
    const b = await (await (await app.signIn('same@example.com')).fetch('/.auth/me')).json();
    expect(a.clientPrincipal.userId).toBe(b.clientPrincipal.userId);
  });

  it('rejects a tampered session cookie', async () => {
    const session = await app.signIn('eve@example.com');
    const [name, value] = session.cookie.split('=');
    const [payload, mac] = value!.split('.');
    const decoded = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    decoded.principal.userId = 'victim';
    const forgedPayload = Buffer.from(JSON.stringify(decoded)).toString('base64url');
    const res = await app.anonymous.fetch('/api/contacts', {
      headers: { cookie: `${name}=${forgedPayload}.${mac}` },
    });
    expect(res.status).toBe(401);
  });

  it('only redirects to same-site paths after sign-in', async () => {
    const res = await fetch(`${app.url}/.auth/login/dev`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: 'a@b.co', name: 'A', post_login_redirect_uri: '//evil.example/x' }),
    });
    expect(res.headers.get('location')).toBe('/');
  });

  it('sends every provider to the dev sign-in locally', async () => {
    const res = await app.anonymous.fetch('/.auth/login/aad?post_login_redirect_uri=/contacts');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/.auth/login/dev?post_login_redirect_uri=/contacts');
  });
});

import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { encodePrincipal, type Principal } from '../functions/_shared/auth.js';

/**
 * The Static Web Apps auth contract, locally: `/.auth/login/<provider>` (a dev sign-in page
 * where you pick a name and email), `/.auth/me`, `/.auth/logout`. The session cookie is signed
 * so the browser cannot forge another user.
 */
const COOKIE = 'StaticWebAppsAuthCookie';
const MAX_AGE_SECONDS = 8 * 60 * 60;

export interface DevSession {
  principal: Principal;
  name: string;
}

export function createDevAuth(secret: Buffer) {
  const sign = (payload: string) => createHmac('sha256', secret).update(payload).digest('base64url');

  function sessionFrom(req: IncomingMessage): DevSession | null {
    const raw = parseCookies(req.headers.cookie)[COOKIE];
    if (!raw) return null;
    const [payload, mac] = raw.split('.');
    if (!payload || !mac) return null;
    const expected = Buffer.from(sign(payload));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    try {
      const session = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as DevSession & {
        exp: number;
      };
      return session.exp > Date.now() ? session : null;
    } catch {
      return null;
    }
  }

  function principalHeader(req: IncomingMessage): string | null {
    const session = sessionFrom(req);
    return session ? encodePrincipal(session.principal) : null;
  }

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const [, , action, provider] = url.pathname.split('/');
    if (action === 'me') {
      const session = sessionFrom(req);
      const clientPrincipal = session
        ? { ...session.principal, claims: [{ typ: 'name', val: session.name }] }
        : null;
      return send(res, 200, { 'content-type': 'application/json' }, JSON.stringify({ clientPrincipal }));
    }
    if (action === 'logout') {
      const target = safeRedirect(url.searchParams.get('post_logout_redirect_uri'));
      return send(res, 302, {
        location: target,
        'set-cookie': `${COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`,
      });
    }
    if (action === 'login' && provider && provider !== 'dev') {
      // Entra ID, GitHub and LinkedIn need the cloud; locally every provider is the dev sign-in.
      const next = new URL('/.auth/login/dev', url);
      next.search = url.search;
      return send(res, 302, { location: next.pathname + next.search });
    }
    if (action === 'login' && req.method === 'GET') {
      const redirect = safeRedirect(url.searchParams.get('post_login_redirect_uri'));
      return send(res, 200, { 'content-type': 'text/html; charset=utf-8' }, signInPage(redirect));
    }
    if (action === 'login' && req.method === 'POST') {
      const form = new URLSearchParams(await readText(req));
      const email = (form.get('email') ?? '').trim().toLowerCase();
      const name = (form.get('name') ?? '').trim();
      const redirect = safeRedirect(form.get('post_login_redirect_uri'));
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || !name) {
        return send(
          res,
          400,
          { 'content-type': 'text/html; charset=utf-8' },
          signInPage(redirect, 'Enter your name and a valid email.'),
        );
      }
      const principal: Principal = {
        identityProvider: 'dev',
        // The same email always signs in as the same user, so local data survives restarts.
        userId: createHash('sha256').update(`dev:${email}`).digest('hex').slice(0, 32),
        userDetails: email,
        userRoles: ['anonymous', 'authenticated'],
      };
      const payload = Buffer.from(
        JSON.stringify({ principal, name, exp: Date.now() + MAX_AGE_SECONDS * 1000 }),
      ).toString('base64url');
      const cookie = `${COOKIE}=${payload}.${sign(payload)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${MAX_AGE_SECONDS}`;
      return send(res, 302, { location: redirect, 'set-cookie': cookie });
    }
    return send(res, 404, { 'content-type': 'text/plain' }, 'Not found');
  }

  return { handle, sessionFrom, principalHeader };
}

/** Only same-site paths: an open redirect after sign-in would help phishing. */
function safeRedirect(value: string | null): string {
  return value?.startsWith('/') && !value.startsWith('//') ? value : '/';
}

function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return out;
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body = ''): void {
  res.writeHead(status, { 'cache-control': 'no-store', ...headers });
  res.end(body);
}

async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) break;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function signInPage(redirect: string, error?: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign in — Momentum Meet (local)</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<style>body{font:16px system-ui,sans-serif;max-width:26rem;margin:4rem auto;padding:0 1rem;color:#1f2937}
label{display:block;margin:.8rem 0 .2rem;font-weight:600}input{width:100%;padding:.5rem;font:inherit;box-sizing:border-box}
button{margin-top:1.2rem;padding:.6rem 1.2rem;font:inherit;background:#4338ca;color:#fff;border:0;border-radius:6px;cursor:pointer}
.err{color:#b91c1c}small{color:#6b7280}</style></head><body>
<h1>Sign in</h1><p><small>Local development sign-in. On Azure this is Microsoft Entra ID, GitHub or LinkedIn.</small></p>
${error ? `<p class="err" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/.auth/login/dev">
<input type="hidden" name="post_login_redirect_uri" value="${escapeHtml(redirect)}">
<label for="name">Name</label><input id="name" name="name" autocomplete="name" required>
<label for="email">Email</label><input id="email" name="email" type="email" autocomplete="email" required>
<button type="submit">Sign in</button></form></body></html>`;
}

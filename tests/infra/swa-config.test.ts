import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFunctions } from '../../dev/host.js';
import { globToRegex, loadSwaConfig } from '../../dev/swa-rules.js';

const root = path.resolve(import.meta.dirname, '../..');
const config = loadSwaConfig(path.join(root, 'staticwebapp.config.json'));
const routes = config.routes ?? [];

function directives(policy: string): Map<string, string> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values.join(' ')]),
  );
}

describe('staticwebapp.config.json', () => {
  it('gives every API route an explicit rule with roles (the /api/* catch-all only denies the unknown)', async () => {
    const http = (await loadFunctions(path.join(root, 'functions'))).filter((r) => r.kind === 'http');
    expect(http.length).toBeGreaterThan(0);
    for (const reg of http) {
      const url = `/api/${reg.options.route.replace(/\{[^}]+\}/g, 'x')}`;
      for (const method of reg.options.methods) {
        const rule = routes.find(
          (r) => globToRegex(r.route).test(url) && (!r.methods || r.methods.includes(method)),
        );
        expect(rule?.route, `${method} ${url}`).not.toBe('/api/*');
        expect(rule?.allowedRoles?.length, `${method} ${url}`).toBeGreaterThan(0);
      }
    }
    expect(routes.find((r) => r.route === '/api/*')?.allowedRoles).toEqual(['authenticated']);
  });

  it('sends a Content-Security-Policy without inline script, HSTS, a referrer policy and no framing', () => {
    const headers = config.globalHeaders ?? {};
    const csp = directives(headers['content-security-policy'] ?? '');
    expect(csp.get('script-src')).toBe("'self'");
    expect(csp.get('default-src')).toBe("'self'");
    expect(csp.get('object-src')).toBe("'none'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(headers['strict-transport-security']).toMatch(/max-age=\d{8,}/);
    expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  });

  it('lets only the public booking page be embedded (the booking widget), over https, with the same script rule', () => {
    const book = routes.find((r) => globToRegex(r.route).test('/book/abc'));
    expect(book?.allowedRoles).toEqual(['anonymous']);
    const csp = directives(book?.headers?.['content-security-policy'] ?? '');
    expect(csp.get('frame-ancestors')).toBe('https:');
    expect(csp.get('script-src')).toBe("'self'");
    const framed = routes.filter((r) =>
      r.headers?.['content-security-policy']?.includes('frame-ancestors https'),
    );
    expect(framed.map((r) => r.route)).toEqual(['/book/*']);
  });
});

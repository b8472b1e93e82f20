import { readFileSync } from 'node:fs';

/** The parts of staticwebapp.config.json that the local emulation enforces. */
export interface SwaRoute {
  route: string;
  allowedRoles?: string[];
  methods?: string[];
  rewrite?: string;
  redirect?: string;
  statusCode?: number;
  headers?: Record<string, string>;
}

export interface SwaConfig {
  routes?: SwaRoute[];
  navigationFallback?: { rewrite: string; exclude?: string[] };
  globalHeaders?: Record<string, string>;
  responseOverrides?: Record<string, { redirect?: string; rewrite?: string; statusCode?: number }>;
}

export function loadSwaConfig(file: string): SwaConfig {
  return JSON.parse(readFileSync(file, 'utf8')) as SwaConfig;
}

/** SWA route patterns: exact paths, `*` wildcards, and `{a,b}` alternatives; case-insensitive. */
export function globToRegex(pattern: string): RegExp {
  let source = '';
  let depth = 0;
  for (const ch of pattern) {
    if (ch === '*') source += '.*';
    else if (ch === '{') {
      depth++;
      source += '(?:';
    } else if (ch === '}' && depth > 0) {
      depth--;
      source += ')';
    } else if (ch === ',' && depth > 0) source += '|';
    else source += ch.replace(/[.+?^$()|[\]\\{}]/g, '\\$&');
  }
  // "/api/*" also matches "/api" itself, as on Azure.
  if (pattern.endsWith('/*')) source = `${source.slice(0, -3)}(?:/.*)?`;
  // A pattern without a leading slash ("*.png") matches at any depth.
  return new RegExp(pattern.startsWith('/') ? `^${source}$` : `^.*${source}$`, 'i');
}

export type RuleDecision =
  | { action: 'continue'; route?: SwaRoute; rewrite?: string; headers: Record<string, string> }
  | { action: 'respond'; status: number; location?: string; reason: string };

/** Applies the first matching route rule, as Static Web Apps does. */
export function applyRouteRules(
  config: SwaConfig,
  method: string,
  pathname: string,
  roles: string[],
): RuleDecision {
  const route = (config.routes ?? []).find(
    (r) =>
      globToRegex(r.route).test(pathname) &&
      (!r.methods || r.methods.map((m) => m.toUpperCase()).includes(method)),
  );
  if (!route) return { action: 'continue', headers: {} };
  if (route.allowedRoles && !route.allowedRoles.some((role) => roles.includes(role))) {
    const signedIn = roles.includes('authenticated');
    const status = signedIn ? 403 : 401;
    const override = config.responseOverrides?.[String(status)];
    if (override?.redirect) {
      return {
        action: 'respond',
        status: override.statusCode ?? 302,
        location: override.redirect,
        reason: 'role',
      };
    }
    return {
      action: 'respond',
      status,
      reason: signedIn ? 'This page needs another role.' : 'Sign in first.',
    };
  }
  if (route.redirect) {
    return {
      action: 'respond',
      status: route.statusCode ?? 302,
      location: route.redirect,
      reason: 'redirect',
    };
  }
  if (route.statusCode && !route.rewrite) {
    return { action: 'respond', status: route.statusCode, reason: 'status' };
  }
  return { action: 'continue', route, rewrite: route.rewrite, headers: route.headers ?? {} };
}

/** Whether a browser navigation to this path should get the SPA's index.html. */
export function usesNavigationFallback(config: SwaConfig, pathname: string): boolean {
  const fallback = config.navigationFallback;
  if (!fallback) return false;
  return !(fallback.exclude ?? []).some((pattern) => globToRegex(pattern).test(pathname));
}

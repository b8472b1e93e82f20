import { z } from 'zod';
import { AppError } from './errors.js';

/** The signed-in user as Static Web Apps describes them in `x-ms-client-principal`. */
export interface Principal {
  /** Stable per user and provider; every owner-scoped document carries it as `ownerId`. */
  userId: string;
  userDetails: string;
  identityProvider: string;
  userRoles: string[];
}

const PrincipalSchema = z.object({
  identityProvider: z.string().min(1),
  userId: z.string().min(1).max(128),
  userDetails: z.string().default(''),
  userRoles: z.array(z.string()).default([]),
});

export const PRINCIPAL_HEADER = 'x-ms-client-principal';

/**
 * Reads the principal Static Web Apps put on the request (base64 JSON). The API trusts nothing
 * else: never a user id from the body or query. Returns null when absent or unreadable.
 */
export function parsePrincipal(headerValue: string | null | undefined): Principal | null {
  if (!headerValue) return null;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(headerValue, 'base64').toString('utf8'));
  } catch {
    return null;
  }
  const parsed = PrincipalSchema.safeParse(decoded);
  if (!parsed.success) return null;
  const p = parsed.data;
  if (!p.userRoles.includes('authenticated')) return null;
  return p;
}

export function requirePrincipal(headerValue: string | null | undefined): Principal {
  const principal = parsePrincipal(headerValue);
  if (!principal) throw new AppError('UNAUTHENTICATED', 'Sign in to continue.');
  return principal;
}

/** Encodes a principal as the header Static Web Apps sends (used by the local host and tests). */
export function encodePrincipal(p: Principal): string {
  return Buffer.from(JSON.stringify(p), 'utf8').toString('base64');
}

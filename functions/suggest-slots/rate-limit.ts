import type { HttpRequest } from '@azure/functions';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { getConfig } from '../_shared/config.js';
import { AppError } from '../_shared/errors.js';
import { param } from '../_shared/http.js';

/**
 * Limits on the public booking endpoints (rate-limiter-flexible): per signed link and per client
 * address, per minute. Counted in each instance's memory — on Azure every instance allows the
 * limit, which bounds abuse without a shared store; the figures are app settings.
 */
let limiters: { link: RateLimiterMemory; client: RateLimiterMemory } | undefined;

function getLimiters() {
  if (!limiters) {
    const config = getConfig();
    limiters = {
      link: new RateLimiterMemory({
        keyPrefix: 'link',
        points: config.BOOKING_RATE_LIMIT_PER_LINK,
        duration: 60,
      }),
      client: new RateLimiterMemory({
        keyPrefix: 'client',
        points: config.BOOKING_RATE_LIMIT_PER_CLIENT,
        duration: 60,
      }),
    };
  }
  return limiters;
}

/** Tests change the limits between runs; production never calls this. */
export function resetRateLimitsForTests(): void {
  limiters = undefined;
}

/** The caller's address as the platform forwards it (the first hop of x-forwarded-for). */
export function clientAddress(req: HttpRequest): string {
  const forwarded = req.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return forwarded?.replace(/:\d+$/, '') || req.headers.get('x-client-ip') || 'unknown';
}

/** Counts one request of this link from this client; RATE_LIMITED (429) with Retry-After when over. */
export async function limitPublicRequest(req: HttpRequest, link: string): Promise<void> {
  const { link: perLink, client: perClient } = getLimiters();
  try {
    await Promise.all([perLink.consume(link), perClient.consume(clientAddress(req))]);
  } catch (err) {
    if (!(err instanceof RateLimiterRes)) throw err;
    const seconds = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
    throw new AppError('RATE_LIMITED', `Too many requests — try again in ${seconds} seconds.`, undefined, {
      retryAfterSeconds: seconds,
    });
  }
}

/** The signed token of a public booking route, once this request is counted against its limits. */
export async function limitedToken(req: HttpRequest): Promise<string> {
  const token = param(req, 'token');
  await limitPublicRequest(req, token);
  return token;
}

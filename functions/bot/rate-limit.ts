import { hash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Container } from '@azure/cosmos';
import { RateLimiterRes, type RateLimiterStoreAbstract as StoreAbstractType } from 'rate-limiter-flexible';
import { getConfig } from '../_shared/config.js';
import { cosmosStatus, getContainer } from '../_shared/cosmos/client.js';
import { AppError } from '../_shared/errors.js';

/**
 * The bot's limits — per conversation and per client address, an hour's and a day's worth
 * (BOT_RATE_LIMIT_PER_HOUR / _PER_DAY) — counted in Cosmos, so every instance of a scaled-out
 * Function App counts against the same figures. rate-limiter-flexible does the limiter logic;
 * this is its store: one small document per key and window (`rate-limits`, expiring with the
 * window), incremented by a patch (`incr`, done by the server) so concurrent instances never lose a
 * count; when the increment finds the window over, one instance starts a new one (If-Match). Cosmos rather than Redis: it is already in the architecture (locally the
 * Cosmos API server), where Azure Cache for Redis would be a new paid resource to run.
 */

interface CounterDoc {
  id: string;
  ownerId: string;
  points: number;
  expiresAt: number;
  ttl: number;
  _etag?: string;
}

interface Counted {
  points: number;
  expiresAt: number;
  first: boolean;
}

const ATTEMPTS = 10;

// The base class every store of the library extends; its types are published but the package's
// index does not export it, so it is loaded from its file (pinned by the lockfile).
const RateLimiterStoreAbstract: typeof StoreAbstractType = createRequire(import.meta.url)(
  'rate-limiter-flexible/lib/RateLimiterStoreAbstract.js',
);

export class RateLimiterCosmos extends RateLimiterStoreAbstract {
  private readonly now: () => number;
  private readonly container: () => Promise<Container>;

  constructor(opts: {
    points: number;
    duration: number;
    keyPrefix: string;
    container?: () => Promise<Container>;
    now?: () => number;
  }) {
    const container = opts.container ?? (() => getContainer('rate-limits'));
    super({
      points: opts.points,
      duration: opts.duration,
      keyPrefix: opts.keyPrefix,
      storeClient: container,
    });
    this.container = container;
    this.now = opts.now ?? Date.now;
  }

  private counters(): Promise<Container> {
    return this.container();
  }

  private static ids(rlKey: string) {
    const id = hash('sha256', rlKey, 'base64url').slice(0, 32);
    return { id, ownerId: `limit:${id}` };
  }

  async _upsert(rlKey: string, points: number, msDuration: number, forceExpire = false): Promise<Counted> {
    const container = await this.counters();
    const { id, ownerId } = RateLimiterCosmos.ids(rlKey);
    const item = container.item(id, ownerId);
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const now = this.now();
      const fresh: CounterDoc = {
        id,
        ownerId,
        points,
        expiresAt: msDuration > 0 ? now + msDuration : Number.MAX_SAFE_INTEGER,
        ttl: msDuration > 0 ? Math.ceil(msDuration / 1000) + 60 : -1,
      };
      try {
        let current: CounterDoc | undefined;
        if (forceExpire) current = (await item.read<CounterDoc>()).resource;
        else {
          // An increment on the server: concurrent instances cannot lose one.
          current = (await item.patch<CounterDoc>([{ op: 'incr', path: '/points', value: points }])).resource;
          if (current && current.expiresAt > now) {
            return { points: current.points, expiresAt: current.expiresAt, first: false };
          }
        }
        // The window is over (or a block starts one): a new window, by one instance only (If-Match).
        if (!current) await container.items.create(fresh);
        else await item.replace(fresh, { accessCondition: { type: 'IfMatch', condition: current._etag! } });
        return { points, expiresAt: fresh.expiresAt, first: true };
      } catch (err) {
        // 404: no counter yet (create it); 409 / 412: another instance got there first — count again.
        const status = cosmosStatus(err);
        if (status === 404 && !forceExpire) {
          try {
            await container.items.create(fresh);
            return { points, expiresAt: fresh.expiresAt, first: true };
          } catch (created) {
            if (cosmosStatus(created) !== 409) throw created;
          }
        } else if (status !== 409 && status !== 412) throw err;
      }
    }
    throw new AppError('UNAVAILABLE', 'Too many messages at once — try again in a moment.');
  }

  async _get(rlKey: string): Promise<Counted | null> {
    const { id, ownerId } = RateLimiterCosmos.ids(rlKey);
    const { resource: doc } = await (await this.counters()).item(id, ownerId).read<CounterDoc>();
    return doc && doc.expiresAt > this.now()
      ? { points: doc.points, expiresAt: doc.expiresAt, first: false }
      : null;
  }

  async _delete(rlKey: string): Promise<boolean> {
    const { id, ownerId } = RateLimiterCosmos.ids(rlKey);
    try {
      await (await this.counters()).item(id, ownerId).delete();
      return true;
    } catch (err) {
      if (cosmosStatus(err) === 404) return false;
      throw err;
    }
  }

  _getRateLimiterRes(_rlKey: string, changedPoints: number, result: Counted): RateLimiterRes {
    const left =
      result.expiresAt === Number.MAX_SAFE_INTEGER ? -1 : Math.max(0, result.expiresAt - this.now());
    return new RateLimiterRes(
      Math.max(0, this.points - result.points),
      left,
      result.points,
      result.first && changedPoints > 0,
    );
  }
}

let limiters: RateLimiterCosmos[] | undefined;

function botLimiters(now?: () => number): RateLimiterCosmos[] {
  if (!limiters) {
    const config = getConfig();
    limiters = [
      new RateLimiterCosmos({
        keyPrefix: 'bot-hour',
        points: config.BOT_RATE_LIMIT_PER_HOUR,
        duration: 3600,
        now,
      }),
      new RateLimiterCosmos({
        keyPrefix: 'bot-day',
        points: config.BOT_RATE_LIMIT_PER_DAY,
        duration: 86_400,
        now,
      }),
    ];
  }
  return limiters;
}

/** Tests change the limits (and the clock) between runs; production never calls this. */
export function resetBotLimitsForTests(now?: () => number): void {
  limiters = undefined;
  if (now) botLimiters(now);
}

/**
 * Counts one activity against its conversation and its client address, each per hour and per
 * day; RATE_LIMITED (429) with Retry-After when any is over.
 */
export async function limitBotActivity(keys: { conversation: string; client: string }): Promise<void> {
  const results = await Promise.allSettled(
    botLimiters().flatMap((limiter) => [
      limiter.consume(`conversation:${keys.conversation}`),
      limiter.consume(`client:${keys.client}`),
    ]),
  );
  const refused = results.flatMap((r) =>
    r.status === 'rejected' && r.reason instanceof RateLimiterRes ? [r.reason] : [],
  );
  const failed = results.find((r) => r.status === 'rejected' && !(r.reason instanceof RateLimiterRes));
  if (failed) throw (failed as PromiseRejectedResult).reason;
  if (refused.length === 0) return;
  const seconds = Math.max(1, Math.ceil(Math.max(...refused.map((r) => r.msBeforeNext)) / 1000));
  throw new AppError('RATE_LIMITED', `Too many messages — try again in ${seconds} seconds.`, undefined, {
    retryAfterSeconds: seconds,
  });
}

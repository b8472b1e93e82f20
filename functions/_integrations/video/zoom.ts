import { AppError } from '../../_shared/errors.js';
import type { VideoMeeting, VideoProvider, VideoProviderFactory, VideoSettings } from './video-provider.js';

/**
 * Zoom through a Server-to-Server OAuth app (ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID, ZOOM_CLIENT_SECRET;
 * scopes to create, list and delete meetings). Meetings are made for the app's user (`users/me`).
 *
 * Deleting needs Zoom's meeting number. `createMeeting` returns it as `providerMeetingId` for the
 * caller to store; a caller that stored only the join URL can still delete by our meeting id: every
 * meeting's agenda carries it (`Momentum meeting <id>`), and the user's upcoming meetings are
 * searched for it. No database of ours, and Zoom's tracking fields are not used because an account
 * admin must define them first.
 */

/** A token is replaced this long before Zoom says it expires (tokens live one hour). */
const TOKEN_MARGIN_MS = 5 * 60_000;
/** 429s retried per call, and the longest Retry-After waited for; beyond, the caller is told. */
const RATE_LIMIT_RETRIES = 2;
const RATE_LIMIT_MAX_WAIT_MS = 10_000;
/** Zoom's caps: topic 200 characters, list page 300 meetings. */
const TOPIC_MAX = 200;
const PAGE_SIZE = 300;

export const agendaMarker = (meetingId: string) => `Momentum meeting ${meetingId}`;

export interface ZoomDeps {
  fetch?: typeof fetch;
  /** Milliseconds since the epoch; injected so token expiry can be tested. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

interface Token {
  value: string;
  expiresAt: number;
}

// Tokens are per app, shared by every provider instance in the process (CONVENTIONS §3): a new
// token per booking would cost a round trip and count against Zoom's token rate limit.
const tokenCache = new Map<string, Promise<Token>>();

/** Tests start each case with no cached token. */
export function clearZoomTokensForTests(): void {
  tokenCache.clear();
}

const isLoopback = (url: URL) => ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);

function baseUrl(name: string, value: string): string {
  const url = new URL(value);
  if (url.protocol !== 'https:' && !isLoopback(url)) throw new Error(`${name} must be an https address`);
  return url.href.replace(/\/+$/, '');
}

/** Zoom's error body is `{ code, message }` on the API and `{ error, reason }` on the OAuth server. */
async function zoomReason(res: Response): Promise<string> {
  const text = await res.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { code?: number; message?: string; reason?: string; error?: string };
    return [body.message ?? body.reason ?? body.error, body.code && `code ${body.code}`]
      .filter(Boolean)
      .join(', ');
  } catch {
    return text.slice(0, 200);
  }
}

/** Retry-After as seconds or as a date; undefined when absent or unreadable. */
function retryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export function createZoomVideoWith(settings: VideoSettings, deps: ZoomDeps = {}): VideoProvider {
  const { ZOOM_ACCOUNT_ID: accountId, ZOOM_CLIENT_ID: clientId, ZOOM_CLIENT_SECRET: secret } = settings;
  if (!accountId || !clientId || !secret)
    throw new Error('Zoom needs ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET');
  const api = `${baseUrl('ZOOM_API_URL', settings.ZOOM_API_URL ?? 'https://api.zoom.us')}/v2`;
  const oauth = baseUrl('ZOOM_OAUTH_URL', settings.ZOOM_OAUTH_URL ?? 'https://zoom.us');
  const doFetch = deps.fetch ?? fetch;
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const cacheKey = `${oauth}\n${accountId}\n${clientId}`;
  // Nothing we show may carry the secret, even if a server echoed it back.
  const clean = (text: string) => text.split(secret).join('***');
  const fail = (what: string, detail: string, next = 'try again in a minute') =>
    new AppError('UNAVAILABLE', clean(`Zoom could not ${what}: ${detail}. Please ${next}.`));

  async function call(url: string, init: RequestInit, what: string): Promise<Response> {
    try {
      return await doFetch(url, init);
    } catch (err) {
      throw fail(what, `Zoom did not answer (${(err as Error).message})`);
    }
  }

  async function requestToken(): Promise<Token> {
    const url = `${oauth}/oauth/token?${new URLSearchParams({ grant_type: 'account_credentials', account_id: accountId! })}`;
    const basic = Buffer.from(`${clientId}:${secret}`).toString('base64');
    const res = await call(url, { method: 'POST', headers: { authorization: `Basic ${basic}` } }, 'sign in');
    if (!res.ok)
      throw fail(
        'sign in',
        `${res.status} ${await zoomReason(res)}`,
        'check ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET against the Zoom app, and that the app is activated',
      );
    const body = (await res.json()) as { access_token: string; expires_in: number };
    return { value: body.access_token, expiresAt: now() + body.expires_in * 1000 };
  }

  /** A live token; `stale` is one Zoom just refused, so a newer one is fetched. */
  async function token(stale?: string): Promise<string> {
    const current = tokenCache.get(cacheKey);
    if (current) {
      const t = await current.catch(() => undefined);
      if (t && t.value !== stale && t.expiresAt - TOKEN_MARGIN_MS > now()) return t.value;
      if (tokenCache.get(cacheKey) !== current) return token(stale); // refreshed meanwhile
    }
    const next = requestToken();
    tokenCache.set(cacheKey, next);
    next.catch(() => tokenCache.get(cacheKey) === next && tokenCache.delete(cacheKey));
    return (await next).value;
  }

  /** One API call: a refused token is replaced once, a 429 waited out a bounded number of times. */
  async function zoom(method: string, path: string, what: string, body?: unknown): Promise<Response> {
    let bearer = await token();
    let renewed = false;
    for (let throttled = 0; ; ) {
      const res = await call(
        `${api}${path}`,
        {
          method,
          headers: {
            authorization: `Bearer ${bearer}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        },
        what,
      );
      if (res.status === 401 && !renewed) {
        await res.body?.cancel();
        renewed = true;
        bearer = await token(bearer);
        continue;
      }
      if (res.status === 429) {
        const wait = retryAfterMs(res.headers.get('retry-after'), now()) ?? 1000 * 2 ** throttled;
        if (throttled < RATE_LIMIT_RETRIES && wait <= RATE_LIMIT_MAX_WAIT_MS) {
          await res.body?.cancel();
          throttled++;
          await sleep(wait);
          continue;
        }
        throw fail(what, `Zoom's rate limit was reached (${await zoomReason(res)})`, 'try again later');
      }
      return res;
    }
  }

  async function findByOurId(meetingId: string): Promise<string | undefined> {
    const marker = agendaMarker(meetingId);
    let pageToken = '';
    do {
      const query = new URLSearchParams({ type: 'upcoming', page_size: String(PAGE_SIZE) });
      if (pageToken) query.set('next_page_token', pageToken);
      const res = await zoom('GET', `/users/me/meetings?${query}`, 'find the meeting');
      if (!res.ok) throw fail('find the meeting', `${res.status} ${await zoomReason(res)}`);
      const page = (await res.json()) as {
        next_page_token?: string;
        meetings?: { id: number; agenda?: string }[];
      };
      const hit = page.meetings?.find((m) => m.agenda?.split('\n').includes(marker));
      if (hit) return String(hit.id);
      pageToken = page.next_page_token ?? '';
    } while (pageToken);
    return undefined;
  }

  return {
    name: 'zoom',
    async createMeeting(request): Promise<VideoMeeting> {
      const minutes = Math.max(1, Math.ceil((Date.parse(request.end) - Date.parse(request.start)) / 60_000));
      const res = await zoom('POST', '/users/me/meetings', 'make the meeting', {
        topic: request.title.slice(0, TOPIC_MAX),
        type: 2, // scheduled
        start_time: new Date(request.start).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        duration: minutes,
        timezone: 'UTC',
        agenda: agendaMarker(request.meetingId),
        settings: {
          // A booked guest often arrives first and the join URL already carries the passcode:
          // let them in up to 5 minutes early rather than leave them in a waiting room the
          // organizer may not watch.
          join_before_host: true,
          jbh_time: 5,
          waiting_room: false,
          // A fresh meeting number per booking, so a cancelled link never opens the personal room.
          use_pmi: false,
          approval_type: 2, // no registration
          audio: 'both',
          host_video: true,
          participant_video: true,
          mute_upon_entry: false,
          // Recording needs the guest's consent; never start it on their behalf.
          auto_recording: 'none',
          // Our own emails invite the guest; Zoom's would duplicate them.
          registrants_email_notification: false,
        },
      });
      if (res.status !== 201 && res.status !== 200)
        throw fail('make the meeting', `${res.status} ${await zoomReason(res)}`);
      const m = (await res.json()) as {
        id: number;
        join_url: string;
        pstn_password?: string;
        settings?: { global_dial_in_numbers?: { number: string; type?: string }[] };
      };
      const numbers = m.settings?.global_dial_in_numbers ?? [];
      const phone = numbers.find((n) => n.type === 'toll') ?? numbers[0];
      return {
        joinUrl: m.join_url,
        provider: 'zoom',
        meetingId: request.meetingId,
        providerMeetingId: String(m.id),
        // Zoom asks a caller for the meeting number, then the numeric passcode (one-tap form).
        dialIn: phone && {
          number: phone.number,
          pin: m.pstn_password ? `${m.id}#,,,,*${m.pstn_password}#` : `${m.id}#`,
        },
      };
    },
    async deleteMeeting(meetingId, providerMeetingId) {
      const id = providerMeetingId ?? (await findByOurId(meetingId));
      if (!id) return; // never made, or already gone
      const query = new URLSearchParams({ schedule_for_reminder: 'false' });
      const res = await zoom('DELETE', `/meetings/${encodeURIComponent(id)}?${query}`, 'delete the meeting');
      if (res.ok || res.status === 404) return void (await res.body?.cancel());
      const reason = await zoomReason(res);
      // 3007: the meeting has ended, so it can no longer be joined; nothing is left to give up.
      if (/\bcode 3007\b/.test(reason)) return;
      throw fail('delete the meeting', `${res.status} ${reason}`);
    },
  };
}

export const createZoomVideo: VideoProviderFactory = (settings) => createZoomVideoWith(settings);

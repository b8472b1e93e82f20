import { randomBytes } from 'node:crypto';
import { base32, ROOM_BYTES } from './jitsi.js';
import type { VideoProvider, VideoProviderFactory } from './video-provider.js';

/**
 * An organizer's own video address, from their connection (`credentials.urlTemplate`): a fixed
 * room (`https://whereby.com/acme` — every meeting shares it, by the organizer's choice) or a
 * template with `{meetingId}` (our meeting id) and/or `{room}` (160 random bits, lower-case
 * base32, so nobody can guess it). Nothing is made or kept with a vendor: deleting is a no-op.
 */

const PLACEHOLDER = /\{([^{}]*)\}/g;
const KNOWN = new Set(['meetingId', 'room']);

/** Checks a template and says what is wrong in words an organizer can act on. */
export function parseUrlTemplate(template: string): { template: string; sharesRooms: boolean } {
  const unknown = [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!).filter((p) => !KNOWN.has(p));
  if (unknown.length)
    throw new Error(
      `The video address may use {meetingId} and {room} only, not ${unknown.map((p) => `{${p}}`).join(', ')}`,
    );
  // Parse with stand-ins so the placeholders can sit anywhere a URL allows text.
  let url: URL;
  try {
    url = new URL(template.replaceAll('{meetingId}', 'm').replaceAll('{room}', 'r'));
  } catch {
    throw new Error('The video address is not a valid URL');
  }
  if (url.protocol !== 'https:') throw new Error('The video address must start with https://');
  if (/[{}]/.test(template.replace(PLACEHOLDER, '')))
    throw new Error('The video address has an unmatched { or }');
  return { template, sharesRooms: !/\{(meetingId|room)\}/.test(template) };
}

export const createCustomVideo: VideoProviderFactory = (_settings, connection): VideoProvider => {
  const raw = connection?.credentials?.urlTemplate?.trim();
  if (!raw) throw new Error('The custom video provider needs a video address (urlTemplate)');
  const { template } = parseUrlTemplate(raw);
  return {
    name: 'custom',
    async createMeeting(request) {
      const room = base32(randomBytes(ROOM_BYTES));
      const joinUrl = template
        .replaceAll('{meetingId}', encodeURIComponent(request.meetingId))
        .replaceAll('{room}', room);
      return { joinUrl, provider: 'custom', meetingId: request.meetingId };
    },
    async deleteMeeting() {
      // The room is the organizer's own; nothing was made for this meeting.
    },
  };
};

import { randomBytes } from 'node:crypto';
import type { VideoProvider, VideoProviderFactory } from './video-provider.js';

/**
 * Jitsi Meet, needing no credentials: a room exists while people are in it, so a meeting is just
 * an address nobody can guess — JITSI_BASE_URL + `/momentum-` + 160 random bits in lower-case
 * base32 (Jitsi folds room names to lower case, so base64 would lose bits). Nothing is kept:
 * a new room each call, deleting is a no-op; the booking flow stores the join URL with the meeting.
 */

/** Random bytes per room name: 160 bits, 32 base32 characters. */
export const ROOM_BYTES = 20;

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** RFC 4648 base32, lower case, no padding. */
export function base32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

export const createJitsiVideo: VideoProviderFactory = (settings): VideoProvider => {
  const base = new URL(settings.JITSI_BASE_URL);
  if (base.protocol !== 'https:') throw new Error('JITSI_BASE_URL must be an https address');
  const prefix = base.href.replace(/\/?$/, '/');
  return {
    name: 'jitsi',
    async createMeeting(request) {
      const room = `momentum-${base32(randomBytes(ROOM_BYTES))}`;
      return { joinUrl: prefix + room, provider: 'jitsi', meetingId: request.meetingId };
    },
    async deleteMeeting() {
      // Jitsi rooms vanish when the last participant leaves: nothing to delete.
    },
  };
};

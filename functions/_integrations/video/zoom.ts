import type { VideoMeeting, VideoProvider, VideoProviderFactory, VideoSettings } from './video-provider.js';
import { createZoomClient, type ZoomDeps, zoomReason } from './zoom-client.js';

/**
 * Zoom through a Server-to-Server OAuth app (ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID, ZOOM_CLIENT_SECRET;
 * scopes to create, list and delete meetings; sign-in, retries and errors in zoom-client.ts).
 * Meetings are made for the app's user (`users/me`).
 *
 * Deleting needs Zoom's meeting number. `createMeeting` returns it as `providerMeetingId` for the
 * caller to store; a caller that stored only the join URL can still delete by our meeting id: every
 * meeting's agenda carries it (`Momentum meeting <id>`), and the user's upcoming meetings are
 * searched for it. No database of ours, and Zoom's tracking fields are not used because an account
 * admin must define them first.
 */

/** Zoom's caps: topic 200 characters, list page 300 meetings. */
const TOPIC_MAX = 200;
const PAGE_SIZE = 300;

export const agendaMarker = (meetingId: string) => `Momentum meeting ${meetingId}`;

export function createZoomVideoWith(settings: VideoSettings, deps: ZoomDeps = {}): VideoProvider {
  const { request: zoom, fail } = createZoomClient(settings, deps);

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

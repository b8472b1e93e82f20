import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VideoMeeting, VideoMeetingRequest, VideoProvider } from './video-provider.js';

/** The one contract every video provider passes (CONVENTIONS §6). */

export interface VideoContractHarness {
  provider: VideoProvider;
  /**
   * The provider gives every meeting the same room by design (a `custom` fixed room such as
   * https://whereby.com/acme): then the suite checks meetings do share that one room, instead of
   * checking that no two share one. Every other provider must give each meeting its own room.
   */
  sharesRooms?: boolean;
  /**
   * For providers that keep rooms: whether the vendor still holds this meeting's room (asked of
   * the vendor or its local stand-in), so deleting is seen to work, not only to resolve.
   */
  roomExists?(meeting: VideoMeeting): Promise<boolean>;
  close?(): Promise<void>;
}

export function sampleMeetingRequest(over: Partial<VideoMeetingRequest> = {}): VideoMeetingRequest {
  return {
    meetingId: `mtg-${randomUUID()}`,
    title: 'Intro call — Ada × Sam',
    start: '2030-01-01T10:00:00.000Z',
    end: '2030-01-01T10:30:00.000Z',
    organizer: { email: 'sam@momentum.example', name: 'Sam Organizer' },
    ...over,
  };
}

export function runVideoContract(name: string, setup: () => Promise<VideoContractHarness>): void {
  describe(`${name} video provider (contract)`, () => {
    let h: VideoContractHarness;
    beforeAll(async () => {
      h = await setup();
    });
    afterAll(async () => {
      await h?.close?.();
    });

    it('gives a meeting an https join URL, naming itself and our meeting id', async () => {
      const request = sampleMeetingRequest();
      const meeting = await h.provider.createMeeting(request);
      expect(new URL(meeting.joinUrl).protocol).toBe('https:');
      expect(meeting).toMatchObject({ provider: h.provider.name, meetingId: request.meetingId });
    });

    it('never gives two meetings the same room, even with the same title and time (unless it shares one room by design)', async () => {
      const meetings = await Promise.all(
        Array.from({ length: 20 }, () => h.provider.createMeeting(sampleMeetingRequest())),
      );
      const rooms = new Set(meetings.map((m) => m.joinUrl)).size;
      expect(rooms).toBe(h.sharesRooms ? 1 : meetings.length);
    });

    it('deletes a meeting by what createMeeting returned, and deleting again (or an unknown one) is safe', async () => {
      const request = sampleMeetingRequest();
      const meeting = await h.provider.createMeeting(request);
      if (meeting.providerMeetingId !== undefined) expect(meeting.providerMeetingId).toMatch(/\S/);
      if (h.roomExists) expect(await h.roomExists(meeting)).toBe(true);
      await expect(
        h.provider.deleteMeeting(request.meetingId, meeting.providerMeetingId),
      ).resolves.toBeUndefined();
      if (h.roomExists) expect(await h.roomExists(meeting)).toBe(false);
      await expect(
        h.provider.deleteMeeting(request.meetingId, meeting.providerMeetingId),
      ).resolves.toBeUndefined();
      await expect(h.provider.deleteMeeting(`never-${randomUUID()}`)).resolves.toBeUndefined();
    });

    it('deletes a meeting by our meeting id alone (a caller that stored only the join URL)', async () => {
      const request = sampleMeetingRequest();
      const other = await h.provider.createMeeting(sampleMeetingRequest());
      const meeting = await h.provider.createMeeting(request);
      await expect(h.provider.deleteMeeting(request.meetingId)).resolves.toBeUndefined();
      if (h.roomExists) {
        expect(await h.roomExists(meeting)).toBe(false);
        expect(await h.roomExists(other)).toBe(true);
      }
      await expect(h.provider.deleteMeeting(request.meetingId)).resolves.toBeUndefined();
    });
  });
}

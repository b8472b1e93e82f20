import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VideoMeetingRequest, VideoProvider } from './video-provider.js';

/** The one contract every video provider passes (CONVENTIONS §6). */

export interface VideoContractHarness {
  provider: VideoProvider;
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

    it('never gives two meetings the same room, even with the same title and time', async () => {
      const meetings = await Promise.all(
        Array.from({ length: 20 }, () => h.provider.createMeeting(sampleMeetingRequest())),
      );
      expect(new Set(meetings.map((m) => m.joinUrl)).size).toBe(meetings.length);
    });

    it('deletes a meeting, and deleting again (or an unknown one) is safe', async () => {
      const request = sampleMeetingRequest();
      await h.provider.createMeeting(request);
      await expect(h.provider.deleteMeeting(request.meetingId)).resolves.toBeUndefined();
      await expect(h.provider.deleteMeeting(request.meetingId)).resolves.toBeUndefined();
      await expect(h.provider.deleteMeeting(`never-${randomUUID()}`)).resolves.toBeUndefined();
    });
  });
}

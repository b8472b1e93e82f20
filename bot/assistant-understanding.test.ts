import { describe, expect, it } from 'vitest';
import { durationIn, readCommand } from './assistant-understanding.js';

const ctx = { zone: 'America/New_York', now: new Date('2026-12-02T15:00:00Z') }; // Wed 10:00

describe("reading the organizer's commands", () => {
  it('lengths as people say them', () => {
    expect(
      ['30 minutes', '45 min', 'an hour', '1.5 hours', 'half an hour', '20-minute'].map(durationIn),
    ).toEqual([30, 45, 60, 90, 30, 20]);
    expect(durationIn('with Jane next week')).toBeUndefined();
  });

  it('find: the person without the time words, the window in the zone', () => {
    expect(readCommand('Find 45 min with Jane Doe on Friday please', ctx)).toEqual({
      kind: 'find',
      who: 'Jane Doe',
      durationMinutes: 45,
      when: { from: '2026-12-04T05:00:00.000Z', to: '2026-12-05T05:00:00.000Z' },
    });
    expect(readCommand('can you book a call with Ada Lovelace?', ctx)).toMatchObject({
      kind: 'find',
      who: 'Ada Lovelace',
    });
  });

  it("what's on: today, tomorrow or a named day, as a local date", () => {
    expect(readCommand("what's on", ctx)).toEqual({ kind: 'agenda', day: '2026-12-02' });
    expect(readCommand("What's on tomorrow?", ctx)).toEqual({ kind: 'agenda', day: '2026-12-03' });
    expect(readCommand('what do i have on monday', ctx)).toEqual({ kind: 'agenda', day: '2026-12-07' });
  });

  it('move: the meeting by time (3pm, 15:30, a bare 3 is the afternoon) or by person, and the target', () => {
    expect(readCommand('move my 3pm to Friday', ctx)).toMatchObject({
      kind: 'move',
      at: { hour: 15, minute: 0 },
      toText: 'Friday',
    });
    expect(readCommand('reschedule the 15:30 to tomorrow at 11', ctx)).toMatchObject({
      kind: 'move',
      at: { hour: 15, minute: 30 },
      to: { at: '2026-12-03T16:00:00.000Z' },
    });
    expect(readCommand('move my 3 to friday', ctx)).toMatchObject({ at: { hour: 15, minute: 0 } });
    expect(readCommand('move my 9am to friday', ctx)).toMatchObject({ at: { hour: 9, minute: 0 } });
    expect(readCommand('move my meeting with Jane to Monday', ctx)).toMatchObject({
      kind: 'move',
      who: 'Jane',
    });
  });

  it('answers and the rest', () => {
    expect(
      ['yes', 'Yes please', 'ok', 'no', 'nope', '2', 'the third one', "who hasn't replied?", 'help', ''].map(
        (t) => readCommand(t, ctx).kind,
      ),
    ).toEqual(['yes', 'yes', 'yes', 'no', 'no', 'pick', 'pick', 'replies', 'help', 'help']);
    expect(readCommand('tell me a joke', ctx)).toEqual({ kind: 'other', text: 'tell me a joke' });
  });
});

import { describe, expect, it } from 'vitest';
import {
  LEAD_STAGES,
  type LeadEvent,
  type LeadEventKind,
  type LeadStage,
  stageName,
  transition,
} from './stages.js';

const T0 = '2026-11-30T09:00:00.000Z';
const LATER = '2026-11-30T10:00:00.000Z';
const EARLIER = '2026-11-30T08:00:00.000Z';

type AutoKind = Exclude<LeadEventKind, 'manual'>;

/** Where each automatic event takes a lead from each stage (undefined: it stays). Every cell is asserted. */
const EXPECTED: Record<LeadStage, Record<AutoKind, LeadStage | undefined>> = {
  new: {
    'email-sent': 'contacted',
    reply: 'replied',
    booking: 'meeting',
    'meeting-passed': undefined,
    'no-show': undefined,
    cancellation: undefined,
  },
  contacted: {
    'email-sent': undefined,
    reply: 'replied',
    booking: 'meeting',
    'meeting-passed': undefined,
    'no-show': undefined,
    cancellation: undefined,
  },
  replied: {
    'email-sent': undefined,
    reply: undefined,
    booking: 'meeting',
    'meeting-passed': undefined,
    'no-show': undefined,
    cancellation: undefined,
  },
  meeting: {
    'email-sent': undefined,
    reply: undefined,
    booking: undefined,
    'meeting-passed': 'met',
    'no-show': 'no-show',
    cancellation: 'replied',
  },
  met: {
    'email-sent': undefined,
    reply: undefined,
    booking: undefined,
    'meeting-passed': undefined,
    'no-show': 'no-show',
    cancellation: undefined,
  },
  'no-show': {
    'email-sent': undefined,
    reply: undefined,
    booking: 'meeting',
    'meeting-passed': undefined,
    'no-show': undefined,
    cancellation: undefined,
  },
  won: {
    'email-sent': undefined,
    reply: undefined,
    booking: undefined,
    'meeting-passed': undefined,
    'no-show': undefined,
    cancellation: undefined,
  },
  lost: {
    'email-sent': undefined,
    reply: undefined,
    booking: undefined,
    'meeting-passed': undefined,
    'no-show': undefined,
    cancellation: undefined,
  },
};
const KINDS = Object.keys(EXPECTED.new) as AutoKind[];

describe('every automatic event in every stage, arriving in order', () => {
  for (const stage of LEAD_STAGES) {
    for (const kind of KINDS) {
      const to = EXPECTED[stage][kind];
      it(`${kind} at "${stage}" ${to ? `moves it to "${to}"` : 'leaves it'}`, () => {
        const result = transition({ stage, since: T0, by: 'event' }, { kind, at: LATER });
        if (to) expect(result).toEqual({ moved: true, from: stage, to, at: LATER, by: 'event' });
        else expect(result).toMatchObject({ moved: false, stage });
      });
    }
  }
});

describe('a stage set by hand', () => {
  for (const stage of LEAD_STAGES) {
    for (const kind of KINDS) {
      it(`at "${stage}" is not overwritten by an older ${kind}`, () => {
        expect(transition({ stage, since: T0, by: 'manual' }, { kind, at: EARLIER })).toMatchObject({
          moved: false,
          stage,
        });
      });
    }
  }

  it('still moves on a newer event: a reply after the owner set "contacted"', () => {
    expect(
      transition({ stage: 'contacted', since: T0, by: 'manual' }, { kind: 'reply', at: LATER }),
    ).toMatchObject({ moved: true, to: 'replied' });
  });

  it('can be any stage, in either direction, and records itself as manual', () => {
    for (const from of LEAD_STAGES) {
      for (const to of LEAD_STAGES) {
        const result = transition(
          { stage: from, since: T0, by: 'event' },
          { kind: 'manual', at: EARLIER, stage: to },
        );
        if (from === to) expect(result.moved).toBe(false);
        else expect(result).toEqual({ moved: true, from, to, at: EARLIER, by: 'manual' });
      }
    }
  });
});

describe('events out of order', () => {
  const play = (start: LeadStage, events: LeadEvent[]) => {
    let position = {
      stage: start,
      since: undefined as string | undefined,
      by: 'event' as 'event' | 'manual',
    };
    for (const e of events) {
      const t = transition(position, e);
      if (t.moved) position = { stage: t.to, since: t.at, by: t.by };
    }
    return position.stage;
  };

  it('a send reported after the reply leaves the lead at replied', () => {
    expect(
      play('new', [
        { kind: 'reply', at: LATER },
        { kind: 'email-sent', at: EARLIER },
      ]),
    ).toBe('replied');
  });

  it('a reply that arrives late still counts when the lead had only been contacted', () => {
    expect(
      play('new', [
        { kind: 'email-sent', at: LATER },
        { kind: 'reply', at: EARLIER },
      ]),
    ).toBe('replied');
  });

  it('a cancellation older than the booking it arrives after does not undo that booking', () => {
    expect(
      play('replied', [
        { kind: 'booking', at: LATER },
        { kind: 'cancellation', at: EARLIER },
      ]),
    ).toBe('meeting');
  });

  it('the meeting ending after a no-show was marked keeps the no-show', () => {
    expect(
      play('meeting', [
        { kind: 'no-show', at: T0 },
        { kind: 'meeting-passed', at: LATER },
      ]),
    ).toBe('no-show');
  });

  it('a no-show marked after the meeting was counted as met turns it into a no-show', () => {
    expect(
      play('meeting', [
        { kind: 'meeting-passed', at: T0 },
        { kind: 'no-show', at: LATER },
      ]),
    ).toBe('no-show');
  });

  it('an old booking replayed after a no-show does not hide the no-show; a new booking does', () => {
    expect(
      play('meeting', [
        { kind: 'no-show', at: T0 },
        { kind: 'booking', at: EARLIER },
      ]),
    ).toBe('no-show');
    expect(
      play('meeting', [
        { kind: 'no-show', at: T0 },
        { kind: 'booking', at: LATER },
      ]),
    ).toBe('meeting');
  });

  it('a lead from before the pipeline (no time on its stage) moves on the first event', () => {
    expect(transition({ stage: 'meeting' }, { kind: 'cancellation', at: EARLIER })).toMatchObject({
      moved: true,
      to: 'replied',
    });
  });
});

describe('stage names', () => {
  it('are the owner’s where they named them, the defaults elsewhere', () => {
    expect(stageName('meeting')).toBe('Meeting booked');
    expect(stageName('meeting', { meeting: 'Demo set' })).toBe('Demo set');
    expect(stageName('won', { meeting: 'Demo set', won: '  ' })).toBe('Won');
  });
});

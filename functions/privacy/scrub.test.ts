import { describe, expect, it } from 'vitest';
import { ERASED, identifierTexts, matcher, mentions, refersTo, scrub } from './scrub.js';

const ada = {
  email: 'Ada@Analytical.example',
  firstName: 'Ada',
  lastName: 'Lovelace',
  phone: '+447700900123',
};
const texts = identifierTexts(ada);
const pattern = matcher(texts);
const who = { ids: new Set(['c-ada', 'm-1']), texts };

describe('what identifies a contact', () => {
  it('is their email, full name and phone — not a first name others share', () => {
    expect(texts).toEqual(['ada@analytical.example', 'ada lovelace', '+447700900123', '447700900123']);
    expect(mentions({ note: 'Call ADA LOVELACE tomorrow' }, pattern)).toBe(true);
    expect(mentions({ note: 'Ada from the other company' }, pattern)).toBe(false);
  });
});

describe('scrubbing a document that is not about them', () => {
  it('replaces their details in any text and drops entries that refer to them', () => {
    const ledger = {
      id: 'day-1',
      ownerId: 'o',
      entries: [
        { meetingId: 'm-1', start: '10:00' },
        { meetingId: 'm-2', start: '11:00' },
      ],
      preview: [['Ada', 'Lovelace', 'ada@analytical.example', '+44 7700 900123']],
      ids: ['c-ada', 'c-grace'],
    };
    const out = scrub(ledger, who, pattern);
    expect(out.entries).toEqual([{ meetingId: 'm-2', start: '11:00' }]);
    expect(out.preview[0]).toEqual(['Ada', 'Lovelace', ERASED, ERASED]);
    expect(out.ids).toEqual(['c-grace']);
    expect(out.id).toBe('day-1');
  });

  it('returns the same object when nothing names them, so nothing is rewritten', () => {
    const doc = { id: 'x', ownerId: 'o', note: 'Grace Hopper', list: [{ contactId: 'c-grace' }] };
    expect(scrub(doc, who, pattern)).toBe(doc);
    expect(refersTo({ contact: { id: 'c-ada' } }, who.ids)).toBe(true);
  });
});

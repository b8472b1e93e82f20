import { describe, expect, it } from 'vitest';
import { contactIdFor, contactKey } from './identity.js';
import { mergeContact } from './merge.js';
import type { ContactDraft } from './model.js';

const draft = (fields: Partial<ContactDraft>): ContactDraft => ({
  tags: [],
  flags: [],
  source: 'csv',
  ...fields,
});

describe('mergeContact', () => {
  it('fills empty fields, keeps existing values and unites tags ignoring case', () => {
    const existing = draft({ email: 'jane@x.io', firstName: 'Jane', company: 'Acme', tags: ['VIP'] });
    const incoming = draft({
      email: 'jane@x.io',
      firstName: 'Janet',
      title: 'CEO',
      phone: '+4930123456',
      tags: ['vip', 'Berlin'],
    });
    const { merged, changed } = mergeContact(existing, incoming);
    expect(changed).toBe(true);
    expect(merged).toMatchObject({
      firstName: 'Jane',
      company: 'Acme',
      title: 'CEO',
      phone: '+4930123456',
      tags: ['VIP', 'Berlin'],
    });
  });

  it('reports no change when the incoming row adds nothing, so nothing is rewritten', () => {
    const existing = draft({ email: 'jane@x.io', firstName: 'Jane', tags: ['VIP'] });
    expect(mergeContact(existing, draft({ email: 'jane@x.io', firstName: 'J', tags: ['vip'] })).changed).toBe(
      false,
    );
  });

  it('drops the no-email flag once a later row supplies the email', () => {
    const existing = draft({
      firstName: 'Jane',
      linkedinUrl: 'https://www.linkedin.com/in/jane',
      flags: ['no-email'],
    });
    const { merged, changed } = mergeContact(existing, draft({ email: 'jane@x.io' }));
    expect(changed).toBe(true);
    expect(merged.flags).toEqual([]);
  });

  it('flags a phone kept as typed, and clears the flag when the stored number was international', () => {
    const typed = mergeContact(
      draft({ email: 'jane@x.io' }),
      draft({ email: 'jane@x.io', phone: '030 1234567' }),
    );
    expect(typed.merged.flags).toEqual(['phone-unverified']);
    const known = mergeContact(
      draft({ email: 'jane@x.io', phone: '+49301234567' }),
      draft({ email: 'jane@x.io', phone: '030 1234567', flags: ['phone-unverified'] }),
    );
    expect(known.merged).toMatchObject({ phone: '+49301234567', flags: [] });
  });

  it("keeps the stored document's own fields (id, status, etag) untouched", () => {
    const stored = { ...draft({ email: 'a@b.co' }), id: 'abc', status: 'won', _etag: '"1"' };
    const { merged } = mergeContact(stored, draft({ email: 'a@b.co', city: 'Lyon' }));
    expect(merged).toMatchObject({ id: 'abc', status: 'won', _etag: '"1"', city: 'Lyon' });
  });
});

describe('contactKey and contactIdFor', () => {
  it('prefers email, then LinkedIn profile, then name + company', () => {
    expect(contactKey({ email: ' Jane@X.io', linkedinUrl: 'https://linkedin.com/in/jane' })).toBe(
      'e:jane@x.io',
    );
    expect(contactKey({ linkedinUrl: 'https://de.linkedin.com/in/Jane/', firstName: 'Jane' })).toBe(
      'l:linkedin.com/in/jane',
    );
    expect(contactKey({ firstName: 'José', lastName: 'Núñez', company: 'ACME GmbH' })).toBe(
      'n:jose nunez|acme',
    );
    expect(contactKey({ company: 'Acme' })).toBeNull();
  });

  it('gives a stable 32-character id Cosmos accepts', () => {
    const id = contactIdFor('e:jane@x.io');
    expect(id).toBe(contactIdFor('e:jane@x.io'));
    expect(id).toHaveLength(32);
    expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(contactIdFor('e:john@x.io')).not.toBe(id);
  });
});

import { describe, expect, it } from 'vitest';
import type { ColumnMapping } from './schema.js';
import { type DraftOptions, toDraft } from './validate.js';

const opts: DraftOptions = { source: 'csv' };
const mapping: ColumnMapping = [
  'fullName',
  'email',
  'company',
  'phone',
  'country',
  'linkedinUrl',
  'tags',
  'notes',
  'timeZone',
];
const row = (values: Partial<Record<string, string>>): string[] =>
  ['fullName', 'email', 'company', 'phone', 'country', 'linkedinUrl', 'tags', 'notes', 'timeZone'].map(
    (f) => values[f] ?? '',
  );
const draftOf = (values: Partial<Record<string, string>>, options: DraftOptions = opts) => {
  const result = toDraft(row(values), mapping, 7, options);
  if (!result.ok) throw new Error(`rejected: ${result.reason}`);
  return result;
};

describe('email', () => {
  it('trims and lowercases, and keys the contact by it', () => {
    const { draft, key } = draftOf({ email: '  Jane.Doe@Example.COM ', fullName: 'Jane Doe' });
    expect(draft.email).toBe('jane.doe@example.com');
    expect(key).toBe('e:jane.doe@example.com');
  });

  it('accepts "Name <address>" and mailto:, and keeps extra addresses in the notes', () => {
    expect(draftOf({ email: 'Jane Doe <JANE@x.io>' }).draft.email).toBe('jane@x.io');
    expect(draftOf({ email: 'mailto:jane@x.io' }).draft.email).toBe('jane@x.io');
    const both = draftOf({ email: 'jane@x.io; jd@home.org' }).draft;
    expect(both.email).toBe('jane@x.io');
    expect(both.notes).toBe('Other emails: jd@home.org');
  });

  it.each(['jane@', 'jane.example.com', 'jane@@x.io', 'jane doe@x.io', 'jane@x'])(
    'rejects "%s" with a reason and the row',
    (email) => {
      const result = toDraft(row({ email, fullName: 'Jane Doe' }), mapping, 7, opts);
      expect(result).toEqual({ ok: false, row: 7, reason: `Email "${email}" is not a valid address` });
    },
  );
});

describe('phone', () => {
  it('writes E.164 using the country column', () => {
    expect(draftOf({ fullName: 'A B', phone: '030 1234567', country: 'Deutschland' }).draft.phone).toBe(
      '+49301234567',
    );
    expect(draftOf({ fullName: 'A B', phone: '06 12 34 56 78', country: 'FR' }).draft.phone).toBe(
      '+33612345678',
    );
  });

  it('writes E.164 from international numbers without a country', () => {
    expect(draftOf({ fullName: 'A B', phone: '+1 (415) 555-0132' }).draft.phone).toBe('+14155550132');
    expect(draftOf({ fullName: 'A B', phone: '+44 (0)20 7946 0018' }).draft.phone).toBe('+442079460018');
  });

  it('uses the country at the end of a location, then the import default', () => {
    const located: ColumnMapping = ['fullName', 'phone', 'location'];
    const result = toDraft(['A B', '(415) 555-0132', 'San Francisco, United States'], located, 2, opts);
    expect(result.ok && result.draft.phone).toBe('+14155550132');
    expect(
      draftOf({ fullName: 'A B', phone: '0151 23456789' }, { ...opts, defaultCountry: 'de' }).draft.phone,
    ).toBe('+4915123456789');
  });

  it('reads the same number again per country (repeated numbers are remembered by country and text)', () => {
    const phoneIn = (country: string) =>
      draftOf({ fullName: 'A B', phone: '030 1234567', country }).draft.phone;
    expect([phoneIn('DE'), phoneIn('FR'), phoneIn('DE')]).toEqual([
      '+49301234567',
      '+33301234567',
      '+49301234567',
    ]);
    expect(draftOf({ fullName: 'A B', phone: '030 1234567' }).draft.phone).toBe('030 1234567');
  });

  it('keeps a number it cannot place as typed, rather than losing it', () => {
    expect(draftOf({ fullName: 'A B', phone: ' 555  0132 ext. 4 ' }).draft.phone).toBe('555 0132 ext. 4');
  });
});

describe('phone numbers without a country column', () => {
  const columns: ColumnMapping = ['fullName', 'email', 'phone', 'city', 'location', 'country'];
  const phoneOf = (
    values: { email?: string; phone: string; city?: string; location?: string; country?: string },
    options: DraftOptions = opts,
  ) => {
    const cells = [
      'A B',
      values.email ?? '',
      values.phone,
      values.city ?? '',
      values.location ?? '',
      values.country ?? '',
    ];
    const result = toDraft(cells, columns, 2, options);
    if (!result.ok) throw new Error(`rejected: ${result.reason}`);
    return { phone: result.draft.phone, flags: result.draft.flags };
  };

  it('dials a national number in the country of the city or location', () => {
    expect(phoneOf({ phone: '08-123 456 78', city: 'Stockholm' }).phone).toBe('+46812345678');
    expect(phoneOf({ phone: '030 1234567', city: 'Berlin' }).phone).toBe('+49301234567');
    expect(phoneOf({ phone: '030 1234567', location: 'Greater Berlin Area' }).phone).toBe('+49301234567');
    expect(phoneOf({ phone: '08-123 456 78', location: 'Stockholm, Sweden' }).phone).toBe('+46812345678');
  });

  it("dials it in the country of the email's country-code domain", () => {
    expect(phoneOf({ email: 'anna@firma.se', phone: '08-123 456 78' }).phone).toBe('+46812345678');
    expect(phoneOf({ email: 'max@beispiel.de', phone: '030 1234567' }).phone).toBe('+49301234567');
    expect(phoneOf({ email: 'jo@example.co.uk', phone: '020 7946 0018' }).phone).toBe('+442079460018');
  });

  it('takes no country from .com, .io or .co addresses', () => {
    for (const email of ['max@beispiel.com', 'max@startup.io', 'max@firma.co'])
      expect(phoneOf({ email, phone: '030 1234567' })).toEqual({
        phone: '030 1234567',
        flags: ['phone-unverified'],
      });
  });

  it('prefers the country column, then location or city, then the email, then the default', () => {
    const number = '030 1234567';
    expect(phoneOf({ phone: number, country: 'France', city: 'Berlin', email: 'a@b.se' }).phone).toBe(
      '+33301234567',
    );
    expect(phoneOf({ phone: number, city: 'Berlin', email: 'a@b.fr' }).phone).toBe('+49301234567');
    expect(phoneOf({ phone: number, email: 'a@b.de' }, { ...opts, defaultCountry: 'FR' }).phone).toBe(
      '+49301234567',
    );
    expect(phoneOf({ phone: number, email: 'a@b.com' }, { ...opts, defaultCountry: 'DE' }).phone).toBe(
      '+49301234567',
    );
  });

  it('keeps a number it still cannot place as typed, flagged "phone-unverified"', () => {
    expect(phoneOf({ email: 'a@b.com', phone: '030 1234567', city: 'Springfield' })).toEqual({
      phone: '030 1234567',
      flags: ['phone-unverified'],
    });
    expect(phoneOf({ email: 'a@b.com', phone: '+999 1234 5678' }).flags).toEqual(['phone-unverified']);
    expect(phoneOf({ email: 'a@b.com', phone: '08-123 456 78', city: 'Stockholm' }).flags).toEqual([]);
  });
});

describe('names', () => {
  it('splits a full name, "Last, First" included', () => {
    expect(draftOf({ fullName: 'Jane van der Berg' }).draft).toMatchObject({
      firstName: 'Jane',
      lastName: 'van der Berg',
    });
    expect(draftOf({ fullName: 'Doe,  Jane' }).draft).toMatchObject({ firstName: 'Jane', lastName: 'Doe' });
  });

  it('derives a name from a first.last email, but not from a role or a single word', () => {
    expect(draftOf({ email: 'jane.doe@acme.com' }).draft).toMatchObject({
      firstName: 'Jane',
      lastName: 'Doe',
    });
    expect(draftOf({ email: 'jean-luc_picard42@fleet.org' }).draft).toMatchObject({
      firstName: 'Jean-Luc',
      lastName: 'Picard',
    });
    expect(draftOf({ email: 'info.sales@acme.com' }).draft.firstName).toBeUndefined();
    expect(draftOf({ email: 'jdoe@acme.com' }).draft.firstName).toBeUndefined();
  });
});

describe('contacts without an email', () => {
  it('keeps a row with a name and flags it "no-email", keyed by LinkedIn profile', () => {
    const { draft, key } = draftOf({ fullName: 'Jane Doe', linkedinUrl: 'linkedin.com/in/Jane-Doe/?trk=x' });
    expect(draft.flags).toEqual(['no-email']);
    expect(draft.linkedinUrl).toBe('https://www.linkedin.com/in/Jane-Doe');
    expect(key).toBe('l:linkedin.com/in/jane-doe');
  });

  it('keys a row with only a name by name and company', () => {
    expect(draftOf({ fullName: 'Jane Doe', company: 'Acme, Inc.' }).key).toBe('n:jane doe|acme');
  });

  it('rejects a row with no email, name or LinkedIn URL', () => {
    const result = toDraft(row({ company: 'Acme', phone: '+4930123456' }), mapping, 9, opts);
    expect(result).toEqual({ ok: false, row: 9, reason: 'Needs an email, a name or a LinkedIn URL' });
  });
});

describe('other fields', () => {
  it('splits tags, adds the import tags, and dedupes ignoring case', () => {
    const { draft } = draftOf(
      { fullName: 'A B', tags: 'VIP; berlin, vip|2024' },
      { ...opts, tags: ['Fair 2024', 'Berlin'] },
    );
    expect(draft.tags).toEqual(['VIP', 'berlin', '2024', 'Fair 2024']);
  });

  it('canonicalises a time zone and keeps an unknown one in the notes', () => {
    expect(draftOf({ fullName: 'A B', timeZone: 'europe/berlin' }).draft.timeZone).toBe('Europe/Berlin');
    const unknown = draftOf({ fullName: 'A B', timeZone: 'CET-ish' }).draft;
    expect(unknown.timeZone).toBeUndefined();
    expect(unknown.notes).toBe('Time zone: CET-ish');
  });

  it('refuses a value longer than the contact field allows, naming the field', () => {
    const result = toDraft(row({ fullName: 'A B', company: 'x'.repeat(201) }), mapping, 3, opts);
    expect(result).toEqual({ ok: false, row: 3, reason: 'Company is longer than 200 characters' });
  });

  it('keeps formula-looking cells as plain text', () => {
    const cells = ['=HYPERLINK("http://evil","x")', '+SUM(A1)', 'a@b.co'];
    const result = toDraft(cells, ['firstName', 'company', 'email'], 2, opts);
    expect(result.ok && result.draft).toMatchObject({ firstName: cells[0], company: '+SUM(A1)' });
  });
});

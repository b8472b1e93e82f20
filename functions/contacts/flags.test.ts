import { describe, expect, it } from 'vitest';
import { contactFlags } from './flags.js';

describe('contactFlags', () => {
  it('flags a contact with no email to write to', () => {
    expect(contactFlags({ phone: '+49301234567' })).toEqual(['no-email']);
  });

  it('flags a phone number that is not in international form, however it was written', () => {
    expect(contactFlags({ email: 'a@b.de', phone: '030 1234567' })).toEqual(['phone-unverified']);
    expect(contactFlags({ email: 'a@b.de', phone: '+999 1234 5678' })).toEqual(['phone-unverified']);
    expect(contactFlags({ email: 'a@b.de', phone: '+99912345678' })).toEqual(['phone-unverified']);
  });

  it('trusts E.164 numbers, with or without an extension, and no number at all', () => {
    expect(contactFlags({ email: 'a@b.de', phone: '+49301234567' })).toEqual([]);
    expect(contactFlags({ email: 'a@b.de', phone: '+12025550100;ext=12' })).toEqual([]);
    expect(contactFlags({ email: 'a@b.de' })).toEqual([]);
  });
});

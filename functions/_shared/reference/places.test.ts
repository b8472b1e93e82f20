import { describe, expect, it } from 'vitest';
import { countryCode, countryOfEmail } from './countries.js';
import { placeOf } from './places.js';

describe('placeOf', () => {
  it('gives zone and country of a city, state or country named in a location', () => {
    expect(placeOf('Stockholm')).toEqual({ zone: 'Europe/Stockholm', country: 'SE' });
    expect(placeOf('Greater Toronto Area')).toEqual({ zone: 'America/New_York', country: 'CA' });
    expect(placeOf('München, Deutschland')).toEqual({ zone: 'Europe/Berlin', country: 'DE' });
    expect(placeOf('Cambridge, MA')).toEqual({ zone: 'America/New_York', country: 'US' });
  });

  it('lets a state outrank a city of the same name elsewhere', () => {
    expect(placeOf('Paris, Texas')).toEqual({ zone: 'America/Chicago', country: 'US' });
    expect(placeOf('London, Ontario')).toEqual({ zone: 'America/New_York', country: 'CA' });
  });

  it('knows nothing of unknown places or countries spanning several zones', () => {
    expect(placeOf('Remote')).toBeUndefined();
    expect(placeOf('United States')).toBeUndefined();
  });
});

describe('countryCode', () => {
  it('reads country names in several languages, ISO codes and common aliases', () => {
    expect(countryCode('Deutschland')).toBe('DE');
    expect(countryCode('Suède')).toBe('SE');
    expect(countryCode('DEU')).toBe('DE');
    expect(countryCode('U.K.')).toBe('GB');
    expect(countryCode('se')).toBe('SE');
    expect(countryCode('Berlin, Germany')).toBe('DE');
  });

  it('reads the place table country names too, so both lists agree', () => {
    expect(countryCode('Hong Kong')).toBe('HK');
    expect(countryCode('Czech Republic')).toBe('CZ');
    expect(countryCode('Nowhere')).toBeUndefined();
  });
});

describe('countryOfEmail', () => {
  it('reads the country of a country-code domain, .uk as GB', () => {
    expect(countryOfEmail('anna@firma.se')).toBe('SE');
    expect(countryOfEmail('max@beispiel.DE')).toBe('DE');
    expect(countryOfEmail('jo@example.co.uk')).toBe('GB');
  });

  it('ignores generic domains and country codes sold as generic names', () => {
    for (const email of ['a@b.com', 'a@b.io', 'a@b.co', 'a@b.tv', 'a@b.eu', 'a@b.ai', 'not-an-email.se'])
      expect(countryOfEmail(email)).toBeUndefined();
    expect(countryOfEmail(undefined)).toBeUndefined();
  });
});

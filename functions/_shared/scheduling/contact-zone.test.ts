import { describe, expect, it } from 'vitest';
import { inferTimeZone, resolveContactZone } from './contact-zone.js';

describe('inferTimeZone', () => {
  it.each([
    ['Greater Seattle Area', 'America/Los_Angeles'],
    ['San Francisco Bay Area', 'America/Los_Angeles'],
    ['Berlin, Germany', 'Europe/Berlin'],
    ['Bengaluru, Karnataka, India', 'Asia/Kolkata'],
    ['São Paulo, Brazil', 'America/Sao_Paulo'],
    ['Zürich', 'Europe/Zurich'],
    ['London, Ontario, Canada', 'America/New_York'],
    ['Paris, Texas', 'America/Chicago'],
    ['Cambridge, MA', 'America/New_York'],
    ['Washington DC-Baltimore Area', 'America/New_York'],
    ['Seattle, Washington', 'America/Los_Angeles'],
    ['Perth, Scotland, United Kingdom', 'Europe/London'],
    ['Victoria, British Columbia', 'America/Los_Angeles'],
    ['New Zealand', 'Pacific/Auckland'],
  ])('%s → %s', (location, zone) => {
    expect(inferTimeZone(location)).toBe(zone);
  });

  it('does not guess for countries that span zones, or for unknown places', () => {
    expect(inferTimeZone('United States')).toBeUndefined();
    expect(inferTimeZone('Canada')).toBeUndefined();
    expect(inferTimeZone('Remote')).toBeUndefined();
  });
});

describe('resolveContactZone', () => {
  it('prefers an explicit zone, then the location, then the organizer zone', () => {
    expect(resolveContactZone({ timeZone: 'Asia/Tokyo', location: 'Berlin' }, 'UTC')).toEqual({
      zone: 'Asia/Tokyo',
      source: 'explicit',
    });
    expect(resolveContactZone({ timeZone: 'Not/AZone', location: 'Berlin' }, 'UTC')).toEqual({
      zone: 'Europe/Berlin',
      source: 'location',
    });
    expect(resolveContactZone({ location: 'Somewhere' }, 'Europe/Dublin')).toEqual({
      zone: 'Europe/Dublin',
      source: 'organizer',
    });
  });
});

import { describe, expect, it } from 'vitest';
import { sampleNotification } from './contract.test-support.js';
import { fitSms, measureSms, toE164 } from './sms.js';

describe('toE164', () => {
  it('puts what people type into E.164, in the default country when there is no +', () => {
    expect(toE164('+44 7911 123456')).toBe('+447911123456');
    expect(toE164('07911 123457', 'GB')).toBe('+447911123457');
    expect(toE164('(415) 555-2671', 'US')).toBe('+14155552671');
  });

  it('refuses what cannot receive a text: too short, no country, an extension, empty', () => {
    expect(toE164('12', 'GB')).toBeUndefined();
    expect(toE164('07911 123457')).toBeUndefined();
    expect(toE164('+44 20 7946 0000 ext. 12')).toBeUndefined();
    expect(toE164('  ')).toBeUndefined();
  });
});

describe('fitSms', () => {
  const n = sampleNotification({ name: 'Ada', phone: '+447911123456' });

  it('fits a confirmation into one GSM-7 segment: dashes become "-", the last fact and link go', () => {
    const sms = fitSms(n);
    expect(sms).toMatchObject({ segments: 1, encoding: 'GSM-7' });
    expect(sms.body).toBe(
      [
        'Your Intro call with Hana Host is booked.',
        'When: Tue 10 Mar 2026, 14:00-14:30 (London time)',
        `Join: https://meet.jit.si/momentum-${n.id}`,
      ].join('\n'),
    );
  });

  it('keeps every line when they fit', () => {
    const short = fitSms({
      text: '',
      details: { headline: 'Booked.', facts: [{ label: 'When', value: 'Tue 14:00' }], links: [] },
    });
    expect(short.body).toBe('Booked.\nWhen: Tue 14:00');
  });

  it('counts an emoji or a non-Latin name as UCS-2, where one segment holds 70 characters', () => {
    expect(measureSms('a'.repeat(160))).toMatchObject({ segments: 1, encoding: 'GSM-7' });
    expect(measureSms('a'.repeat(161)).segments).toBe(2);
    const withEmoji = measureSms(`${'a'.repeat(69)}🙂`);
    expect(withEmoji).toMatchObject({ encoding: 'UCS-2', segments: 2 });
    const fitted = fitSms({
      text: '',
      details: {
        headline: 'Встреча с Анной подтверждена.',
        facts: [
          { label: 'When', value: 'Tue 10 Mar, 14:00' },
          { label: 'With', value: 'Анна' },
        ],
        links: [{ label: 'Join', url: 'https://meet.jit.si/x' }],
      },
    });
    expect(fitted.encoding).toBe('UCS-2');
    expect(fitted.body).not.toContain('Анна\n');
    expect(fitted.body).toContain('https://meet.jit.si/x');
  });

  it('never drops the time or the main link, even when they alone need two segments', () => {
    const long = fitSms({
      text: '',
      details: {
        headline: 'Your meeting is booked.',
        facts: [{ label: 'When', value: 'Tue 10 Mar 2026, 14:00-14:30 (London time)' }],
        links: [{ label: 'Join', url: `https://meet.example/${'x'.repeat(120)}` }],
      },
    });
    expect(long.segments).toBe(2);
    expect(long.body).toContain('14:00');
    expect(long.body).toContain('x'.repeat(120));
  });

  it('without details keeps the first and last lines of the text and drops middle ones to fit', () => {
    const sms = fitSms({ text: n.text, details: undefined });
    expect(sms.segments).toBe(1);
    expect(sms.body.split('\n')[0]).toBe('Your Intro call with Hana Host is booked.');
    expect(sms.body).toContain(`https://momentum.example/m/${n.id}`);
    expect(sms.body).not.toContain('With: Hana Host');
  });
});

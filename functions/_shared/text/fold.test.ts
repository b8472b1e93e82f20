import { describe, expect, it } from 'vitest';
import { fold, foldAccents, foldWords } from './fold.js';

describe('fold', () => {
  it('compares names however they were typed: accents, case, punctuation, spacing', () => {
    expect(fold('  Müller-Lüdenscheidt, GmbH ')).toBe('muller ludenscheidt gmbh');
    expect(fold('MULLER  ludenscheidt gmbh')).toBe('muller ludenscheidt gmbh');
    expect(fold('Ｂｅｒｌｉｎ')).toBe('berlin');
    expect(fold('São Paulo')).toBe('sao paulo');
  });

  it('keeps letters of every script, and is empty for nothing', () => {
    expect(fold('東京 / Tokyo')).toBe('東京 tokyo');
    expect(fold(undefined)).toBe('');
    expect(fold(' -- ')).toBe('');
  });

  it('splits into the two steps callers combine with their own rules', () => {
    expect(foldAccents('Téléphone (Mobile)')).toBe('telephone (mobile)');
    expect(foldWords('e-mail_adresse')).toBe('e mail adresse');
  });
});

import { describe, expect, it } from 'vitest';
import { compareRoutePrecedence, compileRoute } from './route-template.js';

describe('compileRoute', () => {
  it('matches literal routes and pulls out parameters', () => {
    const match = compileRoute('contacts/{id}');
    expect(match('/contacts/abc-1')).toEqual({ id: 'abc-1' });
    expect(match('/contacts')).toBeNull();
    expect(match('/contacts/a/b')).toBeNull();
  });

  it('decodes encoded parameter values', () => {
    expect(compileRoute('contacts/{id}')('/contacts/a%20b')).toEqual({ id: 'a b' });
  });

  it('supports optional, catch-all and int-constrained segments', () => {
    expect(compileRoute('imports/{id?}')('/imports')).toEqual({});
    expect(compileRoute('imports/{id?}')('/imports/7')).toEqual({ id: '7' });
    expect(compileRoute('files/{*path}')('/files/a/b.csv')).toEqual({ path: 'a/b.csv' });
    expect(compileRoute('n/{n:int}')('/n/12')).toEqual({ n: '12' });
    expect(compileRoute('n/{n:int}')('/n/x')).toBeNull();
  });

  it('escapes literal characters instead of treating them as patterns', () => {
    expect(compileRoute('imports/{id}/rejected.csv')('/imports/1/rejectedXcsv')).toBeNull();
    expect(compileRoute('imports/{id}/rejected.csv')('/imports/1/rejected.csv')).toEqual({ id: '1' });
  });

  it('puts literal segments before parameters, as the Functions host routes them', () => {
    const routes = [
      'contacts/{id}',
      'files/{*path}',
      'contacts/trash',
      'n/{n:int}',
      'contacts/{id}/restore',
      'n/{x}',
    ];
    const sorted = [...routes].sort(compareRoutePrecedence);
    expect(sorted.indexOf('contacts/trash')).toBeLessThan(sorted.indexOf('contacts/{id}'));
    expect(sorted.indexOf('n/{n:int}')).toBeLessThan(sorted.indexOf('n/{x}'));
  });
});

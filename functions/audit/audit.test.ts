import { describe, expect, it } from 'vitest';
import { safeDetail } from './audit.js';

describe('what an audit entry keeps', () => {
  it('drops secrets and message contents whatever the caller passes, and cuts long text', () => {
    const kept = safeDetail({
      connectionId: 'conn-1',
      authToken: 'tok-123',
      password: 'hunter2',
      apiKey: 'k',
      html: '<p>Hi Ada</p>',
      body: 'Hi Ada',
      subject: 'Coffee?',
      rows: 12,
      ok: true,
      nested: { secret: 'x' },
      long: 'x'.repeat(500),
    });
    expect(kept).toEqual({ connectionId: 'conn-1', rows: 12, ok: true, long: 'x'.repeat(200) });
  });
});

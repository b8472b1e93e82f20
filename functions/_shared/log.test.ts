import { describe, expect, it } from 'vitest';
import { createLogger, hashOwner, scrub } from './log.js';

function capture() {
  const lines: string[] = [];
  const ctx = {
    invocationId: 'inv-1',
    traceContext: { traceParent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' },
    log: (line: unknown) => lines.push(String(line)),
    warn: (line: unknown) => lines.push(String(line)),
    error: (line: unknown) => lines.push(String(line)),
  };
  return { ctx, lines };
}

describe('structured logs', () => {
  it('write one JSON object a line with invocation id, operation id and the hashed owner', () => {
    const { ctx, lines } = capture();
    createLogger(ctx, 'owner-123', 'json').info('import.chunk', { rows: 500, queue: 'import-jobs' });
    expect(JSON.parse(lines[0]!)).toEqual({
      level: 'info',
      event: 'import.chunk',
      invocationId: 'inv-1',
      operationId: '4bf92f3577b34da6a3ce929d0e0e4736',
      owner: hashOwner('owner-123'),
      rows: 500,
      queue: 'import-jobs',
    });
    expect(lines[0]).not.toContain('owner-123');
  });

  it('write readable lines by default', () => {
    const { ctx, lines } = capture();
    createLogger(ctx, undefined, 'text').warn('queue.backlog', { queue: 'import-jobs', waiting: 12 });
    expect(lines[0]).toBe(
      'queue.backlog queue=import-jobs waiting=12 invocationId=inv-1 operationId=4bf92f3577b34da6a3ce929d0e0e4736',
    );
  });

  it('never write emails, tokens or message bodies, whatever field they arrive in', () => {
    const { ctx, lines } = capture();
    const log = createLogger(ctx, 'o', 'json');
    log.error('send.failed', {
      email: 'ada@example.com',
      accessToken: 'ya29.a0AfH6SMB',
      body: 'Hi Ada, here are three times…',
      displayName: 'Ada Lovelace',
      detail: 'rejected by mx for ada@example.com with Bearer eyJhbGciOi.x.y',
    });
    const line = lines[0]!;
    for (const secret of ['ada@example.com', 'ya29', 'Hi Ada', 'Lovelace', 'eyJhbGciOi']) {
      expect(line).not.toContain(secret);
    }
    expect(JSON.parse(line).detail).toBe('rejected by mx for [email] with Bearer [redacted]');
  });

  it('keep ordinary fields that merely end in a familiar word', () => {
    expect(scrub({ queueName: 'import-jobs', rows: 3 })).toEqual({ queueName: 'import-jobs', rows: 3 });
  });
});

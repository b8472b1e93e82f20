import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readQueueSettings } from './start-host.js';

describe('readQueueSettings', () => {
  it("reads the project's host.json, so local retries match Azure's", () => {
    expect(readQueueSettings(path.resolve(import.meta.dirname, '..'))).toEqual({
      maxDequeueCount: 5,
      batchSize: 4,
    });
  });

  it('takes what host.json sets and the host defaults for the rest', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'host-json-'));
    writeFileSync(
      path.join(root, 'host.json'),
      JSON.stringify({ extensions: { queues: { maxDequeueCount: 2 } } }),
    );
    expect(readQueueSettings(root)).toEqual({ maxDequeueCount: 2, batchSize: 4 });
    writeFileSync(path.join(root, 'host.json'), JSON.stringify({ version: '2.0' }));
    expect(readQueueSettings(root)).toEqual({ maxDequeueCount: 5, batchSize: 4 });
  });
});

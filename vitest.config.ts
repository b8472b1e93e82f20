import { defineConfig } from 'vitest/config';

// Two projects: fast unit tests beside the code, and integration tests that run against real
// emulators (Cosmos API server + Azurite) started once by the global setup.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'functions/**/*.test.ts',
            'bot/**/*.test.ts',
            'dev/**/*.test.ts',
            'tests/infra/**/*.test.ts',
          ],
          environment: 'node',
        },
      },
      {
        extends: './web/vitest.config.ts',
        test: { name: 'web', root: './web' },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/integration/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One emulator pair is shared; files run one after another to keep timings honest.
          fileParallelism: false,
        },
      },
    ],
  },
});

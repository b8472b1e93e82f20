import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Config } from './config.js';
import { countMetric, resetTelemetryForTests, startTelemetry, withSpan } from './telemetry.js';

const config = { COSMOS_DATABASE: 'm', LOG_FORMAT: 'text' } as Config;
afterEach(() => resetTelemetryForTests());

describe('telemetry', () => {
  it('loads nothing without an Application Insights connection string', async () => {
    const load = vi.fn();
    expect(await startTelemetry(config, load)).toBe(false);
    expect(load).not.toHaveBeenCalled();
    // Metrics and spans are no-ops then, and never fail the caller.
    countMetric('importRows', 10);
    expect(await withSpan('work', {}, async () => 42)).toBe(42);
  });

  it('starts the Azure Monitor exporter once, with the managed identity', async () => {
    const useAzureMonitor = vi.fn();
    const load = vi.fn(async () => ({ useAzureMonitor }));
    const withInsights = {
      ...config,
      APPLICATIONINSIGHTS_CONNECTION_STRING: 'InstrumentationKey=00000000-0000-0000-0000-000000000000',
      AZURE_CLIENT_ID: '00000000-0000-0000-0000-000000000001',
    } as Config;
    expect(await startTelemetry(withInsights, load)).toBe(true);
    expect(await startTelemetry(withInsights, load)).toBe(true);
    expect(load).toHaveBeenCalledTimes(1);
    const options = useAzureMonitor.mock.calls[0]![0];
    expect(options.azureMonitorExporterOptions.connectionString).toBe(
      withInsights.APPLICATIONINSIGHTS_CONNECTION_STRING,
    );
    expect(options.azureMonitorExporterOptions.credential).toBeDefined();
  });

  it('passes errors through a span unchanged', async () => {
    await expect(
      withSpan('provider.call', { provider: 'local' }, async () => {
        throw new Error('calendar unreachable');
      }),
    ).rejects.toThrow('calendar unreachable');
  });
});

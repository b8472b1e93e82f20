import {
  type Attributes,
  type Counter,
  context,
  type Gauge,
  metrics,
  propagation,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import { type Config, getConfig } from './config.js';
import { getAzureCredential } from './identity.js';
import { TRACE_FIELD, type TraceCarrier } from './queue.js';

/**
 * Custom metrics, by the names Application Insights shows (customMetrics) and the alerts in
 * infra/modules/alerts.bicep query. Counters add up; gauges report the latest value.
 */
export const METRICS = {
  emailsSent: { name: 'momentum.emails.sent', kind: 'counter', unit: '{email}' },
  emailsBounced: { name: 'momentum.emails.bounced', kind: 'counter', unit: '{email}' },
  bookings: { name: 'momentum.bookings', kind: 'counter', unit: '{booking}' },
  importRows: { name: 'momentum.import.rows', kind: 'counter', unit: '{row}' },
  providerErrors: { name: 'momentum.provider.errors', kind: 'counter', unit: '{error}' },
  queueBacklog: { name: 'momentum.queue.backlog', kind: 'gauge', unit: '{message}' },
  queuePoison: { name: 'momentum.queue.poison', kind: 'gauge', unit: '{message}' },
} as const;
type CounterName = {
  [K in keyof typeof METRICS]: (typeof METRICS)[K]['kind'] extends 'counter' ? K : never;
}[keyof typeof METRICS];
type GaugeName = Exclude<keyof typeof METRICS, CounterName>;

const SCOPE = 'momentum-meet';
let started: Promise<boolean> | undefined;
let counters = new Map<string, Counter>();
let gauges = new Map<string, Gauge>();

type AzureMonitorModule = Pick<typeof import('@azure/monitor-opentelemetry'), 'useAzureMonitor'>;

/**
 * Starts OpenTelemetry with the Azure Monitor exporter, once per process, when an Application
 * Insights connection string is configured; without one nothing is loaded and every metric and
 * span below is a no-op. The exporter authenticates with the managed identity (local auth is off
 * on Azure).
 */
export function startTelemetry(
  config: Config | undefined = readConfig(),
  load: () => Promise<AzureMonitorModule> = () => import('@azure/monitor-opentelemetry'),
): Promise<boolean> {
  const connectionString = config?.APPLICATIONINSIGHTS_CONNECTION_STRING;
  if (!connectionString) return Promise.resolve(false);
  started ??= load().then(({ useAzureMonitor }) => {
    useAzureMonitor({
      azureMonitorExporterOptions: {
        connectionString,
        ...(config?.AZURE_CLIENT_ID ? { credential: getAzureCredential(config.AZURE_CLIENT_ID) } : {}),
      },
      instrumentationOptions: { azureSdk: { enabled: true }, http: { enabled: true } },
    });
    // Instruments made before the SDK existed are no-ops; make them again.
    counters = new Map();
    gauges = new Map();
    return true;
  });
  return started;
}

/** Settings if they are valid; if not, the first request reports them, so telemetry just stays off. */
function readConfig(): Config | undefined {
  try {
    return getConfig();
  } catch {
    return undefined;
  }
}

/** Adds to a counter, e.g. `countMetric('importRows', 500, { outcome: 'imported' })`. */
export function countMetric(metric: CounterName, value = 1, attributes?: Attributes): void {
  const { name, unit } = METRICS[metric];
  let counter = counters.get(name);
  if (!counter) {
    counter = metrics.getMeter(SCOPE).createCounter(name, { unit });
    counters.set(name, counter);
  }
  counter.add(value, attributes);
}

/** Records the current value of a gauge, e.g. messages waiting in a queue. */
export function recordGauge(metric: GaugeName, value: number, attributes?: Attributes): void {
  const { name, unit } = METRICS[metric];
  let gauge = gauges.get(name);
  if (!gauge) {
    gauge = metrics.getMeter(SCOPE).createGauge(name, { unit });
    gauges.set(name, gauge);
  }
  gauge.record(value, attributes);
}

/**
 * Runs `work` in a span (a provider call, a chunk of an import). Errors mark the span and are
 * rethrown; attributes must never carry emails, tokens or message bodies.
 */
export async function withSpan<T>(name: string, attributes: Attributes, work: () => Promise<T>): Promise<T> {
  return trace.getTracer(SCOPE).startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await work();
    } catch (err) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
      throw err;
    } finally {
      span.end();
    }
  });
}

/** The message with the active trace context in `_trace` (nothing added when there is none). */
export function withTraceContext<T>(message: T): T {
  const carrier: TraceCarrier = {};
  propagation.inject(context.active(), carrier);
  return Object.keys(carrier).length && message && typeof message === 'object'
    ? { ...message, [TRACE_FIELD]: carrier }
    : message;
}

/**
 * Runs a queue handler as a span in the trace its message was sent from, so the worker's work
 * (and its provider calls) join the request that queued it.
 */
export function inMessageTrace<T>(queue: string, message: unknown, work: () => Promise<T>): Promise<T> {
  const carrier = (message as Record<string, unknown> | null)?.[TRACE_FIELD];
  const parent = propagation.extract(context.active(), carrier && typeof carrier === 'object' ? carrier : {});
  return context.with(parent, () =>
    withSpan(`queue ${queue}`, { 'messaging.destination.name': queue }, work),
  );
}

/** Tests start telemetry more than once; production never calls this. */
export function resetTelemetryForTests(): void {
  started = undefined;
  counters = new Map();
  gauges = new Map();
}

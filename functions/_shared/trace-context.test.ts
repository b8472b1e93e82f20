import { context, propagation, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inMessageTrace, withTraceContext } from './telemetry.js';

const exporter = new InMemorySpanExporter();

beforeAll(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(
    new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }),
  );
});
afterAll(() => {
  trace.disable();
  propagation.disable();
  context.disable();
});

describe('trace context through queue messages', () => {
  it('carries the sending request’s trace into the worker’s span', async () => {
    const tracer = trace.getTracer('test');
    const sent = await tracer.startActiveSpan('POST /api/imports/1/commit', async (span) => {
      const message = withTraceContext({ ownerId: 'o', importId: 'i' });
      span.end();
      return { message, traceId: span.spanContext().traceId, spanId: span.spanContext().spanId };
    });
    const carried = (sent.message as Record<string, unknown>)._trace as Record<string, string>;
    expect(carried.traceparent).toContain(sent.traceId);

    // The worker: another async context, only the message in hand.
    const seenTraceId = await context.with(ROOT_CONTEXT, () =>
      inMessageTrace(
        'import-jobs',
        JSON.parse(JSON.stringify(sent.message)),
        async () => trace.getActiveSpan()?.spanContext().traceId,
      ),
    );
    expect(seenTraceId).toBe(sent.traceId);
    const worker = exporter.getFinishedSpans().find((s) => s.name === 'queue import-jobs')!;
    expect(worker.spanContext().traceId).toBe(sent.traceId);
    expect(worker.parentSpanContext?.spanId).toBe(sent.spanId);
  });

  it('adds nothing to a message sent outside any trace', () => {
    const message = context.with(ROOT_CONTEXT, () => withTraceContext({ ownerId: 'o' }));
    expect(message).toEqual({ ownerId: 'o' });
  });
});

import { trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';

/**
 * Exports the hub's spans (src/observability/tracing.ts) over OTLP/HTTP when
 * OTEL_EXPORTER_OTLP_ENDPOINT is set; the exporter reads that variable (and the other
 * OTEL_EXPORTER_OTLP_* ones) itself. Returns the shutdown that flushes what is buffered.
 */
export function startTracing(): () => Promise<void> {
  const provider = new BasicTracerProvider({ spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())] });
  trace.setGlobalTracerProvider(provider);
  return () => provider.shutdown();
}

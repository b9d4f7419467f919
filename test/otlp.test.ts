import { loadConfig } from '../src/config/config';

/** Tracing is configured by OTEL_EXPORTER_OTLP_ENDPOINT alone (spans themselves: test/tracing.test.ts). */

test('tracing is off unless an endpoint is configured, and a bad one is refused', () => {
  expect(loadConfig({}).tracing).toBe(false);
  expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' }).tracing).toBe(true);
  expect(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector' })).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT/);
});

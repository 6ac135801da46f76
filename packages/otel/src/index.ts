export { GEN_AI, GENERAL, SWITCHBOARD } from './attributes/semconv.js';
export type { Telemetry } from './create-telemetry.js';
export { createTelemetry, withTelemetry } from './create-telemetry.js';
export type { FallbackAttempt } from './telemetry-hooks.js';
export type { TelemetryOptions } from './telemetry-options.js';

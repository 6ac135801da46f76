export type { FaultKind, FaultSpec, InstalledFault, RouteName } from './faults/fault-spec.js';
export type {
  BatchOptions,
  LatencyOptions,
  LimitPair,
  MockMode,
  MockServerOptions,
  RateLimitEnforcement,
  RateLimitOptions,
} from './options.js';
export { DEFAULT_MODELS } from './options.js';
export { formatResetDuration } from './rate-limits/duration.js';
export type {
  AttachRealtimeOptions,
  RealtimeAudioFormat,
  RealtimeClientEventRecord,
  RealtimeConnectionInfo,
  RealtimeController,
  RealtimeCredential,
  RealtimeDropMode,
  RealtimeDropOptions,
  RealtimeErrorInit,
  RealtimeLatency,
  RealtimeMidResponseDropOptions,
  RealtimeOpenDropOptions,
  RealtimeOptions,
  RealtimeRateLimit,
  RealtimeRateLimitSettings,
  RealtimeRefuseOptions,
  RealtimeRoute,
  RealtimeSilenceOptions,
  RealtimeUpgradeRecord,
} from './realtime/index.js';
export { attachRealtime } from './realtime/index.js';
export type { MockControl, MockStats, RequestFilter } from './server/control.js';
export type { RecordedRequest } from './server/request-log.js';
export type { MockServer } from './server/server.js';
export { startMockServer } from './server/server.js';
export { TRIGGERS } from './triggers.js';

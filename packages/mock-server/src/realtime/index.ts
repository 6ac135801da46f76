export type { RealtimeAudioFormat } from './audio.js';
export { type AttachRealtimeOptions, attachRealtime, type RealtimeController } from './controller.js';
export type {
  RealtimeClientEventRecord,
  RealtimeConnectionInfo,
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
} from './types.js';

export type { RealtimeAudioFormat } from './protocol/audio.js';
export { type AttachRealtimeOptions, attachRealtime, type RealtimeController } from './transport/controller.js';
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

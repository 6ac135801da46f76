/** Everything both builds of the package export, except `connectRealtime` and `wsTransport` (see index.ts). */
export type { ClientSecretSource } from './auth/client-secret-endpoint.js';
export type { RealtimeCapableProvider } from './connect-realtime.js';
export { mapServerError } from './errors/map-server-error.js';
export { mapUpgradeFailure, type UpgradeFailure } from './errors/map-upgrade-failure.js';
export { QueueFullError } from './errors/queue-full-error.js';
export { ReconnectFailedError } from './errors/reconnect-failed-error.js';
export { ResponseInterruptedError } from './errors/response-interrupted-error.js';
export type {
  ConversationItemCreateEvent,
  ConversationItemDeleteEvent,
  ConversationItemRetrieveEvent,
  ConversationItemTruncateEvent,
  InputAudioBufferAppendEvent,
  InputAudioBufferClearEvent,
  InputAudioBufferCommitEvent,
  OutputAudioBufferClearEvent,
  RealtimeClientEvent,
  RealtimeClientEventType,
  RealtimeInputContent,
  RealtimeInputItem,
  RealtimeResponseParams,
  ResponseCancelEvent,
  ResponseCreateEvent,
  SessionUpdateEvent,
} from './events/client-events.js';
export type {
  ConnectionState,
  ConnectionStateEvent,
  RealtimeEventOf,
  RealtimeLocalEvent,
  RealtimeSessionEvent,
  RealtimeSessionEventType,
  ResponseInterruptedEvent,
  ToolResultEvent,
} from './events/local-events.js';
export { parseServerEvent } from './events/parse-server-event.js';
export type { RawServerEvent } from './events/raw-server-event.js';
export type {
  AudioTimeoutTriggeredEvent,
  DtmfReceivedEvent,
  InputAudioClearedEvent,
  InputAudioCommittedEvent,
  OutputAudioClearedEvent,
  OutputAudioStartedEvent,
  OutputAudioStoppedEvent,
  SpeechStartedEvent,
  SpeechStoppedEvent,
} from './events/server/audio-buffer-events.js';
export type {
  ConversationCreatedEvent,
  ConversationItemAddedEvent,
  ConversationItemCreatedEvent,
  ConversationItemDeletedEvent,
  ConversationItemDoneEvent,
  ConversationItemRetrievedEvent,
  ConversationItemTruncatedEvent,
  InputTranscriptionCompletedEvent,
  InputTranscriptionDeltaEvent,
  InputTranscriptionFailedEvent,
  InputTranscriptionSegmentEvent,
} from './events/server/conversation-events.js';
export type {
  McpCallArgumentsDeltaEvent,
  McpCallArgumentsDoneEvent,
  McpCallCompletedEvent,
  McpCallFailedEvent,
  McpCallInProgressEvent,
  McpListToolsCompletedEvent,
  McpListToolsFailedEvent,
  McpListToolsInProgressEvent,
} from './events/server/mcp-events.js';
export type {
  ContentPartAddedEvent,
  ContentPartDoneEvent,
  FunctionCallArgumentsDeltaEvent,
  FunctionCallArgumentsDoneEvent,
  OutputAudioDeltaEvent,
  OutputAudioDoneEvent,
  OutputItemAddedEvent,
  OutputItemDoneEvent,
  OutputTextDeltaEvent,
  OutputTextDoneEvent,
  OutputTranscriptDeltaEvent,
  OutputTranscriptDoneEvent,
  ResponseCreatedEvent,
  ResponseDoneEvent,
} from './events/server/response-events.js';
export type {
  ErrorEvent,
  RateLimitsUpdatedEvent,
  SessionCreatedEvent,
  SessionUpdatedEvent,
} from './events/server/session-events.js';
export type {
  RealtimeContentPart,
  RealtimeErrorDetails,
  RealtimeItem,
  RealtimeRateLimit,
  RealtimeResponse,
  RealtimeServerSession,
  RealtimeUsage,
} from './events/server/shared-schemas.js';
export type { RealtimeServerEvent, RealtimeServerEventType } from './events/server-events.js';
export { SERVER_EVENT_SCHEMAS } from './events/server-events.js';
export type {
  RealtimeAudioFormat,
  RealtimeFunctionToolDefinition,
  RealtimeSessionConfig,
  RealtimeTurnDetection,
} from './events/session-config.js';
export type { HeartbeatOptions } from './heartbeat.js';
export { fromBase64, toBase64 } from './helpers/base64.js';
export { DEFAULT_AUDIO_CHUNK_BYTES, type Pcm16Input } from './helpers/pcm16.js';
export { RealtimeReply, type RealtimeReplyResult } from './helpers/realtime-reply.js';
export { defineTool, type RealtimeTool, type ToolCallContext } from './helpers/realtime-tool.js';
export type { ConnectRealtimeOptions, ReconnectOptions } from './options.js';
export {
  DEFAULT_HEARTBEAT,
  DEFAULT_MAX_QUEUE_BYTES,
  DEFAULT_RECONNECT,
  DEFAULT_RESPONSE_START_TIMEOUT_MS,
} from './options.js';
export type {
  RealtimeCloseInfo,
  RealtimeSessionStats,
  ReplyOptions,
  WaitForOptions,
} from './realtime-session.js';
export { RealtimeSession } from './realtime-session.js';
export type { BackoffOptions } from './reconnect/backoff.js';
export { RECONNECT_CLOSE_CODES } from './reconnect/close-codes.js';
export type { RuntimeKind } from './transport/detect-runtime.js';
export { globalWebSocketTransport, type WebSocketConstructor } from './transport/global-transport.js';
export type { TransportChoice } from './transport/select-transport.js';
export type {
  RealtimeTransport,
  TransportClose,
  TransportEvents,
  TransportFactory,
  TransportTarget,
} from './transport/transport.js';

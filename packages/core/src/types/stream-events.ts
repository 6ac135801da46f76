import type { ToolCall } from './chat-request.js';
import type { FinishReason } from './chat-response.js';
import type { RateLimitInfo, Usage } from './usage.js';

/** The stream has started: what the response headers and first chunk said. */
export interface StreamStartEvent {
  /** Discriminator. */
  type: 'start';
  /** The provider's response id. */
  id?: string;
  /** The model that answers. */
  model?: string;
  /** The provider's request id. */
  requestId?: string;
  /** Rate-limit state from the response headers. */
  rateLimit?: RateLimitInfo;
}

/** A piece of the answer text. */
export interface TextDeltaEvent {
  /** Discriminator. */
  type: 'text-delta';
  /** The new text. */
  delta: string;
}

/** A piece of a refusal. */
export interface RefusalDeltaEvent {
  /** Discriminator. */
  type: 'refusal-delta';
  /** The new refusal text. */
  delta: string;
}

/** A piece of the model's reasoning summary (reasoning models asked for `reasoning.summary`). */
export interface ReasoningDeltaEvent {
  /** Discriminator. */
  type: 'reasoning-delta';
  /** The new summary text. */
  delta: string;
}

/** A piece of a tool call; id and name arrive with the first piece of each call. */
export interface ToolCallDeltaEvent {
  /** Discriminator. */
  type: 'tool-call-delta';
  /** Position of the call in this turn. */
  index: number;
  /** The call id (first piece only). */
  id?: string;
  /** The function name (first piece only). */
  name?: string;
  /** The new piece of the JSON arguments. */
  argumentsDelta: string;
}

/** A tool call is complete. */
export interface ToolCallEvent {
  /** Discriminator. */
  type: 'tool-call';
  /** Position of the call in this turn. */
  index: number;
  /** The complete call. */
  toolCall: ToolCall;
}

/** Provider-specific data that arrived in the stream (e.g. Azure content-filter results). */
export interface ProviderMetadataEvent {
  /** Discriminator. */
  type: 'provider-metadata';
  /** Data keyed by provider name; merged into the final response. */
  providerMetadata: Record<string, Record<string, unknown>>;
}

/** The stream is over. */
export interface FinishEvent {
  /** Discriminator. */
  type: 'finish';
  /** Why the model stopped. */
  finishReason: FinishReason;
  /** The provider's own finish reason. */
  rawFinishReason: string | null;
  /** Token usage, when the provider reported it. */
  usage?: Usage;
}

/** An event of a chat stream. */
export type ChatStreamEvent =
  | StreamStartEvent
  | TextDeltaEvent
  | RefusalDeltaEvent
  | ReasoningDeltaEvent
  | ToolCallDeltaEvent
  | ToolCallEvent
  | ProviderMetadataEvent
  | FinishEvent;

/**
 * The connection is alive but carries no answer (an SSE comment or keep-alive line). Sources and middleware pass it
 * on so stream timeouts can see it (see `keepAliveResetsIdle`); the caller's `ChatStream` never yields it.
 */
export interface KeepAliveEvent {
  /** Discriminator. */
  type: 'keep-alive';
}

/** What flows between a stream's source, its middleware and the caller's `ChatStream`. */
export type ChatStreamPart = ChatStreamEvent | KeepAliveEvent;
